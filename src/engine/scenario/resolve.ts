/** From a schema-valid file to a Scenario: agents materialised, ids checked, remaining defaults filled. */
import type { Agent } from '../core/agent';
import type { ValidationError } from '../core/errors';
import { ValidationError as VError } from '../core/errors';
import type { Fault } from '../network/faults';
import { crossCheck } from './crossChecks';
import { formatPath } from './issues';
import { fmt } from './rules';
import type { ScenarioFile } from './schema';
import type { RunSpec, Scenario, TopologyBuilderSpec } from './types';

export type ResolveResult = { ok: true; scenario: Scenario } | { ok: false; errors: ValidationError[] };

/** The default agent at index i, as the file would have it with only `agentCount`. */
export function defaultAgent(i: number): Agent {
  const id = `agent-${i + 1}`;
  return { id, label: id, weight: 1, capabilities: [], behaviour: 'honest', policy: { kind: 'fixed', vote: 'for' } };
}

function fileAgent(a: NonNullable<ScenarioFile['topology']['agents']>[number]): Agent {
  const agent: Agent = {
    id: a.id,
    label: a.label ?? a.id,
    weight: a.weight,
    capabilities: a.capabilities,
    behaviour: a.behaviour,
    policy: a.policy,
  };
  if (a.position) agent.position = a.position;
  return agent;
}

function countError(file: ScenarioFile): ValidationError | undefined {
  const { agentCount, agents } = file.topology;
  if (agentCount === undefined && agents === undefined) {
    return new VError(formatPath(['topology', 'agentCount']), 'is required when topology.agents is not given');
  }
  if (agentCount !== undefined && agents !== undefined && agentCount !== agents.length) {
    return new VError(
      formatPath(['topology', 'agentCount']),
      `must equal the length of the agent list (${fmt(agents.length)} agents)`,
    );
  }
  return undefined;
}

/** Checks cross-field rules and builds the Scenario, or lists every problem found. */
export function resolveScenario(file: ScenarioFile): ResolveResult {
  const counted = countError(file);
  if (counted) return { ok: false, errors: [counted] };
  const { topology, network, run } = file;
  const agents =
    topology.agents?.map(fileAgent) ?? Array.from({ length: topology.agentCount ?? 0 }, (_, i) => defaultAgent(i));
  const errors = crossCheck(file, agents);
  if (errors.length > 0) return { ok: false, errors };
  const first = agents[0].id;
  const builder: TopologyBuilderSpec =
    topology.builder.kind === 'star' ? { kind: 'star', hub: topology.builder.hub ?? first } : topology.builder;
  const resolvedRun: RunSpec = run.kind === 'flood' ? { kind: 'flood', origin: run.origin ?? first } : run;
  const scenario: Scenario = {
    format: file.format,
    version: file.version,
    seed: file.seed,
    topology: { agentCount: agents.length, agents, builder, links: topology.links.map(([a, b]) => [a, b]) },
    network: {
      latencyMsMin: network.latencyMsMin,
      latencyMsMax: network.latencyMsMax,
      lossProbability: network.lossProbability,
      duplicationProbability: network.duplicationProbability,
      reorderProbability: network.reorderProbability,
      faults: network.faults,
    },
    run: resolvedRun,
  };
  if (file.name !== undefined) scenario.name = file.name;
  if (file.description !== undefined) scenario.description = file.description;
  return { ok: true, scenario };
}

/** A scenario's ids as network addresses: agent index by id, links and faults with indices. */
export interface ResolvedIds {
  index: ReadonlyMap<string, number>;
  links: [number, number][];
  faults: Fault[];
}

/**
 * Maps every id of a parsed scenario to its agent's index (its network
 * address), for engines that work on indices.
 *
 * @example
 * const { faults } = resolveScenarioIds(parseScenario(text));
 * for (const fault of faults) network.scheduleFault(fault);
 */
export function resolveScenarioIds(scenario: Scenario): ResolvedIds {
  const index = new Map(scenario.topology.agents.map((a, i) => [a.id, i]));
  const ix = (id: string): number => {
    const i = index.get(id);
    if (i === undefined) throw new VError('topology.agents', `has no agent "${id}"`);
    return i;
  };
  const faults = scenario.network.faults.map((fault): Fault => {
    switch (fault.kind) {
      case 'partition':
        return { kind: 'partition', atMs: fault.atMs, groups: fault.groups.map((g) => g.map(ix)) };
      case 'one-way':
        return { kind: 'one-way', atMs: fault.atMs, from: fault.from.map(ix), to: fault.to.map(ix) };
      case 'heal':
        return { kind: 'heal', atMs: fault.atMs };
      default:
        return { kind: fault.kind, atMs: fault.atMs, agent: ix(fault.agent) };
    }
  });
  return { index, links: scenario.topology.links.map(([a, b]) => [ix(a), ix(b)]), faults };
}
