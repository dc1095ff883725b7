import { PBFT_PHASES, type PbftMoment } from '../../store/consensus/pbftTimeline';
import type { PbftResult } from './useLeaderRun';

/** Short words for a phase in a cell; the full word is its title. */
const SHORT = ['—', 'received', 'pre-prep.', 'prepared', 'committed', 'executed'] as const;

/**
 * PBFT at the cursor: a row per replica (its view, a view change in progress, its behaviour) and
 * a column per client request, each cell the furthest phase the request reached there.
 */
export function PbftReplicas({ moment, result }: { moment: PbftMoment; result: PbftResult }) {
  const requests = result.requests;
  return (
    <table className="pbft-replicas" data-testid="pbft-replicas">
      <caption>Replicas at the cursor: view, and each request’s phase</caption>
      <thead>
        <tr>
          <th scope="col">Replica</th>
          <th scope="col">View</th>
          {requests.map((q) => (
            <th scope="col" key={q.request}>
              “{q.value}”{moment.committed[q.request] ? ' ✓' : ''}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {result.replicaStates.map((state, r) => {
          const rep = moment.replicas[r];
          const primary = r === moment.primary;
          return (
            <tr key={state.agentId} data-agent={state.agentId} className={rep.up ? undefined : 'down'}>
              <th scope="row">
                {state.agentId}
                {primary && <span className="role-badge leader">primary</span>}
                {state.behaviour !== 'honest' && <span className="role-badge liar">{state.behaviour}</span>}
              </th>
              <td>
                {rep.up ? rep.view : 'crashed'}
                {rep.changingTo !== null && <span className="changing"> → {rep.changingTo}</span>}
              </td>
              {requests.map((q) => {
                const phase = rep.phase[q.request];
                return (
                  <td key={q.request} className={`phase p${phase}`} title={PBFT_PHASES[phase]}>
                    {SHORT[phase]}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
