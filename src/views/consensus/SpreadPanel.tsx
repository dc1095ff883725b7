import { useMemo } from 'react';
import { type FloodSeries, floodSeries, hopReached, informedBy } from '../../store/consensus/floodSeries';
import { roundAtCursor, type SpreadSeries, spreadSeries } from '../../store/consensus/spreadSeries';
import { type VoteStep, voteSteps } from '../../store/consensus/voteTimeline';
import { useStore } from '../../store/index';
import { roundsEndedBy } from '../../store/stage/fieldModel';
import { resultOf, type TraceColumns } from '../../worker/protocol';
import { AggregateField } from '../stage/AggregateField';
import { SpreadChart } from './SpreadChart';
import { fmt, pct } from './useConsensusRun';

/** The round-end steps of a trace, from the index's round ends (what roundAtCursor reads). */
function roundSteps(trace: TraceColumns, roundEnds: readonly number[]): VoteStep[] {
  return roundEnds.map((i) => {
    const detail = (trace.e[i] >= 0 ? trace.values[trace.e[i]] : undefined) as { round?: unknown } | undefined;
    return {
      index: i,
      t: trace.t[i],
      name: 'roundEnd',
      agent: trace.a[i],
      peer: trace.b[i],
      round: typeof detail?.round === 'number' ? detail.round : undefined,
    };
  });
}

/** The Spread tab: informed share per hop (flood) or per round (rumor), or agreement ratio (gossip vote), following the player. */
export function SpreadPanel() {
  const runKind = useStore((s) => s.summary?.runKind);
  return runKind === 'flood' ? <FloodSpread /> : <RoundSpread />;
}

/** A flood's spread: informed agents after each hop from the origin, the cursor's hop marked. */
function FloodSpread() {
  const summary = useStore((s) => s.summary);
  const trace = useStore((s) => s.trace);
  const series = useMemo(() => floodSeries(summary, trace), [summary, trace]);
  // Re-render only when one more agent is informed at the cursor, not on every event of the replay.
  const informed = useStore((s) => (series ? informedBy(series, s.cursor) : 0));
  if (!series) return <p className="hint">This flood has no trace to chart: run it again to see how it spread.</p>;
  const hop = hopReached(series, informed);
  const chart = { kind: 'rumor' as const, yLabel: 'informed share', expected: [], ...series };
  return (
    <div className="spread-panel" data-testid="flood-spread">
      <h3>{series.title}</h3>
      <p className="hint" data-testid="spread-note">
        Each agent forwards its first copy to its other neighbours: hop h holds the agents that heard it over h links.
      </p>
      <p
        className="chart-readout"
        aria-live="polite"
        data-testid="chart-readout"
        data-round={hop}
        data-count={informed}
      >
        {`Hop ${hop}: ${fmt(informed)} of ${fmt(series.live)} live agents informed (${pct(series.live > 0 ? Math.min(1, informed / series.live) : 0)}); in the end ${fmt(series.informed)}.`}
      </p>
      <SpreadChart series={chart} round={hop} xLabel="hop" />
      <FloodTable series={series} hop={hop} />
    </div>
  );
}

function FloodTable({ series, hop }: { series: FloodSeries; hop: number }) {
  return (
    <ChartTable
      caption={series.title}
      columns={['Hop', 'Informed']}
      rows={series.observed.map((p) => [`${fmt(p.count)} (${pct(p.value)})`])}
      current={hop}
    />
  );
}

/** A chart's data as a table under a disclosure: one row per round or hop, the cursor's marked. */
function ChartTable({
  caption,
  columns,
  rows,
  current,
}: {
  caption: string;
  columns: readonly string[];
  /** The cells after the row's number, per row. */
  rows: readonly (readonly string[])[];
  current: number;
}) {
  return (
    <details className="chart-table">
      <summary>Chart data as a table</summary>
      <table data-testid="spread-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, r) => (
            <tr
              // biome-ignore lint/suspicious/noArrayIndexKey: a row is its round number.
              key={r}
              aria-current={r === current ? 'step' : undefined}
              className={r === current ? 'current' : undefined}
            >
              <th scope="row">{r}</th>
              {cells.map((cell, c) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: columns are fixed.
                <td key={c}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** A rumor's or a gossip vote's spread, round by round. */
function RoundSpread() {
  const summary = useStore((s) => s.summary);
  const trace = useStore((s) => s.trace);
  // The panel changes only when a round ends: it follows the rounds ended at the cursor, not every
  // event (a re-render per frame of the replay, chart and table included, showed in its profile).
  const roundsEnded = useStore((s) => roundsEndedBy(s.traceIndex?.roundEnds ?? [], s.cursor));
  const traceIndex = useStore((s) => s.traceIndex);
  const series = useMemo(() => spreadSeries(summary, summary?.agents ?? 0), [summary]);
  // A rumor's rounds are the index's round ends (a handful); only a gossip vote needs its vote steps,
  // and scanning a 300,000-event rumor trace for them during a render stalled the first frames.
  const steps = useMemo(
    () => (!trace ? [] : series?.kind === 'rumor' ? roundSteps(trace, traceIndex?.roundEnds ?? []) : voteSteps(trace)),
    [trace, traceIndex, series?.kind],
  );
  // A well-mixed run has no swarm to light: its field of cells stands beside the curve instead.
  const rumor = resultOf(summary, 'rumor');
  const wellMixed = rumor?.model === 'well-mixed' ? rumor : undefined;
  if (!series) return <p className="hint">Run a flood, rumor spreading or a gossip vote to chart how it spreads.</p>;
  const lastRoundEnd = roundsEnded > 0 ? (traceIndex?.roundEnds[roundsEnded - 1] ?? -1) : -1;
  const at = roundAtCursor(trace, steps, lastRoundEnd);
  const round = Math.min(at.round, series.observed.length - 1);
  return (
    <div className="spread-panel">
      <h3>{series.title}</h3>
      {series.note && (
        <p className="hint" data-testid="spread-note">
          {series.note}
        </p>
      )}
      <Readout series={series} round={round} traceInformed={at.informed} />
      {wellMixed ? (
        <div className="spread-with-field">
          <SpreadChart series={series} round={round} />
          <AggregateField
            agents={wellMixed.agents}
            informedPerRound={wellMixed.informedPerRound}
            seed={summary?.seed ?? 1}
            aspect={1}
            className="panel-field"
            testId="panel-field"
          />
        </div>
      ) : (
        <SpreadChart series={series} round={round} />
      )}
      <p className="legend">
        <span className="key observed">●— observed</span>{' '}
        <span className="key expected">- - mean-field (well-mixed swarm)</span>
        {series.target !== undefined && <span className="key target"> ··· convergence threshold {series.target}</span>}
      </p>
      <DataTable series={series} round={round} />
    </div>
  );
}

function Readout({ series, round, traceInformed }: { series: SpreadSeries; round: number; traceInformed?: number }) {
  const p = series.observed[round];
  const e = series.expected[Math.min(round, series.expected.length - 1)];
  if (!p) return null;
  const text =
    series.kind === 'rumor'
      ? `Round ${round}: ${fmt(p.count)} of ${fmt(series.live ?? series.total)} informed (${pct(p.value)}); mean-field (well-mixed) expects ${fmt(e?.count ?? 0, 1)}.`
      : `Round ${round}: agreement ratio ${p.value.toFixed(2)} (${fmt(p.count)} of ${fmt(series.total)} hold the leading vote); mean-field expects ${(e?.value ?? 0).toFixed(2)}.`;
  return (
    <p
      className="chart-readout"
      aria-live="polite"
      data-testid="chart-readout"
      data-round={round}
      data-count={p.count}
      data-trace-informed={traceInformed}
    >
      {text}
    </p>
  );
}

function DataTable({ series, round }: { series: SpreadSeries; round: number }) {
  const rows = Math.max(series.observed.length, series.expected.length);
  const unit = series.kind === 'rumor' ? 'informed' : 'agreement ratio';
  const show = (p?: { value: number; count: number }) =>
    !p ? '—' : series.kind === 'rumor' ? `${fmt(p.count, 1)} (${pct(p.value)})` : p.value.toFixed(3);
  return (
    <ChartTable
      caption={series.title}
      columns={['Round', `Observed ${unit}`, 'Mean-field']}
      rows={Array.from({ length: rows }, (_, r) => [show(series.observed[r]), show(series.expected[r])])}
      current={round}
    />
  );
}
