import type { Agent, VoteType } from '../core/agent';
import { check, ValidationError } from '../core/errors';
import { Prng } from '../core/prng';
import type { SwarmCoordinator } from '../core/swarmCoordinator';
import { DEFAULT_NETWORK } from '../network/faults';
import { Network } from '../network/network';
import { Trace } from '../trace/trace';
import { ByzantineConsensus } from './byzantine';
import { GossipProtocol } from './gossip';
import { gossipNetworkResult, runGossipOnNetwork } from './gossipNetwork';
import { OralMessagesAlgorithm } from './oralMessagesAlgorithm';
import { QuorumAlgorithm } from './quorum';
import { runReliableBroadcast } from './reliableBroadcast';
import { isVoteType } from './tally';
import type { ConsensusAlgorithm, ConsensusResult, Decision, IgnoredVote, Proposal, Vote } from './types';
import { oppositeVote, policyVote } from './votingPolicy';
import { WeightedAlgorithm } from './weighted';

export interface ConsensusManagerOptions {
  /** Algorithm used when a request names none. Default `'quorum'`. */
  defaultAlgorithm?: string;
  /** The run's PRNG (votes by probability, gossip contacts, malicious choices). Default `new Prng(1)`. */
  rng?: Prng;
}

export interface RequestOptions {
  algorithm?: string;
  /** Simulated ms to wait. Default 30,000. */
  timeoutMs?: number;
  /** Agent ids asked to vote; default every live agent. */
  participants?: readonly string[];
  /** The agent that sends `consensus_request`; default the first participant that is alive. */
  requester?: string;
}

export interface AlgorithmStats {
  totalProposals: number;
  approved: number;
  rejected: number;
  timeouts: number;
  approvalRate: number;
  avgDurationMs: number;
}

/** Open or finished proposal, keyed by id, so that `recordVote` knows its participants. */
interface Session {
  participants: Set<string>;
  votes: Vote[];
  voters: Set<string>;
  ignored: IgnoredVote[];
  closed: boolean;
}

const VOTE_TAG = 'vote';
const REQUEST_TAG = 'consensus_request';

/**
 * Runs proposals as messages on the swarm's simulated network (the seed's
 * `ConsensusManager`). The requester sends `consensus_request` to every
 * participant; each answers by its behaviour (honest agents by their voting
 * policy); votes come back with network latency; the decision is taken as soon
 * as no missing vote can change it, or at the deadline. A deadline with the
 * outcome still open returns `decision: 'timeout'` with the counts so far
 * instead of throwing the seed's TimeoutError, because the playground shows it.
 * @example
 * const manager = new ConsensusManager(SwarmCoordinator.fromTopology({ kind: 'mesh' }, 5, rng), { defaultAlgorithm: 'quorum' });
 * manager.requestConsensus({ proposalId: 'deploy-v2.0', action: 'deploy' }, { timeoutMs: 30_000 }).decision // 'approved'
 */
export class ConsensusManager {
  readonly defaultAlgorithm: string;
  private readonly algorithms = new Map<string, ConsensusAlgorithm>();
  private readonly sessions = new Map<string, Session>();
  private readonly results: ConsensusResult[] = [];
  private readonly rng: Prng;
  private nextId = 1;

  constructor(
    readonly coordinator: SwarmCoordinator,
    options: ConsensusManagerOptions = {},
  ) {
    this.rng = options.rng ?? new Prng(1);
    this.algorithms.set('quorum', new QuorumAlgorithm({ mode: 'simple' }));
    this.algorithms.set('weighted', new WeightedAlgorithm());
    this.algorithms.set('byzantine', new ByzantineConsensus());
    this.algorithms.set('gossip', new GossipProtocol());
    this.algorithms.set('oral-messages', new OralMessagesAlgorithm());
    this.defaultAlgorithm = options.defaultAlgorithm ?? 'quorum';
    this.algorithm(this.defaultAlgorithm, 'defaultAlgorithm');
  }

  /** Adds or replaces an algorithm under `name` (built-ins included). */
  registerAlgorithm(name: string, algorithm: ConsensusAlgorithm): void {
    check(typeof name === 'string' && name.length > 0, 'name', 'must be a non-empty string');
    check(typeof algorithm?.evaluate === 'function', 'algorithm', 'must implement ConsensusAlgorithm (evaluate)');
    this.algorithms.set(name, algorithm);
  }

  get algorithmNames(): string[] {
    return [...this.algorithms.keys()];
  }

  /**
   * Records a vote for a proposal: before the request (a pre-recorded vote), while
   * it runs (what arriving `vote` messages do) or after it (kept, reported, not
   * counted). Returns whether the vote counts: the first vote of each participant.
   */
  recordVote(proposalId: string, agentId: string, vote: VoteType, weight?: number): boolean {
    check(typeof proposalId === 'string' && proposalId.length > 0, 'proposalId', 'must be a non-empty string');
    check(isVoteType(vote), 'vote', "must be 'for', 'against' or 'abstain'");
    if (weight !== undefined) check(Number.isFinite(weight) && weight > 0, 'weight', 'must be a finite number > 0');
    let s = this.sessions.get(proposalId);
    if (!s) {
      s = { participants: new Set(), votes: [], voters: new Set(), ignored: [], closed: false };
      this.sessions.set(proposalId, s);
    }
    const reason = s.closed
      ? 'after the decision'
      : s.participants.size > 0 && !s.participants.has(agentId)
        ? 'not a participant'
        : s.voters.has(agentId)
          ? 'duplicate'
          : undefined;
    if (reason) s.ignored.push({ agentId, vote, reason });
    else {
      s.votes.push(weight === undefined ? { agentId, vote } : { agentId, vote, weight });
      s.voters.add(agentId);
    }
    return reason === undefined;
  }

  /** Runs one proposal to its decision on the simulated network. */
  requestConsensus(proposal: Proposal, options: RequestOptions = {}): ConsensusResult {
    check(
      typeof proposal === 'object' && proposal !== null && !Array.isArray(proposal),
      'proposal',
      'must be an object',
    );
    const proposalId = this.proposalIdOf(proposal);
    const timeoutMs = options.timeoutMs ?? 30_000;
    check(Number.isFinite(timeoutMs) && timeoutMs >= 1, 'timeoutMs', 'must be a number ≥ 1');
    const name = options.algorithm ?? this.defaultAlgorithm;
    const algorithm = this.algorithm(name, 'algorithm');
    const net = this.network();
    const participants = this.participantsOf(options.participants, net);
    const requester = this.requesterOf(options.requester, participants, net);
    const result =
      algorithm.protocol === 'reliable-broadcast'
        ? this.reliable(algorithm, proposal, proposalId, participants, requester, timeoutMs)
        : algorithm instanceof OralMessagesAlgorithm
          ? algorithm.runOnNetwork({
              net,
              rng: this.rng,
              proposal,
              proposalId,
              coordinator: this.coordinator,
              participants,
              requester,
            })
          : this.direct(algorithm, proposal, proposalId, participants, requester, timeoutMs);
    const final = { ...result, algorithmUsed: name };
    this.results.push(final);
    return final;
  }

  /** Totals over every request so far, overall and per algorithm name. */
  getAlgorithmStats(): AlgorithmStats & { byAlgorithm: Record<string, AlgorithmStats> } {
    const byAlgorithm: Record<string, AlgorithmStats> = {};
    for (const name of new Set(this.results.map((r) => r.algorithmUsed))) {
      byAlgorithm[name] = statsOf(this.results.filter((r) => r.algorithmUsed === name));
    }
    return { ...statsOf(this.results), byAlgorithm };
  }

  private algorithm(name: string, field: string): ConsensusAlgorithm {
    const a = this.algorithms.get(name);
    if (!a) throw new ValidationError(field, `unknown algorithm "${name}" (known: ${this.algorithmNames.join(', ')})`);
    return a;
  }

  private proposalIdOf(proposal: Proposal): string {
    if (proposal.proposalId === undefined) {
      let id = `proposal-${this.nextId++}`;
      while (this.sessions.get(id)?.closed) id = `proposal-${this.nextId++}`;
      return id;
    }
    check(
      typeof proposal.proposalId === 'string' && proposal.proposalId.length > 0,
      'proposalId',
      'must be a non-empty string',
    );
    check(
      !this.sessions.get(proposal.proposalId)?.closed,
      'proposalId',
      `"${proposal.proposalId}" was already decided`,
    );
    return proposal.proposalId;
  }

  /** The attached network, or a default one (10–50 ms latency, no loss) attached on first use. */
  private network(): Network {
    if (this.coordinator.network) return this.coordinator.network;
    const net = new Network(this.coordinator.size, DEFAULT_NETWORK, this.rng.fork(0x6e6574), new Trace(false));
    this.coordinator.attach(net);
    return net;
  }

  private participantsOf(ids: readonly string[] | undefined, net: Network): number[] {
    const all = this.coordinator.agents.map((_, i) => i);
    const chosen = ids === undefined ? all.filter((i) => net.isAlive(i)) : ids.map((id) => this.indexOf(id));
    check(new Set(chosen).size === chosen.length, 'participants', 'must not name the same agent twice');
    check(chosen.length > 0 && chosen.some((i) => net.isAlive(i)), 'participants', 'no live agent to ask');
    return chosen;
  }

  private indexOf(id: string): number {
    if (!this.coordinator.has(id)) throw new ValidationError('participants', `no agent "${id}" in the swarm`);
    return this.coordinator.index(id);
  }

  private requesterOf(id: string | undefined, participants: number[], net: Network): number {
    if (id !== undefined) {
      if (!this.coordinator.has(id)) throw new ValidationError('requester', `no agent "${id}" in the swarm`);
      return this.coordinator.index(id);
    }
    return (
      participants.find((i) => net.isAlive(i) && this.coordinator.agents[i].behaviour !== 'silent') ?? participants[0]
    );
  }

  /** The vote(s) an agent sends: several for an equivocating or flipping agent, none for a silent one. */
  private votesOf(agent: Agent, proposal: Proposal): VoteType[] {
    const honest = policyVote(agent.policy, proposal, this.rng);
    switch (agent.behaviour) {
      case 'silent':
        return [];
      case 'equivocate':
        return this.rng.chance(0.5) ? ['for', 'against'] : ['against', 'for'];
      case 'flip':
        return [oppositeVote(honest), honest];
      case 'random':
        return [this.rng.chance(0.5) ? 'for' : 'against'];
      default:
        return [honest];
    }
  }

  private direct(
    algorithm: ConsensusAlgorithm,
    proposal: Proposal,
    proposalId: string,
    participants: number[],
    requester: number,
    timeoutMs: number,
  ): ConsensusResult {
    const net = this.network();
    const { agents } = this.coordinator;
    const ids = participants.map((i) => agents[i].id);
    const session = this.open(proposalId, ids);
    const startMs = net.now;
    const deadline = startMs + timeoutMs;
    const firstMsg = net.messagesSent;
    const judge = new EarlyJudge(algorithm, proposalId, ids, this);
    const previous = net.handlers;
    /** Each agent's own (first) vote: where a gossip vote starts, even if its reply to the requester was lost. */
    const own = new Map<number, VoteType>();
    let decidedAt = -1;
    const consider = () => {
      if (decidedAt < 0 && judge.settled(session.votes)) decidedAt = net.now;
    };
    const answer = (i: number) => {
      const votes = this.votesOf(agents[i], proposal);
      if (votes.length > 0 && !own.has(i)) own.set(i, votes[0]);
      for (const vote of votes) {
        net.trace.engine(net.now, 'voteSent', i, requester, { proposalId, vote });
        if (i === requester) this.recordVote(proposalId, agents[i].id, vote, agents[i].weight);
        else net.send(i, requester, VOTE_TAG, { proposalId, vote, weight: agents[i].weight });
      }
      consider();
    };
    net.handlers = {
      deliver: (to, from, tag, payload, msg) => {
        if (msg < firstMsg) return;
        if (tag === REQUEST_TAG) answer(to);
        else if (tag === VOTE_TAG && to === requester) {
          const p = payload as { vote: VoteType; weight: number };
          net.trace.engine(net.now, 'voteDelivered', to, from, { proposalId, vote: p.vote });
          this.recordVote(proposalId, agents[from].id, p.vote, p.weight);
          consider();
        }
      },
    };
    net.trace.engine(net.now, 'consensusRequest', requester, -1, { proposalId, participants: ids });
    for (const i of participants) if (agents[i].behaviour === 'silent') net.crash(i);
    for (const i of participants) if (i !== requester) net.send(requester, i, REQUEST_TAG, { proposalId });
    if (participants.includes(requester) && net.isAlive(requester)) answer(requester);
    consider();
    while (decidedAt < 0 && net.step(deadline)) {}
    net.handlers = previous;
    session.closed = true;
    if (algorithm instanceof GossipProtocol) {
      const votedAt = decidedAt >= 0 ? decidedAt : deadline;
      const c = { proposalId, participants, ids, own, requester, startMs, votedAt, firstMsg };
      return this.gossipVote(algorithm, session, c);
    }
    return this.finish(
      algorithm,
      session,
      proposalId,
      ids,
      decidedAt,
      startMs,
      timeoutMs,
      net.messagesSent - firstMsg,
      requester,
    );
  }

  /**
   * A gossip vote: once the votes are in (or at the deadline), its rounds run as
   * `gossip-pull` / `gossip-vote` messages on the network (gossipNetwork.ts), so the
   * scenario's latency, loss, duplication, partitions and crashes shape them.
   * Each agent starts from its vote as the requester counted it, else its own
   * vote, else (never asked, silent) it abstains.
   */
  private gossipVote(
    protocol: GossipProtocol,
    session: Session,
    c: {
      proposalId: string;
      participants: number[];
      ids: string[];
      own: Map<number, VoteType>;
      requester: number;
      startMs: number;
      votedAt: number;
      firstMsg: number;
    },
  ): ConsensusResult {
    const net = this.network();
    const { agents } = this.coordinator;
    const counted = new Map(session.votes.map((v) => [v.agentId, v.vote]));
    const co = this.coordinator;
    const out = runGossipOnNetwork(protocol, {
      net,
      rng: this.rng,
      proposalId: c.proposalId,
      participants: c.participants,
      ids: c.ids,
      initial: c.participants.map((a, i) => counted.get(c.ids[i]) ?? c.own.get(a) ?? 'abstain'),
      behaviours: c.participants.map((a) => agents[a].behaviour),
      // The swarm's links, even none: zero links are zero neighbours, never a full mesh.
      neighbours: (a) => co.neighbourIndices(a),
      reporter: c.requester,
      startAtMs: Math.max(net.now, c.votedAt),
    });
    const result = gossipNetworkResult(protocol, out, {
      proposalId: c.proposalId,
      ids: c.ids,
      requestedAtMs: c.startMs,
    });
    net.trace.engine(net.now, 'decided', c.requester, -1, { proposalId: c.proposalId, decision: result.decision });
    return {
      ...result,
      metadata: {
        ...result.metadata,
        requester: agents[c.requester].id,
        votesReceived: session.votes.length,
        decidedEarly: false,
        messages: net.messagesSent - c.firstMsg,
        ignoredVotes: [...session.ignored],
      },
    };
  }

  private finish(
    algorithm: ConsensusAlgorithm,
    session: Session,
    proposalId: string,
    ids: string[],
    decidedAt: number,
    startMs: number,
    timeoutMs: number,
    messages: number,
    requester: number,
  ): ConsensusResult {
    const net = this.network();
    const allIn = session.votes.filter((v) => session.participants.has(v.agentId)).length === ids.length;
    const openAtDeadline = decidedAt < 0 && !allIn && !algorithm.decidesAtDeadline;
    const votedAt = decidedAt >= 0 ? decidedAt : startMs + timeoutMs;
    // Custom round-based algorithms run in memory after the votes are in, one network hop per round.
    const hopMs = net.config.latencyMsMax;
    let rounds = 0;
    const addr = ids.map((id) => this.coordinator.index(id));
    const result = algorithm.evaluate({
      ...this.input(proposalId, ids, session.votes),
      onContact: (r, from, to) => net.trace.engine(votedAt + (r - 1) * hopMs, 'gossipContact', addr[from], addr[to]),
      onVoteChange: (r, i, vote) =>
        net.trace.engine(votedAt + r * hopMs, 'voteChanged', addr[i], -1, { proposalId, vote, round: r }),
      onRound: (r, detail) => {
        rounds = r;
        net.trace.engine(votedAt + r * hopMs, 'roundEnd', requester, -1, { proposalId, ...detail, round: r });
      },
    });
    const decision: Decision = openAtDeadline ? 'timeout' : result.decision;
    const durationMs = votedAt - startMs + rounds * hopMs;
    net.trace.engine(startMs + durationMs, 'decided', requester, -1, { proposalId, decision });
    return {
      ...result,
      proposalId,
      decision,
      durationMs,
      metadata: {
        ...result.metadata,
        requester: this.coordinator.agents[requester].id,
        votesReceived: session.votes.length,
        decidedEarly: decidedAt >= 0 && !allIn,
        messages,
        ignoredVotes: [...((result.metadata.ignoredVotes as IgnoredVote[]) ?? []), ...session.ignored],
      },
    };
  }

  /** What `evaluate` gets from the manager: swarm weights, the run's PRNG and the topology. */
  input(proposalId: string, ids: readonly string[], votes: readonly Vote[]) {
    const c = this.coordinator;
    const members = new Set(ids);
    return {
      proposalId,
      participants: ids,
      votes: votes.filter((v) => members.has(v.agentId)),
      swarmWeight: (id: string) => (c.has(id) ? c.agent(id).weight : undefined),
      rng: this.rng,
      neighbours: (id: string) => c.neighbours(id),
      stubborn: (id: string) => c.has(id) && c.agent(id).behaviour === 'stubborn',
    };
  }

  private open(proposalId: string, ids: string[]): Session {
    const s: Session = this.sessions.get(proposalId) ?? {
      participants: new Set<string>(),
      votes: [],
      voters: new Set<string>(),
      ignored: [],
      closed: false,
    };
    s.participants = new Set(ids);
    // Pre-recorded votes of non-participants are reported, not counted.
    for (const v of s.votes.filter((x) => !s.participants.has(x.agentId))) {
      s.ignored.push({ agentId: v.agentId, vote: v.vote, reason: 'not a participant' });
    }
    s.votes = s.votes.filter((x) => s.participants.has(x.agentId));
    s.voters = new Set(s.votes.map((v) => v.agentId));
    this.sessions.set(proposalId, s);
    return s;
  }

  private reliable(
    algorithm: ConsensusAlgorithm,
    proposal: Proposal,
    proposalId: string,
    participants: number[],
    requester: number,
    timeoutMs: number,
  ): ConsensusResult {
    const byz = algorithm as ConsensusAlgorithm & { faultTolerance: number; numRounds?: number };
    const f = byz.faultTolerance ?? 1;
    const net = this.network();
    const { agents } = this.coordinator;
    const ids = participants.map((i) => agents[i].id);
    const session = this.open(proposalId, ids);
    const start = net.now;
    net.trace.engine(start, 'consensusRequest', requester, -1, { proposalId, participants: ids });
    const votes = participants.map((i) => policyVote(agents[i].policy, proposal, this.rng));
    const local = participants.indexOf(requester);
    const out = runReliableBroadcast({
      network: net,
      trace: net.trace,
      rng: this.rng,
      participants,
      ids,
      votes,
      behaviours: participants.map((i) => agents[i].behaviour),
      faultTolerance: f,
      deadlineMs: start + timeoutMs,
      requester: local >= 0 ? local : undefined,
      proposalId,
    });
    session.closed = true;
    return reliableResult(out, {
      proposalId,
      ids,
      f,
      numRounds: byz.numRounds ?? 3,
      start,
      requester: agents[requester].id,
    });
  }
}

/** Decides early for monotone algorithms: when the best and the worst completion of missing votes agree. */
class EarlyJudge {
  private readonly checkEvery: number;
  private lastChecked = -1;

  constructor(
    private readonly algorithm: ConsensusAlgorithm,
    private readonly proposalId: string,
    private readonly ids: readonly string[],
    private readonly manager: ConsensusManager,
  ) {
    // Each check costs O(n); above 200 participants check about 200 times per proposal
    // (the decision can then come up to n/200 votes late, never wrong).
    this.checkEvery = Math.max(1, Math.ceil(ids.length / 200));
  }

  settled(votes: readonly Vote[]): boolean {
    // The session keeps one vote per participant, so a full count means every vote is in.
    if (votes.length >= this.ids.length) return true;
    if (!this.algorithm.monotone) return false;
    if (votes.length === this.lastChecked || votes.length % this.checkEvery !== 0) return false;
    this.lastChecked = votes.length;
    const got = new Set(votes.map((v) => v.agentId));
    const missing = this.ids.filter((id) => !got.has(id));
    const completion = (vote: VoteType) => [...votes, ...missing.map((agentId) => ({ agentId, vote }))];
    const best = this.algorithm.evaluate(this.manager.input(this.proposalId, this.ids, completion('for'))).decision;
    const worst = this.algorithm.evaluate(
      this.manager.input(this.proposalId, this.ids, completion('against')),
    ).decision;
    return best === worst;
  }
}

function statsOf(results: readonly ConsensusResult[]): AlgorithmStats {
  const count = (d: Decision) => results.filter((r) => r.decision === d).length;
  const total = results.length;
  return {
    totalProposals: total,
    approved: count('approved'),
    rejected: count('rejected'),
    timeouts: count('timeout'),
    approvalRate: total ? count('approved') / total : 0,
    avgDurationMs: total ? results.reduce((s, r) => s + r.durationMs, 0) / total : 0,
  };
}

function reliableResult(
  out: ReturnType<typeof runReliableBroadcast>,
  c: { proposalId: string; ids: string[]; f: number; numRounds: number; start: number; requester: string },
): ConsensusResult {
  const honest = out.records.filter((r) => r.honest);
  const decided = honest.filter((r) => r.decision === 'approved' || r.decision === 'rejected');
  const ref = decided.find((r) => r.agentId === c.requester) ?? decided[0] ?? honest[0] ?? out.records[0];
  const delivered = Object.values(ref.delivered);
  // Lies seen are evidence of malice; silence is not (a crashed or cut-off honest agent is silent too).
  const flags = honest.flatMap((r) => r.flags);
  const liars = [...new Set(flags.filter((f) => f.reason !== 'silence').map((f) => f.agentId))].sort();
  const unheard = [...new Set(flags.filter((f) => f.reason === 'silence').map((f) => f.agentId))]
    .filter((id) => !liars.includes(id))
    .sort();
  const malicious = out.records.filter((r) => !r.honest).length;
  const n = c.ids.length;
  return {
    proposalId: c.proposalId,
    decision: ref.decision === 'approved' || ref.decision === 'rejected' ? ref.decision : 'timeout',
    votesFor: delivered.filter((v) => v === 'for').length,
    votesAgainst: delivered.filter((v) => v === 'against').length,
    votesAbstain: delivered.filter((v) => v === 'abstain').length,
    threshold: (2 * c.f + 1) / n,
    participants: c.ids,
    algorithmUsed: 'byzantine',
    durationMs: out.endedAtMs - c.start,
    metadata: {
      protocol: 'bracha-reliable-broadcast',
      faultTolerance: c.f,
      minParticipants: 3 * c.f + 1,
      agreementThreshold: 2 * c.f + 1,
      maliciousDetected: liars.length,
      maliciousAgents: liars,
      silentAgents: unheard,
      numRounds: c.numRounds,
      byzantineSafe: malicious <= c.f && out.agreement.agreed,
      decidedBy: ref.agentId,
      agreement: out.agreement,
      records: out.records,
      messages: out.messages,
    },
  };
}
