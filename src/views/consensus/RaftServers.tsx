import { lab, schemeTableau10 } from 'd3';
import type { RaftMoment, RaftServerView } from '../../store/consensus/raftTimeline';

/** An entry's colour: one per term (terms cycle through ten colours), so a log shows where each term's entries sit. */
export const termColour = (term: number) => schemeTableau10[Math.max(0, term - 1) % 10];

/** Black or white, whichever reads on a committed entry of that term's colour. */
const termInk = (term: number) => (lab(termColour(term)).l > 62 ? '#111' : '#fff');

const ROLE_WORDS = { leader: 'Leader', candidate: 'Candidate', follower: 'Follower' } as const;

/** One server's log: a box per entry coloured by its term, solid up to the commit index, outlined after it. */
function LogCells({ server }: { server: RaftServerView }) {
  const { log, commitIndex } = server;
  if (log.length === 0) return <span className="raft-empty">empty</span>;
  return (
    <ol
      className="raft-log"
      aria-label={`log of ${log.length} ${log.length === 1 ? 'entry' : 'entries'}, committed up to ${commitIndex}`}
    >
      {log.map((e, i) => {
        const index = i + 1;
        const committed = index <= commitIndex;
        return (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: a log position is the entry's identity here.
            key={i}
            className={`raft-entry${committed ? ' committed' : ''}${index === commitIndex ? ' commit-mark' : ''}`}
            style={{ '--term': termColour(e.term), '--term-ink': termInk(e.term) } as React.CSSProperties}
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
 * Raft at the cursor, RaftScope's way: a card per server with its role, term and vote, and its
 * log underneath (entries coloured by term, the committed ones solid, the commit index marked by
 * a bar) — a list rather than a table, so a long log wraps under its server in a narrow column.
 */
export function RaftServers({ moment, ids }: { moment: RaftMoment; ids: readonly string[] }) {
  return (
    <section aria-labelledby="raft-servers-title">
      <h4 id="raft-servers-title" className="leader-caption">
        Servers at the cursor: role, term, vote and log (a number is the entry’s term; solid entries are committed)
      </h4>
      <ul className="raft-servers" data-testid="raft-servers">
        {moment.servers.map((s, a) => {
          const role = s.up ? s.role : 'down';
          return (
            <li key={ids[a]} data-agent={ids[a]} data-role={role} className={`raft-server ${role}`}>
              <div className="raft-head">
                <strong>{ids[a]}</strong>
                <span className={`role-badge ${role}`}>{s.up ? ROLE_WORDS[s.role] : 'Crashed'}</span>
                <span>term {s.term}</span>
                <span>{s.votedFor < 0 ? 'no vote' : `voted for ${ids[s.votedFor]}`}</span>
              </div>
              <LogCells server={s} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
