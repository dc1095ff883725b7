import { MALICIOUS_BEHAVIOURS } from '../core/agent';
import { check, ValidationError } from '../core/errors';
import { MAX_AGGREGATE_AGENTS, MAX_ROUNDS, MAX_SIM_TIME_MS } from '../core/limits';
import type { RunContext } from '../runs/context';
import type { Scenario } from '../scenario/types';
import { ByzantineConsensus, byzantineSizeRule } from './byzantine';
import { ConsensusManager } from './consensusManager';
import { GossipProtocol } from './gossip';
import { defaultOralM, MAX_ORAL_MESSAGES, oralMessageCount, oralMRule } from './oralMessages';
import { OralMessagesAlgorithm } from './oralMessagesAlgorithm';
import { QuorumAlgorithm, type QuorumMode } from './quorum';
import type { AgentRecord, AgreementVerdict } from './reliableBroadcast';
import { meanFieldRumor, RUMOR_MODES, type RumorMode, RumorSpreading } from './rumor';
import {
  RUMOR_DROPPER,
  RUMOR_HONEST,
  RUMOR_SILENT,
  RUMOR_STALL_ROUNDS,
  type RumorStopReason,
  runRumorOnNetwork,
} from './rumorNetwork';
import { toCsr } from './sampling';
import type { ConsensusAlgorithm, ConsensusResult, Proposal } from './types';
import { WeightedAlgorithm } from './weighted';

export const CONSENSUS_ALGORITHMS = ['quorum', 'weighted', 'byzantine', 'gossip', 'oral-messages'] as const;
export type ConsensusAlgorithmName = (typeof CONSENSUS_ALGORITHMS)[number];

/** A scenario's `run` block for `kind: 'consensus'`. */
export interface ConsensusRunParams {
  algorithm: ConsensusAlgorithmName;
  proposal?: Proposal;
  timeoutMs?: number;
  mode?: QuorumMode;
  threshold?: number;
  faultTolerance?: number;
  /** Byzantine: voting rounds. Oral messages, in older files: m + 1 (use `m`). */
  numRounds?: number;
  /** Oral messages: rounds of relaying, OM(m); default ⌊(n − 1) / 3⌋ for n generals, at most n − 2. */
  m?: number;
  agentWeights?: Record<string, number>;
  fanout?: number;
  rounds?: number;
  convergenceThreshold?: number;
  participants?: string[];
}

export interface ConsensusSummary {
  kind: 'consensus';
  result: ConsensusResult;
  /** Byzantine only: what each agent received, delivered, flagged, decided. */
  records?: AgentRecord[];
  agreement?: AgreementVerdict;
  messages: number;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function wholeNumber(x: unknown, field: string, min: number, max: number): void {
  check(
    typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max,
    field,
    `must be a whole number in [${min}, ${max}]`,
  );
}

function share(x: unknown, field: string): void {
  check(typeof x === 'number' && Number.isFinite(x) && x > 0 && x <= 1, field, 'must be a number in (0, 1]');
}

/** What the run block is checked against when the swarm is known. */
export interface ConsensusParamsContext {
  /** How many agents take part (oral messages: the generals, commander included). */
  participants?: number;
}

/**
 * Checks an untrusted consensus `run` block; throws a ValidationError whose field
 * is a path such as `run.faultTolerance`. With `context.participants`, also the
 * rules that need the swarm's size (OM(m): m ≤ n − 2).
 * @example validateConsensusParams({ algorithm: 'oral-messages', m: 2 }, { participants: 3 }) // throws run.m
 */
export function validateConsensusParams(x: unknown, context: ConsensusParamsContext = {}): ConsensusRunParams {
  check(isObject(x), 'run', 'must be an object');
  check(
    CONSENSUS_ALGORITHMS.includes(x.algorithm as ConsensusAlgorithmName),
    'run.algorithm',
    `must be one of ${CONSENSUS_ALGORITHMS.join(', ')}`,
  );
  if (x.proposal !== undefined) {
    check(isObject(x.proposal), 'run.proposal', 'must be an object');
    const id = x.proposal.proposalId;
    if (id !== undefined)
      check(typeof id === 'string' && id.length > 0, 'run.proposal.proposalId', 'must be a non-empty string');
  }
  if (x.timeoutMs !== undefined) wholeNumber(x.timeoutMs, 'run.timeoutMs', 1, MAX_SIM_TIME_MS);
  if (x.mode !== undefined)
    check(
      ['simple', 'supermajority', 'unanimous'].includes(x.mode as string),
      'run.mode',
      "must be 'simple', 'supermajority' or 'unanimous'",
    );
  if (x.threshold !== undefined) share(x.threshold, 'run.threshold');
  if (x.faultTolerance !== undefined) wholeNumber(x.faultTolerance, 'run.faultTolerance', 0, MAX_AGGREGATE_AGENTS);
  if (x.numRounds !== undefined) wholeNumber(x.numRounds, 'run.numRounds', 1, MAX_ROUNDS);
  if (x.m !== undefined) wholeNumber(x.m, 'run.m', 0, MAX_ROUNDS);
  if (x.algorithm === 'oral-messages') validateOralM(x as unknown as ConsensusRunParams, context.participants);
  if (x.fanout !== undefined) wholeNumber(x.fanout, 'run.fanout', 1, MAX_AGGREGATE_AGENTS);
  if (x.rounds !== undefined) wholeNumber(x.rounds, 'run.rounds', 1, MAX_ROUNDS);
  if (x.convergenceThreshold !== undefined) share(x.convergenceThreshold, 'run.convergenceThreshold');
  if (x.agentWeights !== undefined) {
    check(isObject(x.agentWeights), 'run.agentWeights', 'must be an object of agent id → weight');
    for (const [id, w] of Object.entries(x.agentWeights)) {
      check(
        typeof w === 'number' && Number.isFinite(w) && w > 0,
        `run.agentWeights.${id}`,
        'must be a finite number > 0',
      );
    }
  }
  if (x.participants !== undefined) {
    check(Array.isArray(x.participants), 'run.participants', 'must be a list of agent ids');
    x.participants.forEach((p, i) => {
      check(typeof p === 'string' && p.length > 0, `run.participants[${i}]`, 'must be an agent id');
    });
    check(
      new Set(x.participants).size === x.participants.length,
      'run.participants',
      'must not name the same agent twice',
    );
  }
  return x as unknown as ConsensusRunParams;
}

/**
 * Before a run: how many agents a consensus run will ask — `run.participants`, else
 * every agent not crashed at t = 0 (what the manager picks at the request).
 */
export function plannedParticipants(scenario: Pick<Scenario, 'run' | 'topology' | 'network'>): number {
  const run = scenario.run;
  if (run.kind === 'consensus' && run.participants) return run.participants.length;
  const crashed = new Set(
    scenario.network.faults.flatMap((f) => (f.kind === 'crash' && f.atMs === 0 ? [f.agent] : [])),
  );
  return scenario.topology.agents.filter((a) => !crashed.has(a.id)).length;
}

/** OM(m)'s m from a run block: `m`, else the older `numRounds − 1`; undefined means the default for n. */
export function oralMOf(p: Pick<ConsensusRunParams, 'm' | 'numRounds'>): number | undefined {
  return p.m ?? (p.numRounds === undefined ? undefined : p.numRounds - 1);
}

/** Oral messages: `m` and the older `numRounds` agree; with n known, m ≤ n − 2 and the message count fits. */
function validateOralM(p: ConsensusRunParams, generals: number | undefined): void {
  if (p.m !== undefined && p.numRounds !== undefined && p.numRounds !== p.m + 1)
    throw new ValidationError(
      'run.m',
      `must be run.numRounds − 1 (${p.numRounds - 1}) when both are given; numRounds is the older way to say m + 1 rounds, so remove it`,
    );
  if (generals === undefined) return;
  const field = p.m === undefined && p.numRounds !== undefined ? 'run.numRounds' : 'run.m';
  const m = oralMOf(p) ?? defaultOralM(generals);
  const rule = oralMRule(m, generals);
  if (rule)
    throw new ValidationError(field, field === 'run.m' ? rule : `makes m = numRounds − 1 = ${m}, which ${rule}`);
  const messages = oralMessageCount(generals, m);
  if (messages > MAX_ORAL_MESSAGES)
    throw new ValidationError(
      field,
      `would send ${messages.toLocaleString('en-US')} messages among ${generals} generals; at most ${MAX_ORAL_MESSAGES.toLocaleString('en-US')} allowed (MAX_ORAL_MESSAGES): lower m`,
    );
}

function algorithmOf(p: ConsensusRunParams): ConsensusAlgorithm {
  switch (p.algorithm) {
    case 'quorum':
      return new QuorumAlgorithm(p.threshold !== undefined ? { threshold: p.threshold } : { mode: p.mode ?? 'simple' });
    case 'weighted':
      return new WeightedAlgorithm({ threshold: p.threshold, agentWeights: p.agentWeights });
    case 'byzantine':
      return new ByzantineConsensus({ faultTolerance: p.faultTolerance, numRounds: p.numRounds });
    case 'gossip':
      return new GossipProtocol({
        fanout: p.fanout,
        rounds: p.rounds,
        convergenceThreshold: p.convergenceThreshold,
        threshold: p.threshold,
      });
    case 'oral-messages':
      return new OralMessagesAlgorithm({ m: oralMOf(p) });
  }
}

/**
 * The scenario runner's consensus run: one proposal through `ConsensusManager`
 * on the run's network, returning a JSON-serialisable summary.
 * @example runConsensus(ctx, { algorithm: 'byzantine', faultTolerance: 1 }).agreement?.agreed // true
 */
export function runConsensus(ctx: RunContext, params: ConsensusRunParams): ConsensusSummary {
  const c = ctx.coordinator;
  const p = validateConsensusParams(params);
  const n = p.participants?.length ?? c.agents.filter((_, i) => ctx.network.isAlive(i)).length;
  validateConsensusParams(p, { participants: n });
  for (const id of p.participants ?? []) check(c.has(id), 'run.participants', `no agent "${id}" in the swarm`);
  const algorithm = algorithmOf(p);
  if (p.algorithm === 'byzantine') {
    const f = p.faultTolerance ?? 1;
    check(n >= 3 * f + 1, 'run.faultTolerance', byzantineSizeRule(f, n));
  }
  if (!c.network) c.attach(ctx.network);
  const manager = new ConsensusManager(c, { defaultAlgorithm: p.algorithm, rng: ctx.rng });
  manager.registerAlgorithm(p.algorithm, algorithm);
  const first = ctx.network.messagesSent;
  ctx.onProgress?.(0);
  const full = manager.requestConsensus(p.proposal ?? { proposalId: 'proposal-1' }, {
    algorithm: p.algorithm,
    timeoutMs: p.timeoutMs ?? 30_000,
    participants: p.participants,
  });
  ctx.onProgress?.(1);
  // Byzantine runs' per-agent records and agreement verdict move up beside the result; other
  // algorithms' `agreement` (oral messages: a boolean, IC1) stays in the metadata where it belongs.
  const { records, agreement, ...rest } = full.metadata as Record<string, unknown>;
  const verdict = typeof agreement === 'object' && agreement !== null ? (agreement as AgreementVerdict) : undefined;
  const metadata = verdict || agreement === undefined ? rest : { ...rest, agreement };
  const summary: ConsensusSummary = {
    kind: 'consensus',
    result: { ...full, metadata },
    messages: ctx.network.messagesSent - first,
  };
  if (records) summary.records = records as AgentRecord[];
  if (verdict) summary.agreement = verdict;
  return JSON.parse(JSON.stringify(summary)) as ConsensusSummary;
}

/** A scenario's `run` block for `kind: 'rumor'`. */
export interface RumorRunParams {
  mode: RumorMode;
  fanout?: number;
  /** Starting agent id (swarm mode). */
  origin?: string;
  maxRounds?: number;
  /** Aggregate mode: this many agents in a well-mixed population, in memory: no swarm, no network. */
  agentCount?: number;
}

/** How a rumor run models the population. */
export type RumorModel = 'network' | 'well-mixed';

export interface RumorSummary {
  kind: 'rumor';
  /**
   * 'network': rumor messages on the swarm's links and simulated network (faults shape them);
   * 'well-mixed': the aggregate mode, in memory, every agent able to call any other, no network.
   */
  model: RumorModel;
  /** What `model` means for this run, in words the UI can print. */
  note: string;
  mode: RumorMode;
  fanout: number;
  agents: number;
  origin: string | number;
  rounds: number;
  /** Simulated ms per round. */
  roundMs: number;
  informed: number;
  /** Every agent that could take part (agents − crashed) was informed. */
  allInformed: boolean;
  informedPerRound: number[];
  /** The mean-field recursion's expected informed count per round, for the convergence plot. */
  meanField: number[];
  /** Agents that could not take part from the start: silent, or down when round 1 began. */
  crashed: number;
  droppers: number;
  /** Messages actually sent (network) or calls made (well-mixed). */
  contacts: number;
  /** Network model: `rumor-push`, `rumor-pull` and `rumor-reply` messages sent. */
  pushes?: number;
  pulls?: number;
  replies?: number;
  /** Network model: agents the links connect to the origin (what a fault-free run could inform). */
  reachable?: number;
  /** Network model: why the run ended. */
  stopReason?: RumorStopReason;
}

/** Checks an untrusted rumor `run` block (paths such as `run.fanout`). */
export function validateRumorParams(x: unknown): RumorRunParams {
  check(isObject(x), 'run', 'must be an object');
  check(RUMOR_MODES.includes(x.mode as RumorMode), 'run.mode', "must be 'push', 'pull' or 'push-pull'");
  if (x.fanout !== undefined) wholeNumber(x.fanout, 'run.fanout', 1, MAX_AGGREGATE_AGENTS);
  if (x.maxRounds !== undefined) wholeNumber(x.maxRounds, 'run.maxRounds', 1, MAX_ROUNDS);
  if (x.agentCount !== undefined) wholeNumber(x.agentCount, 'run.agentCount', 1, MAX_AGGREGATE_AGENTS);
  if (x.origin !== undefined) {
    check(typeof x.origin === 'string' && x.origin.length > 0, 'run.origin', 'must be an agent id');
    check(
      x.agentCount === undefined,
      'run.origin',
      'must be left out when run.agentCount is given (aggregate mode has no agent ids)',
    );
  }
  return x as unknown as RumorRunParams;
}

/** Above this many contacts per round the aggregate run traces rounds only, not every contact. */
export const MAX_TRACED_CONTACTS_PER_ROUND = 20_000;

/**
 * The scenario runner's rumor run. On the swarm (a scenario with a topology), its
 * rounds are messages on the run's network over the swarm's links (rumorNetwork.ts):
 * silent agents take no part, other malicious agents learn the rumor but drop it,
 * and the scenario's faults shape the spread. With `agentCount` it runs in memory
 * on a well-mixed population of up to 2 million agents, with no network at all.
 * @example runRumor(ctx, { mode: 'push-pull', origin: 'agent-1' }).informedPerRound // [1, 3, 8, …]
 */
export function runRumor(ctx: RunContext, params: RumorRunParams): RumorSummary {
  const p = validateRumorParams(params);
  return p.agentCount === undefined ? runRumorOnSwarm(ctx, p) : runRumorWellMixed(ctx, p, p.agentCount);
}

function runRumorOnSwarm(ctx: RunContext, p: RumorRunParams): RumorSummary {
  const c = ctx.coordinator;
  const n = c.size;
  check(n >= 1, 'run', 'needs at least one agent');
  const fanout = p.fanout ?? 1;
  let origin = 0;
  if (p.origin !== undefined) {
    if (!c.has(p.origin)) throw new ValidationError('run.origin', `no agent "${p.origin}" in the swarm`);
    origin = c.index(p.origin);
  }
  const roles = Uint8Array.from(c.agents, (a) =>
    a.behaviour === 'silent'
      ? RUMOR_SILENT
      : MALICIOUS_BEHAVIOURS.includes(a.behaviour as never)
        ? RUMOR_DROPPER
        : RUMOR_HONEST,
  );
  check(roles[origin] !== RUMOR_SILENT, 'run.origin', 'the starting agent must not be silent');
  // Zero links are zero neighbours: never a full mesh (that is what the well-mixed mode is for).
  const graph = toCsr(c.agents.map((_, i) => c.neighbourIndices(i)));
  const out = runRumorOnNetwork({
    net: ctx.network,
    rng: ctx.rng,
    mode: p.mode,
    fanout,
    origin,
    graph,
    roles,
    maxRounds: p.maxRounds,
    shouldStop: ctx.shouldStop,
    onRound: (s) => ctx.onProgress?.(s.informed / n),
  });
  const silent = roles.reduce((a, r) => a + (r === RUMOR_SILENT ? 1 : 0), 0);
  const crashed = silent + out.downAtStart;
  const live = n - crashed;
  return {
    kind: 'rumor',
    model: 'network',
    note: 'Rumor messages travel over the swarm’s links on the simulated network: latency, loss, duplication, partitions and crashes shape the spread.',
    mode: p.mode,
    fanout,
    agents: n,
    origin: c.agents[origin].id,
    rounds: out.rounds,
    roundMs: out.roundMs,
    informed: out.informed,
    allInformed: out.informed >= live,
    informedPerRound: out.informedPerRound,
    meanField: meanFieldRumor({ n: live, mode: p.mode, fanout, maxRounds: Math.max(out.rounds, 1) }),
    crashed,
    droppers: roles.reduce((a, r) => a + (r === RUMOR_DROPPER ? 1 : 0), 0),
    contacts: out.pushes + out.pulls + out.replies,
    pushes: out.pushes,
    pulls: out.pulls,
    replies: out.replies,
    reachable: out.reachable,
    stopReason: out.stopReason,
  };
}

/** The aggregate mode's note: what it leaves out, said plainly. */
export function wellMixedNote(n: number): string {
  return `Aggregate mode: a well-mixed population of ${n.toLocaleString('en-US')} agents, in memory. Every agent can call any other each round; there is no topology and no network, so latency, loss, duplication, partitions and crashes are not modelled.`;
}

/** Aggregate mode: `RumorSpreading` in memory on a well-mixed population; one round lasts `latencyMsMax`. */
function runRumorWellMixed(ctx: RunContext, p: RumorRunParams, n: number): RumorSummary {
  const fanout = p.fanout ?? 1;
  const roundMs = Math.max(1, ctx.network.config.latencyMsMax);
  const t0 = ctx.network.now;
  const traceContacts = n * fanout <= MAX_TRACED_CONTACTS_PER_ROUND;
  const run = new RumorSpreading({ mode: p.mode, fanout }).start({
    agentCount: n,
    start: 0,
    rng: ctx.rng,
    onContact: traceContacts
      ? (r, from, to, informed) => ctx.trace.engine(t0 + r * roundMs, 'gossipContact', from, to, { informed })
      : undefined,
  });
  const maxRounds = p.maxRounds ?? MAX_ROUNDS;
  if (traceContacts) ctx.trace.engine(t0, 'informed', 0, -1, { round: 0 });
  const informedPerRound = [run.informed];
  let contacts = 0;
  let stalled = 0;
  while (!run.done && run.round < maxRounds && stalled < RUMOR_STALL_ROUNDS && !ctx.shouldStop?.()) {
    const s = run.step();
    const t = t0 + s.round * roundMs;
    contacts += s.contacts;
    stalled = s.newlyInformed === 0 ? stalled + 1 : 0;
    informedPerRound.push(s.informed);
    if (traceContacts) {
      for (let i = 0; i < n; i++)
        if (run.learntAt[i] === s.round) ctx.trace.engine(t, 'informed', i, -1, { round: s.round });
    }
    ctx.trace.engine(t, 'roundEnd', -1, -1, { round: s.round, informed: s.informed, newlyInformed: s.newlyInformed });
    ctx.onProgress?.(s.informed / n);
  }
  return {
    kind: 'rumor',
    model: 'well-mixed',
    note: wellMixedNote(n),
    mode: p.mode,
    fanout,
    agents: n,
    origin: 0,
    rounds: run.round,
    roundMs,
    informed: run.informed,
    allInformed: run.informed === n,
    informedPerRound,
    meanField: meanFieldRumor({ n, mode: p.mode, fanout, maxRounds: Math.max(run.round, 1) }),
    crashed: 0,
    droppers: 0,
    contacts,
  };
}
