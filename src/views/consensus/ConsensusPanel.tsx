import { useId, useMemo, useState } from 'react';
import { type ByzantineMoment, verdictVisible } from '../../store/consensus/byzantineTimeline';
import { readOralMessages } from '../../store/consensus/oralMessages';
import { thresholdModel } from '../../store/consensus/thresholds';
import { type Tally, tallyAt } from '../../store/consensus/voteTimeline';
import { useStore } from '../../store/index';
import { jumpToDecision, jumpToEnd } from '../../store/playback';
import { AgreementBanner } from './AgreementBanner';
import { ByzantineCheck } from './ByzantineCheck';
import { ByzantineMatrix } from './ByzantineMatrix';
import { LeaderRunView } from './LeaderRunView';
import { OralMessagesView } from './OralMessagesView';
import { TallyBars } from './TallyBars';
import {
  type AgreementVerdict,
  type ConsensusSummary,
  fmt,
  useAgentIds,
  useByzantineMoment,
  useConsensusSummary,
  useVoteSteps,
} from './useConsensusRun';
import { useLeaderSummary } from './useLeaderRun';
import { WeightsTable } from './WeightsTable';

/** The Consensus tab: tallies at the cursor, the decision, participants; Byzantine evidence. */
export function ConsensusPanel() {
  const summary = useConsensusSummary();
  const leaderRun = useLeaderSummary() !== null;
  return (
    <div className="consensus-panel">
      <ByzantineCheck />
      {summary ? (
        <RunView summary={summary} />
      ) : leaderRun ? (
        <LeaderRunView />
      ) : (
        <p className="hint">
          Run a consensus scenario (quorum, weighted, Byzantine, Byzantine generals, gossip vote, Raft, PBFT) to see its
          votes, leaders and logs here.
        </p>
      )}
    </div>
  );
}

/** Oral messages have no votes to count: their own view reads the generals' orders and IC1/IC2. */
function RunView({ summary }: { summary: ConsensusSummary }) {
  const oral = useMemo(() => readOralMessages(summary.result), [summary]);
  return oral ? <OralMessagesView summary={summary} reading={oral} /> : <ConsensusRunView summary={summary} />;
}

function ConsensusRunView({ summary }: { summary: ConsensusSummary }) {
  const result = summary.result;
  const meta = result.metadata;
  const byzantine = result.algorithmUsed === 'byzantine';
  const steps = useVoteSteps();
  const cursor = useStore((s) => s.cursor);
  const atEnd = useStore((s) => s.cursor >= (s.trace?.length ?? 0) - 1);
  const moment = useByzantineMoment(byzantine ? summary.records : undefined);
  const agentCount = useStore((s) => s.summary?.agents ?? 0);
  const idOf = useAgentIds();
  const weights = useWeights();
  const addressOf = useMemo(() => {
    const map = new Map<string, number>();
    for (let i = 0; i < agentCount; i++) map.set(idOf(i), i);
    return (id: unknown) => (typeof id === 'string' ? (map.get(id) ?? -1) : -1);
  }, [agentCount, idOf]);
  const [perspective, setPerspective] = useState<string>(String(meta.decidedBy ?? ''));
  const model = thresholdModel(result);
  const tally = tallyAt(steps, cursor, {
    byzantine,
    requester: addressOf(meta.requester),
    perspective: addressOf(perspective || meta.decidedBy),
    weightOf: (i) => weights(idOf(i)),
  });
  return (
    <>
      <h3 className="consensus-title">
        {result.algorithmUsed}
        {meta.mode ? ` (${String(meta.mode)})` : ''} — {result.participants.length} participants
      </h3>
      <p className="rule">{model.rule}</p>
      {byzantine && summary.records && (
        <PerspectivePicker
          records={summary.records.filter((r) => r.honest).map((r) => r.agentId)}
          value={perspective || String(meta.decidedBy)}
          onChange={setPerspective}
        />
      )}
      <TallyBars tally={tally} model={model} />
      <TallyStatus tally={tally} summary={summary} />
      {summary.agreement &&
        typeof summary.agreement === 'object' &&
        ((moment ? verdictVisible(moment, summary.agreement) : atEnd) ? (
          <AgreementBanner
            agreement={summary.agreement}
            malicious={summary.records?.filter((r) => !r.honest).length ?? 0}
            f={Number(meta.faultTolerance ?? 1)}
          />
        ) : (
          <VerdictPending moment={moment} agreement={summary.agreement} />
        ))}
      {result.algorithmUsed === 'weighted' && (
        <WeightsTable participants={result.participants} weights={weights} tally={tally} addressOf={addressOf} />
      )}
      {!byzantine && result.algorithmUsed !== 'weighted' && (
        <Participants participants={result.participants} tally={tally} addressOf={addressOf} />
      )}
      {byzantine &&
        summary.records &&
        (moment ? (
          <ByzantineMatrix records={summary.records} moment={moment} />
        ) : (
          <p className="hint">Reading the run's messages for the matrix…</p>
        ))}
    </>
  );
}

/** Byzantine, before the outcome is known at the cursor: how many honest agents have decided so far. */
function VerdictPending({ moment, agreement }: { moment: ByzantineMoment | null; agreement: AgreementVerdict }) {
  const honest = agreement.approved.length + agreement.rejected.length + agreement.undecided.length;
  return (
    <p className="verdict-pending" data-testid="verdict-pending">
      {moment
        ? `Not every honest agent has decided at this point of the run: ${moment.decided} of ${moment.honest} so far (${moment.approved} approved, ${moment.rejected} rejected).`
        : `Not every honest agent has decided at this point of the run (${honest} honest agents).`}{' '}
      <button type="button" onClick={jumpToEnd}>
        Jump to the end
      </button>
    </p>
  );
}

/** Weight per agent id as the weighted algorithm reads it: run.agentWeights, else the agent's weight, else 1. */
function useWeights(): (id: string) => number {
  const run = useStore((s) => s.scenario.run);
  const topology = useStore((s) => s.topology);
  return useMemo(() => {
    const explicit = (run.agentWeights ?? {}) as Record<string, number>;
    const own = new Map(topology?.agents.map((a) => [a.id, a.weight]) ?? []);
    return (id: string) => explicit[id] ?? own.get(id) ?? 1;
  }, [run, topology]);
}

function PerspectivePicker({
  records,
  value,
  onChange,
}: {
  records: string[];
  value: string;
  onChange: (id: string) => void;
}) {
  const id = useId();
  return (
    <div className="field inline">
      <label htmlFor={id}>Tally as seen by</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {records.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
    </div>
  );
}

function TallyStatus({ tally, summary }: { tally: Tally; summary: ConsensusSummary }) {
  const result = summary.result;
  const n = result.participants.length;
  const decided = tally.decidedIndex >= 0;
  const early = result.metadata.decidedEarly === true;
  const roundNote = tally.round !== undefined ? ` Opinions after gossip round ${tally.round}.` : '';
  return (
    <div className="tally-status" aria-live="polite">
      <p data-testid="tally-text">
        {fmt(tally.voters)} of {n} votes counted: {tally.for} for, {tally.against} against, {tally.abstain} abstain
        {tally.duplicates > 0 ? ` (${tally.duplicates} repeated votes ignored)` : ''}.{roundNote}
      </p>
      {decided ? (
        <p className={`decision-line d-${tally.decision ?? result.decision}`} data-testid="decision">
          Decision: <strong>{tally.decision ?? result.decision}</strong>
          {early && (
            <span data-testid="decided-early">
              {' '}
              — <strong>decided early</strong>: with {result.votesFor + result.votesAgainst + result.votesAbstain} of{' '}
              {n} votes in ({result.votesFor} for, {result.votesAgainst} against) the outcome could no longer change, so
              the remaining votes were not waited for.
            </span>
          )}
          {!early && result.algorithmUsed === 'byzantine' && <span> — {perspectiveLabel(tally)}</span>}
          {!early && (result.algorithmUsed === 'quorum' || result.algorithmUsed === 'weighted') && (
            <span> — every vote counted.</span>
          )}
        </p>
      ) : (
        <p className="decision-line pending" data-testid="decision">
          Not decided yet at this point of the run.{' '}
          <button type="button" onClick={jumpToDecision}>
            Jump to the decision
          </button>
        </p>
      )}
    </div>
  );
}

/** Byzantine: the decision shown is one honest agent's own, after the votes broadcast delivered to it. */
function perspectiveLabel(tally: Tally): string {
  return `this agent's own decision, after ${tally.voters} delivered votes (every honest agent decides for itself).`;
}

const VOTE_CLASS = { for: 'v-for', against: 'v-against', abstain: 'v-abstain' } as const;

function Participants({
  participants,
  tally,
  addressOf,
}: {
  participants: string[];
  tally: Tally;
  addressOf: (id: string) => number;
}) {
  return (
    <details className="participants" open={participants.length <= 30}>
      <summary>Participants and their counted votes</summary>
      <ul className="chips" data-testid="participants">
        {participants.map((p) => {
          const v = tally.byVoter.get(addressOf(p));
          return (
            <li key={p} className={v ? VOTE_CLASS[v] : 'v-none'}>
              {p}: {v ?? 'not counted'}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
