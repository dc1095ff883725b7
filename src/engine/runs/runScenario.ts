import type { Agent } from '../core/agent';
import { check, ValidationError } from '../core/errors';
import { Prng } from '../core/prng';
import { SwarmCoordinator } from '../core/swarmCoordinator';
import { buildLinks, type TopologyBuilder } from '../core/topology';
import { Network } from '../network/network';
import { resolveScenarioIds, type Scenario } from '../scenario';
import { Trace, type TraceColumns } from '../trace/trace';
import { adviseScenario, type Warning } from './advice';
import type { RunContext } from './context';
import { dispatchRun, isAggregateRun } from './registry';

/** What a run reports besides its trace: the same in the browser, the CLI and tests. */
export interface RunSummary {
  runKind: string;
  seed: number;
  traceHash: string;
  events: number;
  /** Simulated milliseconds from the start to the last event. */
  simulatedMs: number;
  messages: number;
  /** Agents of the swarm: trace events address agents 0..agents−1. */
  agents: number;
  /** For runs on aggregate state without a swarm (a million-agent rumor): how many agents were simulated. */
  aggregateAgents?: number;
  links: number;
  /** The engine's own result (a ConsensusResult, a flood summary, …), JSON-serialisable. */
  result: unknown;
}

export interface RunResult {
  summary: RunSummary;
  trace: TraceColumns;
}

export interface RunOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Keep every event (default) or only the hash and counts. */
  record?: boolean;
  onProgress?: (fraction: number) => void;
  shouldStop?: () => boolean;
}

/** The swarm as the UI draws it. */
export interface TopologyView {
  agents: Agent[];
  links: [number, number][];
  connected: boolean;
}

/** Independent random streams of one seed, so the topology does not change when the run kind does. */
const STREAM = { topology: 1, network: 2, engine: 3 } as const;
const stream = (seed: number, which: keyof typeof STREAM) => new Prng(seed).fork(STREAM[which]);

/** Builds the scenario's swarm: its agents, the builder's links, then the extra links. */
export function buildSwarm(scenario: Scenario, seed = scenario.seed): SwarmCoordinator {
  const { agents, builder, links } = scenario.topology;
  const swarm = new SwarmCoordinator(agents);
  const resolved: TopologyBuilder = builder.kind === 'star' ? { kind: 'star', hub: swarm.index(builder.hub) } : builder;
  swarm.addLinks(buildLinks(resolved, swarm.size, stream(seed, 'topology')));
  for (const [a, b] of links) swarm.connect(a, b);
  return swarm;
}

/**
 * The swarm as drawn, plus what the engines have to say about the scenario
 * before it runs: `problem` (it would not run, e.g. too few agents for f) and
 * warnings. The swarm is described even when there is a problem, so the editor
 * keeps showing what the user built.
 */
export function describeScenario(
  scenario: Scenario,
): TopologyView & { warnings: Warning[]; problem?: ValidationError } {
  const swarm = buildSwarm(scenario);
  const view = { agents: [...swarm.agents], links: swarm.links(), connected: swarm.isConnected() };
  try {
    return { ...view, warnings: adviseScenario(scenario, swarm) };
  } catch (error) {
    if (error instanceof ValidationError) return { ...view, warnings: [], problem: error };
    throw error;
  }
}

/**
 * Runs a validated scenario: builds the swarm and the network, schedules the
 * fault plan, and hands both to the run kind's engine. Same scenario and seed ⇒
 * the same trace hash, in Node and in the browser.
 */
export async function runScenario(scenario: Scenario, options: RunOptions = {}): Promise<RunResult> {
  const seed = options.seed ?? scenario.seed;
  check(
    Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32,
    'seed',
    'must be a whole number from 0 to 4,294,967,295',
  );
  const trace = new Trace(options.record ?? true);
  const swarm = isAggregateRun(scenario) ? new SwarmCoordinator() : buildSwarm(scenario, seed);
  const network = new Network(swarm.size, scenario.network, stream(seed, 'network'), trace);
  if (!isAggregateRun(scenario)) {
    // Every kind's messages follow the links the user drew: the one place the topology meets the network.
    network.followTopology(swarm.agents.map((_, i) => swarm.neighbourIndices(i)));
    for (const fault of resolveScenarioIds(scenario).faults) network.scheduleFault(fault);
  }
  swarm.attach(network);
  const ctx: RunContext = {
    coordinator: swarm,
    network,
    rng: stream(seed, 'engine'),
    trace,
    onProgress: options.onProgress,
    shouldStop: options.shouldStop,
  };
  const result = await dispatchRun(ctx, scenario);
  const columns = trace.columns();
  return {
    summary: {
      runKind: scenario.run.kind,
      seed,
      traceHash: columns.hash,
      events: columns.length,
      simulatedMs: Math.max(network.now, columns.length > 0 ? columns.t[columns.length - 1] : 0),
      messages: network.messagesSent,
      agents: swarm.size,
      aggregateAgents: scenario.run.kind === 'rumor' ? scenario.run.agentCount : undefined,
      links: swarm.linkCount,
      result,
    },
    trace: columns,
  };
}
