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
  MAX_CAPABILITIES,
  MAX_COORDINATE,
  MAX_DESCRIPTION_LENGTH,
  MAX_FAULTS,
  MAX_LABEL_LENGTH,
  MAX_LATENCY_MS,
  MAX_LINKS,
  MAX_NAME_LENGTH,
} from '../core/limits';
import { DEFAULT_NETWORK } from '../network/faults';
import { RUN_SCHEMAS } from '../runs/schemas';
import { AT_MS, IDS, list } from './fields';
import { SCENARIO_FORMAT, SCENARIO_VERSION } from './format';
import { fmt, id, int, num, objectOnly, oneOf, probability, text } from './rules';

const VOTE = oneOf(['for', 'against', 'abstain']);

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
  latencyMsMin: v.optional(LATENCY, DEFAULT_NETWORK.latencyMsMin),
  latencyMsMax: v.optional(LATENCY, DEFAULT_NETWORK.latencyMsMax),
  lossProbability: v.optional(probability(), DEFAULT_NETWORK.lossProbability),
  duplicationProbability: v.optional(probability(), DEFAULT_NETWORK.duplicationProbability),
  reorderProbability: v.optional(probability(), DEFAULT_NETWORK.reorderProbability),
  faults: v.optional(list(FaultSchema, 0, MAX_FAULTS, 'faults'), () => []),
});

/** Every run kind's parameter block, from the run kinds' own schemas (src/engine/runs/schemas.ts). */
export const RunSchema = v.variant('kind', RUN_SCHEMAS);

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
