import { memo, useId, useState } from 'react';
import type { ByzantineMoment, MatrixRow } from '../../store/consensus/byzantineTimeline';
import type { AgentRecord } from './useConsensusRun';

const GLYPH: Record<string, string> = { for: '+', against: '−', abstain: '○' };
const DECISION_GLYPH: Record<string, string> = {
  approved: '✓',
  rejected: '✗',
  undecided: '…',
  crashed: '×',
  pending: '·',
};
const DECISION_TEXT: Record<string, string> = { pending: 'not decided yet' };
const short = (id: string) => id.replace(/^agent-/, '');

function evidenceText(evidence: Record<string, unknown>): string {
  return Object.entries(evidence)
    .map(([k, v]) =>
      typeof v === 'object' && v !== null
        ? `${k}: ${Object.entries(v as Record<string, unknown>)
            .map(([a, b]) => `${a} ${String(b)}`)
            .join(', ')}`
        : `${k}: ${String(v)}`,
    )
    .join('; ');
}

/**
 * What each honest agent has received from whom (the owners' direct SENDs) or
 * been delivered by reliable broadcast, with its decision, at the player's
 * cursor; malicious owners are marked. Then every flag an honest agent has
 * raised so far, with its reason and evidence. At the run's last event this is
 * the engine's records. Re-renders only when the matrix changes.
 */
export const ByzantineMatrix = memo(function ByzantineMatrix({
  records,
  moment,
}: {
  /** The engine's records: the columns (every participant, malicious ones marked). */
  records: AgentRecord[];
  moment: ByzantineMoment;
}) {
  const [view, setView] = useState<'received' | 'delivered'>('received');
  const selectId = useId();
  const honest = moment.rows;
  const nothing = moment.atEnd ? 'nothing' : 'nothing yet';
  const owners = records.map((r) => r.agentId);
  const malicious = new Set(records.filter((r) => !r.honest).map((r) => r.agentId));
  return (
    <section className="byz-matrix" aria-label="What each honest agent received">
      <div className="field inline">
        <label htmlFor={selectId}>Matrix shows</label>
        <select id={selectId} value={view} onChange={(e) => setView(e.target.value as typeof view)}>
          <option value="received">received (SEND)</option>
          <option value="delivered">delivered (broadcast)</option>
        </select>
      </div>
      <p
        className="matrix-progress"
        data-testid="matrix-progress"
        data-received={moment.receivedCells}
        data-delivered={moment.deliveredCells}
        data-decided={moment.decided}
        data-flags={moment.flags}
      >
        {moment.atEnd ? 'At the end of the run' : 'At this point of the run'}: {moment.receivedCells} of {moment.cells}{' '}
        votes received, {moment.deliveredCells} delivered; {moment.decided} of {moment.honest} honest agents decided
        {moment.decided > 0 ? ` (${moment.approved} approved, ${moment.rejected} rejected)` : ''}.
      </p>
      <div className="matrix-scroll">
        <table className="matrix" data-testid="byzantine-matrix">
          <caption>
            Rows: honest agents; columns: vote owners (⚠ malicious). + for, − against, ○ abstain, · {nothing}. Dec.: the
            agent's decision, ✓ approved, ✗ rejected{moment.atEnd ? '' : ', · not yet'}.
          </caption>
          <thead>
            <tr>
              <th scope="col">Agent</th>
              {owners.map((o) => (
                <th key={o} scope="col" className={malicious.has(o) ? 'bad' : undefined} title={o}>
                  {malicious.has(o) && (
                    <>
                      <span aria-hidden="true">⚠</span>
                      <br />
                    </>
                  )}
                  {short(o)}
                  {malicious.has(o) && <span className="visually-hidden"> (malicious)</span>}
                </th>
              ))}
              <th scope="col" title="Decision">
                Dec.
              </th>
            </tr>
          </thead>
          <tbody>
            {honest.map((r) => (
              <tr key={r.agentId} data-agent={r.agentId}>
                <th scope="row">{short(r.agentId)}</th>
                {owners.map((o) => {
                  const v = r[view][o];
                  return (
                    <td key={o} className={v ? `v-${v}` : 'v-none'} title={`${r.agentId} ← ${o}: ${v ?? nothing}`}>
                      {v ? GLYPH[v] : '·'}
                    </td>
                  );
                })}
                <td
                  className={`decision d-${r.decision}`}
                  data-testid={`decision-${r.agentId}`}
                  title={`${r.agentId} ${DECISION_TEXT[r.decision] ?? r.decision}`}
                >
                  <span aria-hidden="true">{DECISION_GLYPH[r.decision] ?? '?'}</span>
                  <span className="visually-hidden">{DECISION_TEXT[r.decision] ?? r.decision}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FlagList honest={honest} atEnd={moment.atEnd} />
    </section>
  );
});

function FlagList({ honest, atEnd }: { honest: MatrixRow[]; atEnd: boolean }) {
  const flags = honest.flatMap((r) => r.flags.map((f) => ({ by: r.agentId, ...f })));
  if (flags.length === 0)
    return (
      <p className="hint">{atEnd ? 'No honest agent flagged anyone.' : 'No honest agent has flagged anyone yet.'}</p>
    );
  const ids = (silence: boolean) =>
    [...new Set(flags.filter((f) => (f.reason === 'silence') === silence).map((f) => f.agentId))].sort();
  const liars = ids(false);
  const unheard = ids(true).filter((id) => !liars.includes(id));
  return (
    <details className="flags" data-testid="flags">
      <summary>
        {flags.length} flags raised by honest agents
        {liars.length > 0 && `; caught lying: ${liars.join(', ')}`}
        {unheard.length > 0 && `; never heard from (silent, crashed or cut off): ${unheard.join(', ')}`}
      </summary>
      <ul>
        {flags.map((f) => (
          <li key={`${f.by}:${f.agentId}`}>
            <strong>{f.by}</strong> flagged <strong>{f.agentId}</strong>: {f.reason}
            {Object.keys(f.evidence).length > 0 && <span className="evidence"> ({evidenceText(f.evidence)})</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}
