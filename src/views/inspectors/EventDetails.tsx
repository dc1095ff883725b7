import type { SpaceTimeModel } from '../../worker/protocol';
import { clockOf, compareClocks, formatVector, relationTo } from './causality';

const WORDS = { before: 'before (happened first)', after: 'after', equal: 'equal', concurrent: 'concurrent' } as const;

/** The selected event: its clocks and how many events are in its causal past, future, or concurrent with it. */
export function EventDetails({ m, dot }: { m: SpaceTimeModel; dot: number }) {
  let past = 0;
  let future = 0;
  let concurrent = 0;
  for (let d = 0; d < m.count; d++) {
    const r = relationTo(m, dot, d);
    if (r === 'past') past++;
    else if (r === 'future') future++;
    else if (r === 'concurrent') concurrent++;
  }
  const engine = m.engineClock[dot];
  return (
    <section className="event-details" aria-label="Selected event" data-testid="event-details">
      <p>
        <strong>
          {m.source === 'log' ? `Line ${m.index[dot]}` : `Event #${m.index[dot]}`}: {m.agentIds[m.agent[dot]]}{' '}
          {m.label[dot]}
        </strong>{' '}
        — vector clock {formatVector(m.agentIds, clockOf(m, dot))}, Lamport {m.lamport[dot]}
        {engine && m.source === 'trace'
          ? `, engine clock {${Object.entries(engine)
              .map(([k, v]) => `${k}:${v}`)
              .join(', ')}}`
          : ''}
      </p>
      <p data-testid="causal-counts">
        Causal past: {past} events · causal future: {future} · concurrent: {concurrent}
      </p>
    </section>
  );
}

/** Two events' clocks entry by entry, and their order. */
export function ClockComparison({ m, a, b }: { m: SpaceTimeModel; a: number; b: number }) {
  const { entries, order } = compareClocks(m.agentIds, clockOf(m, a), clockOf(m, b));
  const name = (d: number) => `${m.agentIds[m.agent[d]]} ${m.label[d]} (#${m.index[d]})`;
  return (
    <section aria-label="Clock comparison" data-testid="clock-comparison">
      <p>
        <strong>{name(a)}</strong> is <strong data-testid="clock-order">{WORDS[order]}</strong>{' '}
        {order === 'concurrent' || order === 'equal' ? 'with' : ''} <strong>{name(b)}</strong>
      </p>
      <table className="strategy-compare clock-compare" aria-label="Clock entries compared">
        <thead>
          <tr>
            <th scope="col">Entry</th>
            <th scope="col">First</th>
            <th scope="col" />
            <th scope="col">Second</th>
          </tr>
        </thead>
        <tbody>
          <ClockEntryRows entries={entries} />
        </tbody>
      </table>
    </section>
  );
}

/** One row per clock entry: agent, left value, how they compare, right value (shared with the merge inspector). */
export function ClockEntryRows({
  entries,
}: {
  entries: readonly { agent: string; left: number; right: number; cmp: string }[];
}) {
  return (
    <>
      {entries.map((e) => (
        <tr key={e.agent}>
          <th scope="row">{e.agent}</th>
          <td>{e.left}</td>
          <td className={e.cmp === '<' ? 'lt' : e.cmp === '>' ? 'gt' : undefined}>{e.cmp}</td>
          <td>{e.right}</td>
        </tr>
      ))}
    </>
  );
}
