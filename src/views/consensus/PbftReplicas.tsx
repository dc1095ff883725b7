import { PBFT_PHASES, type PbftMoment } from '../../store/consensus/pbftTimeline';
import type { PbftResult } from './useLeaderRun';

/** A phase in a cell: a letter (the legend says which), the full word for screen readers and as its title. */
const SHORT = ['·', 'R', 'PP', 'P', 'C', 'E'] as const;

/**
 * PBFT at the cursor: a row per replica (its view, a view change in progress, its behaviour) and
 * a column per client request, each cell the furthest phase the request reached there.
 */
export function PbftReplicas({ moment, result }: { moment: PbftMoment; result: PbftResult }) {
  const requests = result.requests;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must be reachable by keyboard.
    <section className="pbft-scroll" aria-label="Replicas and the phase of each request" tabIndex={0}>
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
                    <td
                      key={q.request}
                      className={`phase p${phase}`}
                      title={PBFT_PHASES[phase]}
                      data-phase={PBFT_PHASES[phase]}
                    >
                      <span aria-hidden="true">{SHORT[phase]}</span>
                      <span className="visually-hidden">{PBFT_PHASES[phase]}</span>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="pbft-legend hint">
        · waiting, R received, PP pre-prepared, P prepared, C committed, E executed; ✓ committed at the client (f + 1
        matching replies).
      </p>
    </section>
  );
}
