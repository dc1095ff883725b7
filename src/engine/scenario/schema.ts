/**
 * The structural schema of a scenario file, version 1. It checks every field's
 * type and range and fills defaults; rules that relate fields to each other
 * (ids that must exist, min ≤ max) live in crossChecks.ts because they need the
 * whole document. public/scenario.schema.json is generated from this file.
 */
import * as v from 'valibot';
import { MALICIOUS_BEHAVIOURS } from '../core/agent';
import {
  MAX_AGENT_WEIGHT,
  MAX_AGENTS,
  MAX_AGGREGATE_AGENTS,
  MAX_CAPABILITIES,
  MAX_COORDINATE,
  MAX_CRDT_OPERATIONS,
  MAX_DESCRIPTION_LENGTH,
  MAX_FAULTS,
  MAX_LABEL_LENGTH,
  MAX_LATENCY_MS,
  MAX_LINKS,
  MAX_NAME_LENGTH,
  MAX_ROUNDS,
  MAX_SIM_TIME_MS,
  MAX_SYNC_KEYS,
  MAX_TASKS,
} from '../core/limits';
import { MAX_VIRTUAL_NODES } from '../delegation/consistentHashRing';
import { MAX_KEY_SPACE } from '../runs/replicatedState';
import { SCENARIO_FORMAT, SCENARIO_VERSION } from './format';
import { fmt, id, int, isJsonData, num, objectOnly, oneOf, probability, record, text } from './rules';

function list<T extends v.GenericSchema>(item: T, min: number, max: number, what: string) {
  const rule = `must be an array of ${fmt(min)} to ${fmt(max)} ${what}`;
  return v.pipe(v.array(item, rule), v.minLength(min, rule), v.maxLength(max, rule));
}

const VOTE = oneOf(['for', 'against', 'abstain']);
const AT_MS = int(0, MAX_SIM_TIME_MS);

export const PolicySchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('fixed'), vote: VOTE }),
  v.strictObject({ kind: v.literal('probability'), pFor: probability(), pAbstain: v.optional(probability()) }),
  v.strictObject({
    kind: v.literal('rule'),
    field: id(),
    op: oneOf(['==', '!=', '<', '<=', '>', '>=']),
    value: v.union(
      [num(-Number.MAX_VALUE, Number.MAX_VALUE), text(0, MAX_LABEL_LENGTH), v.boolean()],
      'must be a finite number, a string of plain text or a boolean',
    ),
    then: VOTE,
    otherwise: VOTE,
  }),
]);

export const AgentSchema = v.strictObject({
  id: id(),
  label: v.optional(text(1, MAX_LABEL_LENGTH)),
  weight: v.optional(num(0, MAX_AGENT_WEIGHT), 1),
  capabilities: v.optional(list(id(), 0, MAX_CAPABILITIES, 'capability ids'), () => []),
  behaviour: v.optional(oneOf(['honest', ...MALICIOUS_BEHAVIOURS] as const), 'honest'),
  policy: v.optional(PolicySchema, () => ({ kind: 'fixed' as const, vote: 'for' as const })),
  position: v.optional(
    v.strictObject({ x: num(-MAX_COORDINATE, MAX_COORDINATE), y: num(-MAX_COORDINATE, MAX_COORDINATE) }),
  ),
});

const DEGREE = int(1, MAX_AGENTS - 1);

export const BuilderSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('mesh') }),
  v.strictObject({ kind: v.literal('partial-mesh'), k: DEGREE }),
  v.strictObject({ kind: v.literal('ring') }),
  v.strictObject({ kind: v.literal('star'), hub: v.optional(id()) }),
  v.strictObject({ kind: v.literal('hierarchical'), branching: DEGREE }),
  v.strictObject({
    kind: v.literal('small-world'),
    k: v.pipe(
      int(2, MAX_AGENTS - 1),
      v.check((k) => k % 2 === 0, `must be an even integer from 2 to ${fmt(MAX_AGENTS - 1)}`),
    ),
    beta: probability(),
  }),
  v.strictObject({ kind: v.literal('random'), p: probability() }),
  v.strictObject({ kind: v.literal('custom') }),
]);

const LINK = v.strictTuple([id(), id()], 'must be a pair of agent ids ["a", "b"]');

export const TopologySchema = v.strictObject({
  agentCount: v.optional(int(1, MAX_AGENTS)),
  agents: v.optional(list(AgentSchema, 1, MAX_AGENTS, 'agents')),
  builder: BuilderSchema,
  links: v.optional(list(LINK, 0, MAX_LINKS, 'links'), () => []),
});

const IDS = list(id(), 1, MAX_AGENTS, 'agent ids');

export const FaultSchema = v.variant('kind', [
  v.strictObject({
    kind: v.literal('partition'),
    atMs: AT_MS,
    groups: list(IDS, 1, MAX_AGENTS, 'groups of agent ids'),
  }),
  v.strictObject({ kind: v.literal('one-way'), atMs: AT_MS, from: IDS, to: IDS }),
  v.strictObject({ kind: v.literal('heal'), atMs: AT_MS }),
  v.strictObject({ kind: v.literal('crash'), atMs: AT_MS, agent: id() }),
  v.strictObject({ kind: v.literal('recover'), atMs: AT_MS, agent: id() }),
]);

const LATENCY = int(0, MAX_LATENCY_MS);

export const NetworkSchema = v.strictObject({
  latencyMsMin: v.optional(LATENCY, 10),
  latencyMsMax: v.optional(LATENCY, 50),
  lossProbability: v.optional(probability(), 0),
  duplicationProbability: v.optional(probability(), 0),
  reorderProbability: v.optional(probability(), 0),
  faults: v.optional(list(FaultSchema, 0, MAX_FAULTS, 'faults'), () => []),
});

const PROPOSAL = v.pipe(
  record(id(), v.unknown()),
  v.check<Record<string, unknown>, string>(
    isJsonData,
    'must be an object of JSON data (strings, finite numbers, booleans, null, arrays, objects)',
  ),
  // A fresh copy, so the parsed scenario never shares objects with the caller's input.
  v.transform((p) => cloneJson(p) as Record<string, unknown>),
);

const TIMEOUT = int(1, MAX_SIM_TIME_MS);
const ROUNDS = int(1, MAX_ROUNDS);
const FANOUT = int(1, MAX_AGGREGATE_AGENTS);

const FloodRun = v.strictObject({ kind: v.literal('flood'), origin: v.optional(id()) });

const ConsensusRun = v.strictObject({
  kind: v.literal('consensus'),
  algorithm: oneOf(['quorum', 'weighted', 'byzantine', 'gossip', 'oral-messages']),
  proposal: v.optional(PROPOSAL, () => ({ proposalId: 'proposal-1' })),
  timeoutMs: v.optional(TIMEOUT, 30_000),
  mode: v.optional(oneOf(['simple', 'supermajority', 'unanimous'])),
  threshold: v.optional(num(0, 1, true)),
  faultTolerance: v.optional(int(0, MAX_AGENTS)),
  numRounds: v.optional(ROUNDS),
  // Oral messages: OM(m)'s relay rounds. No default here: it is ⌊(n − 1) / 3⌋ for n generals, and
  // m ≤ n − 2 needs the swarm, so both live in the engine (validateConsensusParams).
  m: v.optional(int(0, MAX_ROUNDS)),
  agentWeights: v.optional(record(id(), num(0, MAX_AGENT_WEIGHT, true))),
  fanout: v.optional(FANOUT),
  rounds: v.optional(ROUNDS),
  convergenceThreshold: v.optional(num(0, 1, true)),
  participants: v.optional(IDS),
});

const RumorRun = v.strictObject({
  kind: v.literal('rumor'),
  mode: oneOf(['push', 'pull', 'push-pull']),
  fanout: v.optional(FANOUT, 1),
  origin: v.optional(id()),
  maxRounds: v.optional(ROUNDS),
  agentCount: v.optional(int(1, MAX_AGGREGATE_AGENTS)),
});

// Defaults for the optional parameters live in the engine (REPLICATED_STATE_DEFAULTS), as for every run kind.
const ReplicatedStateRun = v.strictObject({
  kind: v.literal('replicated-state'),
  crdtType: oneOf(['counter', 'pn-counter', 'set', 'or-set', 'map', 'register']),
  operations: int(0, MAX_CRDT_OPERATIONS),
  syncIntervalMs: v.optional(TIMEOUT),
  opIntervalMs: v.optional(TIMEOUT),
  sync: v.optional(oneOf(['state', 'delta'])),
  fanout: v.optional(int(1, MAX_AGENTS)),
  keySpace: v.optional(int(1, MAX_KEY_SPACE)),
  removeProbability: v.optional(probability()),
  healAtEnd: v.optional(v.boolean('must be true or false')),
  maxFlushRounds: v.optional(ROUNDS),
});

const SyncRun = v.strictObject({
  kind: v.literal('sync'),
  mode: oneOf(['full', 'delta', 'version-query']),
  keys: int(1, MAX_SYNC_KEYS),
  changedKeys: v.optional(int(0, MAX_SYNC_KEYS)),
  timeoutMs: v.optional(TIMEOUT),
  strategy: v.optional(oneOf(['lww', 'vector', 'crdt'])),
  swarmId: v.optional(id()),
});

const COST_MS = int(0, MAX_SIM_TIME_MS);

// detectionTimeoutMs > heartbeatIntervalMs, delegator ≠ crash.agent and ids that exist: crossChecks.ts.
const DelegationRun = v.strictObject({
  kind: v.literal('delegation'),
  strategy: oneOf(['round-robin', 'least-loaded', 'capability', 'weighted', 'consistent-hash']),
  tasks: int(0, MAX_TASKS),
  taskCostMs: v.optional(v.strictTuple([COST_MS, COST_MS], 'must be a pair [minMs, maxMs]')),
  crash: v.optional(v.strictObject({ agent: id(), atMs: AT_MS })),
  delegator: v.optional(id()),
  capabilityDemand: v.optional(probability()),
  heartbeatIntervalMs: v.optional(TIMEOUT),
  detectionTimeoutMs: v.optional(TIMEOUT),
  maxTimeMs: v.optional(TIMEOUT),
  virtualNodes: v.optional(int(1, MAX_VIRTUAL_NODES)),
});

export const RunSchema = v.variant('kind', [
  FloodRun,
  ConsensusRun,
  RumorRun,
  ReplicatedStateRun,
  SyncRun,
  DelegationRun,
]);

/** The whole file. `version` is already migrated to SCENARIO_VERSION when this runs. */
export const ScenarioFileSchema = v.strictObject({
  format: v.literal(SCENARIO_FORMAT, `must be "${SCENARIO_FORMAT}"`),
  version: v.literal(SCENARIO_VERSION, `must be ${SCENARIO_VERSION}`),
  name: v.optional(text(0, MAX_NAME_LENGTH)),
  description: v.optional(text(0, MAX_DESCRIPTION_LENGTH, true)),
  seed: int(0, 2 ** 32 - 1),
  topology: TopologySchema,
  // Every network field is optional, so without the guard an array would pass as an empty network.
  network: v.optional(objectOnly(NetworkSchema), () => ({})),
  run: RunSchema,
});

/** A file as the schema leaves it: typed and defaulted, ids not yet checked against each other. */
export type ScenarioFile = v.InferOutput<typeof ScenarioFileSchema>;

function cloneJson(x: unknown): unknown {
  if (typeof x === 'number') return x === 0 ? 0 : x;
  if (Array.isArray(x)) return x.map(cloneJson);
  if (x !== null && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    // Keys are ids here (never __proto__), so plain assignment cannot reach the prototype.
    for (const [k, value] of Object.entries(x)) out[k] = cloneJson(value);
    return out;
  }
  return x;
}
