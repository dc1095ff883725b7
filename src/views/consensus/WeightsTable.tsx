import type { Tally } from '../../store/consensus/voteTimeline';
import { fmt, useAgentLabel } from './useConsensusRun';

/** Weighted runs: each participant's weight, share of the total, and counted vote at the cursor. */
export function WeightsTable({
  participants,
  weights,
  tally,
  addressOf,
}: {
  participants: string[];
  weights: (id: string) => number;
  tally: Tally;
  addressOf: (id: string) => number;
}) {
  const labelOf = useAgentLabel();
  const total = participants.reduce((s, p) => s + weights(p), 0);
  return (
    <table className="weights" data-testid="weights-table">
      <caption>Weights (total {fmt(total)})</caption>
      <thead>
        <tr>
          <th scope="col">Agent</th>
          <th scope="col">Weight</th>
          <th scope="col">Share</th>
          <th scope="col">Vote</th>
        </tr>
      </thead>
      <tbody>
        {participants.map((p) => {
          const w = weights(p);
          const v = tally.byVoter.get(addressOf(p));
          return (
            <tr key={p}>
              <th scope="row">
                {p}
                {labelOf(p) !== p && <span className="agent-label"> {labelOf(p)}</span>}
              </th>
              <td>{fmt(w)}</td>
              <td>{total > 0 ? `${((w / total) * 100).toFixed(0)} %` : '—'}</td>
              <td className={v ? `v-${v}` : 'v-none'}>{v ?? 'not counted'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
