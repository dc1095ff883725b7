import { useId, useState } from 'react';
import type { AgentRecord } from './useConsensusRun';

const GLYPH: Record<string, string> = { for: '+', against: '−', abstain: '○' };
const DECISION_GLYPH: Record<string, string> = { approved: '✓', rejected: '✗', undecided: '…', crashed: '×' };
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
 * What each honest agent received from whom (the owners' direct SENDs) or was
 * delivered by reliable broadcast, with its decision; malicious owners are
 * marked. Then every flag an honest agent raised, with its reason and evidence.
 */
export function ByzantineMatrix({ records }: { records: AgentRecord[] }) {
  const [view, setView] = useState<'received' | 'delivered'>('received');
  const selectId = useId();
  const honest = records.filter((r) => r.honest);
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
      <div className="matrix-scroll">
        <table className="matrix" data-testid="byzantine-matrix">
          <caption>
            Rows: honest agents; columns: vote owners (⚠ malicious). + for, − against, ○ abstain, · nothing. Dec.: the
            agent's decision, ✓ approved, ✗ rejected.
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
                    <td key={o} className={v ? `v-${v}` : 'v-none'} title={`${r.agentId} ← ${o}: ${v ?? 'nothing'}`}>
                      {v ? GLYPH[v] : '·'}
                    </td>
                  );
                })}
                <td
                  className={`decision d-${r.decision}`}
                  data-testid={`decision-${r.agentId}`}
                  title={`${r.agentId} ${r.decision}`}
                >
                  <span aria-hidden="true">{DECISION_GLYPH[r.decision] ?? '?'}</span>
                  <span className="visually-hidden">{r.decision}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FlagList honest={honest} />
    </section>
  );
}

function FlagList({ honest }: { honest: AgentRecord[] }) {
  const flags = honest.flatMap((r) => r.flags.map((f) => ({ by: r.agentId, ...f })));
  if (flags.length === 0) return <p className="hint">No honest agent flagged anyone.</p>;
  return (
    <details className="flags" data-testid="flags">
      <summary>
        {flags.length} flags raised by honest agents ({[...new Set(flags.map((f) => f.agentId))].sort().join(', ')}{' '}
        suspected)
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
