import { commandWords, PBFT_THEORY_WORDS, pbftPhaseRows, raftMessageLines } from '../../store/consensus/leaderWords';
import { leadersAt } from '../../store/consensus/raftTimeline';
import type { RunSummary } from '../../worker/protocol';
import { PbftReplicas } from './PbftReplicas';
import { PropertyVerdicts } from './PropertyVerdicts';
import { RaftServers } from './RaftServers';
import {
  type PbftResult,
  type RaftResult,
  useCursorTime,
  useLeaderSummary,
  usePbftMoment,
  useRaftMoment,
} from './useLeaderRun';
import './leaders.css';

const fmt = (n: number) => n.toLocaleString('en-US');

/** The Consensus tab for leader-based runs (Raft, PBFT): the state at the cursor, the properties, the costs. */
export function LeaderRunView() {
  const summary = useLeaderSummary();
  if (!summary) return null;
  return summary.runKind === 'raft' ? (
    <RaftView summary={summary} result={summary.result} />
  ) : (
    <PbftView summary={summary} result={summary.result} />
  );
}

function RaftView({ summary, result }: { summary: RunSummary; result: RaftResult }) {
  const moment = useRaftMoment(summary.agents);
  const { t, atEnd } = useCursorTime();
  if (!moment) return null;
  const ids = summary.agentIds;
  const leaders = leadersAt(moment);
  const term = Math.max(0, ...moment.servers.map((s) => s.term));
  const elected = result.leaders.filter((l) => l.atMs <= t);
  return (
    <div className="leader-run" data-testid="raft-view">
      <h3 className="consensus-title">Raft — {result.servers} servers</h3>
      <p className="leader-now" data-testid="raft-now" aria-live="polite">
        At {fmt(t)} ms: highest term {term};{' '}
        {leaders.length === 0
          ? 'no leader (an election may be under way).'
          : leaders.length === 1
            ? `leader ${ids[leaders[0]]} (term ${moment.servers[leaders[0]].term}).`
            : `${leaders.length} servers believe they lead: ${leaders.map((a) => `${ids[a]} (term ${moment.servers[a].term})`).join(', ')}.`}
      </p>
      <RaftServers moment={moment} ids={ids} />
      <p className="hint">
        Elections so far:{' '}
        {elected.length === 0
          ? 'none'
          : elected.map((l) => `${l.agentId} in term ${l.term} at ${fmt(l.atMs)} ms`).join('; ')}
        .
      </p>
      {result.commands.length > 0 && (
        <details className="leader-commands" open={result.commands.length <= 6}>
          <summary>Client commands</summary>
          <ul data-testid="raft-commands">
            {result.commands.map((c) => (
              <li key={c.command}>{commandWords(c, t)}</li>
            ))}
          </ul>
        </details>
      )}
      <PropertyVerdicts properties={summary.properties} violated={moment.violated} atEnd={atEnd} />
      <section className="leader-costs" aria-labelledby="raft-costs-title">
        <h3 id="raft-costs-title">Messages beside the theory</h3>
        {raftMessageLines(result).map((line) => (
          <p key={line}>{line}</p>
        ))}
      </section>
    </div>
  );
}

function PbftView({ summary, result }: { summary: RunSummary; result: PbftResult }) {
  const moment = usePbftMoment(summary.agents, result.requests.length);
  const { t, atEnd } = useCursorTime();
  if (!moment) return null;
  const ids = summary.agentIds;
  const q = result.quorums;
  return (
    <div className="leader-run" data-testid="pbft-view">
      <h3 className="consensus-title">
        PBFT — {result.replicas} replicas, f = {result.faultTolerance}
      </h3>
      <p className="rule">
        A request is prepared with {q.prepare} matching prepares besides the pre-prepare and committed with {q.commit}{' '}
        matching commits{result.teaching.weakQuorums ? ' (teaching switch: quorums of f + 1)' : ''}.
      </p>
      <p className="leader-now" data-testid="pbft-now" aria-live="polite">
        At {fmt(t)} ms: view {moment.view}, primary {ids[moment.primary]}
        {moment.view > 0 ? ` (${moment.view} view change${moment.view > 1 ? 's' : ''} so far)` : ''};{' '}
        {moment.committed.filter(Boolean).length} of {result.requests.length} requests committed.
      </p>
      <PbftReplicas moment={moment} result={result} />
      <PropertyVerdicts properties={summary.properties} violated={moment.violated} atEnd={atEnd} />
      <section className="leader-costs" aria-labelledby="pbft-costs-title">
        <h3 id="pbft-costs-title">Messages per committed request beside the theory</h3>
        <table className="pbft-theory">
          <thead>
            <tr>
              <th scope="col">Phase</th>
              <th scope="col">Measured</th>
              <th scope="col">Theory</th>
            </tr>
          </thead>
          <tbody>
            {pbftPhaseRows(result).map((row) => (
              <tr key={row.phase}>
                <th scope="row">{row.phase}</th>
                <td>{row.measured}</td>
                <td title={PBFT_THEORY_WORDS[row.phase as keyof typeof PBFT_THEORY_WORDS]}>{row.theory}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">
          In theory, per request: pre-prepare n − 1, prepare (n − 1)², commit n(n − 1) — O(n²) per phase.
        </p>
      </section>
    </div>
  );
}
