import { schemeTableau10 } from 'd3';
import type { RaftMoment, RaftServerView } from '../../store/consensus/raftTimeline';

/** An entry's colour: one per term (terms cycle through ten colours), so a log shows where each term's entries sit. */
export const termColour = (term: number) => schemeTableau10[Math.max(0, term - 1) % 10];

const ROLE_WORDS = { leader: 'Leader', candidate: 'Candidate', follower: 'Follower' } as const;

/** One server's log: a box per entry coloured by its term, solid up to the commit index, outlined after it. */
function LogCells({ server }: { server: RaftServerView }) {
  const { log, commitIndex } = server;
  if (log.length === 0) return <span className="raft-empty">empty</span>;
  return (
    <ol className="raft-log" aria-label={`log of ${log.length} entries, committed up to ${commitIndex}`}>
      {log.map((e, i) => {
        const index = i + 1;
        const committed = index <= commitIndex;
        return (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: a log position is the entry's identity here.
            key={i}
            className={`raft-entry${committed ? ' committed' : ''}${index === commitIndex ? ' commit-mark' : ''}`}
            style={{ '--term': termColour(e.term) } as React.CSSProperties}
            title={`entry ${index}, term ${e.term}: ${e.value}${committed ? ' (committed)' : ''}`}
          >
            {e.term}
          </li>
        );
      })}
    </ol>
  );
}

/**
 * Raft at the cursor, RaftScope's way: a row per server with its role, term, vote and log
 * (entries coloured by term, the committed ones solid, the commit index marked by a bar).
 */
export function RaftServers({ moment, ids }: { moment: RaftMoment; ids: readonly string[] }) {
  return (
    <table className="raft-servers" data-testid="raft-servers">
      <caption>Servers at the cursor: role, term, vote and log (a number is the entry’s term)</caption>
      <thead>
        <tr>
          <th scope="col">Server</th>
          <th scope="col">Role</th>
          <th scope="col">Term</th>
          <th scope="col">Voted for</th>
          <th scope="col">Log</th>
        </tr>
      </thead>
      <tbody>
        {moment.servers.map((s, a) => (
          <tr key={ids[a]} data-agent={ids[a]} data-role={s.up ? s.role : 'down'} className={s.up ? s.role : 'down'}>
            <th scope="row">{ids[a]}</th>
            <td>
              <span className={`role-badge ${s.up ? s.role : 'down'}`}>{s.up ? ROLE_WORDS[s.role] : 'Crashed'}</span>
            </td>
            <td data-testid="raft-term">{s.term}</td>
            <td>{s.votedFor < 0 ? '—' : ids[s.votedFor]}</td>
            <td>
              <LogCells server={s} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
