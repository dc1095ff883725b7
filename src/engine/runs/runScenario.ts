import type { Agent } from '../core/agent';
import { check, ValidationError } from '../core/errors';
import { Prng } from '../core/prng';
import { SwarmCoordinator } from '../core/swarmCoordinator';
import { buildLinks, type TopologyBuilder } from '../core/topology';
import { Network } from '../network/network';
import { type RunKind, resolveScenarioIds, type Scenario } from '../scenario';
import type { DropReason } from '../trace/events';
import { Trace, type TraceColumns } from '../trace/trace';
import { adviseScenario, type Warning } from './advice';
import { checkBuildBudget, checkRunBudget } from './budget';
import { propertiesOf } from './catalogue';
import type { RunContext } from './context';
import type { PropertyMeta, Violation } from './kind';
import { checkProperty, dispatchRun, isAggregateRun, messagesOf, type RunResultOf } from './registry';

/** A property checked on a run: held, or broken with its witnesses. */
export type PropertyVerdict = PropertyMeta & { held: boolean; violation?: Violation };

/** What every run reports besides its trace: the same in the browser, the CLI and tests. */
export interface RunSummaryBase {
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
  /** Agent ids by network address (trace events name agents by address). */
  agentIds: string[];
  /** Messages the network did not deliver, by reason (hops of routed messages counted one by one). */
  drops: Partial<Record<DropReason, number>>;
  /** Every property of the run kind, checked on this run (the first is the one its lessons are about). */
  properties: PropertyVerdict[];
}

/** A run's summary, discriminated by its kind: `result` is that kind's engine result. */
export type RunSummary = { [K in RunKind]: RunSummaryBase & { runKind: K; result: RunResultOf<K> } }[RunKind];

/** The summary of a run of kind K. */
export type RunSummaryOf<K extends RunKind> = Extract<RunSummary, { runKind: K }>;

/**
 * A run's result when the run is of kind K, else undefined: narrowing by kind instead of a cast.
 * @example resultOf(summary, 'consensus')?.result.decision // 'approved'
 */
export function resultOf<K extends RunKind>(
  summary: RunSummary | null | undefined,
  kind: K,
): RunResultOf<K> | undefined {
  // The one place the union is narrowed by a value: the check right here makes the cast true.
  return summary?.runKind === kind ? (summary.result as RunResultOf<K>) : undefined;
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
  checkBuildBudget(scenario);
  const swarm = buildSwarm(scenario);
  const view = { agents: [...swarm.agents], links: swarm.links(), connected: swarm.isConnected() };
  try {
    const warnings = adviseScenario(scenario, swarm);
    // The work budget, so an over-budget run is refused next to its field before anyone presses Run.
    checkRunBudget(scenario, swarm);
    return { ...view, warnings };
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
  checkBuildBudget(scenario);
  const swarm = isAggregateRun(scenario) ? new SwarmCoordinator() : buildSwarm(scenario, seed);
  checkRunBudget(scenario, swarm, { record: options.record ?? true });
  const network = new Network(swarm.size, scenario.network, stream(seed, 'network'), trace);
  if (!isAggregateRun(scenario)) {
    // Every kind's messages follow the links the user drew: the one place the topology meets the network.
    network.followTopology(swarm.agents.map((_, i) => swarm.neighbourIndices(i)));
    for (const fault of resolveScenarioIds(scenario).faults) network.scheduleFault(fault);
    // A silent agent sends nothing in every kind, whether or not its engine knows the behaviour.
    swarm.agents.forEach((agent, i) => {
      if (agent.behaviour === 'silent') network.silence(i);
    });
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
  const base: RunSummaryBase = {
    seed,
    traceHash: columns.hash,
    events: columns.length,
    // The trace's last time, recorded or not (an unrecorded trace keeps no columns).
    simulatedMs: Math.max(network.now, trace.lastTimeMs),
    messages: messagesOf(scenario.run.kind, result) ?? network.messagesSent,
    agents: swarm.size,
    aggregateAgents: scenario.run.kind === 'rumor' ? scenario.run.agentCount : undefined,
    links: swarm.linkCount,
    agentIds: swarm.agents.map((a) => a.id),
    drops: trace.dropCounts(),
    properties: verdicts(scenario, result, swarm.size),
  };
  return { summary: { ...base, runKind: scenario.run.kind, result } as RunSummary, trace: columns };
}

/** Every property of the run's kind, checked on its result. */
function verdicts(scenario: Scenario, result: RunResultOf<RunKind>, agents: number): PropertyVerdict[] {
  return propertiesOf(scenario.run, agents).map((property) => {
    const violation = checkProperty(scenario.run.kind, property, result, property.roundBound);
    return violation ? { ...property, held: false, violation } : { ...property, held: true };
  });
}
