/**
 * A work budget for every run, derived from the scenario before anything runs:
 * the trace events it will write, the bytes it will serialise, its engines'
 * inner-loop steps and its memory, each checked against a limit (RUN_BUDGET)
 * that keeps a run in the CLI to seconds and well under 2 GB. A run over budget
 * is refused with a BudgetError naming the field that drives the cost, the
 * estimate and the limit, in words — next to the field in the editor, before the
 * run, and the same in the CLI.
 */
import { ValidationError } from '../core/errors';
import { MAX_LINKS } from '../core/limits';
import type { SwarmCoordinator } from '../core/swarmCoordinator';
import { fmt } from '../scenario/rules';
import type { Scenario } from '../scenario/types';
import {
  type BudgetMeasure,
  type Cost,
  cost,
  derived,
  drivingField,
  field,
  formula,
  MAX_SHUFFLED_LINKS,
  RUN_BUDGET,
  totals,
} from './budgetCost';
import type { EstimateInput } from './budgetKinds';
import { SwarmFacts } from './budgetSwarm';
import { estimateKind, isAggregateRun } from './registry';

export { type BudgetMeasure, type Cost, MAX_SHUFFLED_LINKS, RUN_BUDGET } from './budgetCost';

/**
 * A run (or the swarm it would build) is over its work budget. A ValidationError,
 * so it is shown next to `field`; `limit`, `max` and `actual` are for code.
 */
export class BudgetError extends ValidationError {
  constructor(
    field: string,
    rule: string,
    readonly limit: string,
    readonly max: number,
    readonly actual: number,
  ) {
    super(field, rule);
  }
}

export interface BudgetOptions {
  /** The run keeps every event (the browser does; the CLI only with --trace). Default true. */
  record?: boolean;
}

/**
 * Checks what building the scenario's swarm costs, before it is built: a partial
 * mesh shuffles its links (ten swaps each), and a random builder's links, a
 * random number, must stay within MAX_LINKS with the extra links.
 * @example checkBuildBudget(parseScenario(text)) // throws BudgetError on topology.builder.k for a 100,000-agent partial mesh of degree 10
 */
export function checkBuildBudget(scenario: Scenario): void {
  const { agentCount: n, builder, links } = scenario.topology;
  if (builder.kind === 'partial-mesh' && builder.k < n - 1) {
    const shuffled = Math.ceil((n * builder.k) / 2);
    if (shuffled > MAX_SHUFFLED_LINKS) {
      const path = builder.k > 2 ? 'topology.builder.k' : 'topology.agentCount';
      const rule = `agents (${fmt(n)}) × k (${fmt(builder.k)}) ÷ 2 = ${fmt(shuffled)} links to shuffle into a random regular graph; the limit is ${fmt(MAX_SHUFFLED_LINKS)}`;
      throw new BudgetError(path, rule, 'MAX_SHUFFLED_LINKS', MAX_SHUFFLED_LINKS, shuffled);
    }
  }
  if (builder.kind === 'random') {
    const expected = (builder.p * n * (n - 1)) / 2;
    // Six standard deviations: the drawn count stays below this for any seed one will ever try.
    const likelyMax = Math.ceil(expected + 6 * Math.sqrt(expected) + links.length);
    if (likelyMax > MAX_LINKS) {
      const rule = `p × agents × (agents − 1) ÷ 2 = ${fmt(Math.round(expected))} links expected (up to ${fmt(likelyMax)} with the extra links and chance); at most ${fmt(MAX_LINKS)} allowed`;
      throw new BudgetError('topology.builder.p', rule, 'MAX_LINKS', MAX_LINKS, likelyMax);
    }
  }
}

/** The scenario's estimated costs on its built swarm (an empty swarm for well-mixed runs). */
export function estimateRun(scenario: Scenario, swarm: SwarmCoordinator, options: BudgetOptions = {}): Cost[] {
  const facts = new SwarmFacts(swarm);
  const input: EstimateInput = { scenario, facts, n: swarm.size };
  const costs = estimateKind(input, scenario);
  if (!isAggregateRun(scenario)) costs.push(...faultCosts(scenario, swarm.size, totals(costs).events));
  if (options.record ?? true) {
    const { events, bytes } = totals(costs);
    costs.push(cost('memory', [derived('recorded events', events), derived('bytes per recorded event', 60)]));
    costs.push(cost('memory', [derived('recorded bytes of messages and details', bytes), derived('as objects', 1.5)]));
  }
  return costs;
}

/**
 * Refuses a run whose estimate exceeds a limit of RUN_BUDGET, naming the field
 * that drives it (the measure furthest over its limit first).
 * @example checkRunBudget(scenario, buildSwarm(scenario)) // throws BudgetError on run.keys for 1,000,000 keys on 100 agents
 */
export function checkRunBudget(scenario: Scenario, swarm: SwarmCoordinator, options: BudgetOptions = {}): void {
  const costs = estimateRun(scenario, swarm, options);
  const sums = totals(costs);
  const over = (Object.keys(RUN_BUDGET) as BudgetMeasure[])
    .filter((m) => sums[m] > RUN_BUDGET[m].max)
    .sort((a, b) => sums[b] / RUN_BUDGET[b].max - sums[a] / RUN_BUDGET[a].max);
  if (over.length === 0) return;
  const measure = over[0];
  const { max, unit, name, why } = RUN_BUDGET[measure];
  const ofMeasure = costs.filter((c) => c.measure === measure);
  const { field: path, cost: biggest } = drivingField(ofMeasure, sums[measure], max);
  const inAll = sums[measure] > biggest.amount * 1.01 ? ` (${fmt(Math.round(sums[measure]))} in all)` : '';
  const rule =
    biggest.amount >= Number.MAX_VALUE
      ? `${formula(biggest)} never ends; the limit is ${fmt(max)} ${unit}, ${why}`
      : `${formula(biggest)} ≈ ${fmt(Math.round(biggest.amount))} ${unit}${inAll}; the limit is ${fmt(max)}, ${why}`;
  throw new BudgetError(path, rule, name, max, Math.round(sums[measure]));
}

/**
 * The network's faults: each is an event; a partition's description lists its
 * groups; one-way cuts add up until a heal (each is two bytes per agent, and
 * every delivery checks every cut) and each change describes every active cut.
 */
function faultCosts(scenario: Scenario, n: number, events: number): Cost[] {
  const faults = scenario.network.faults;
  if (faults.length === 0) return [];
  let cuts = 0;
  let maxCuts = 0;
  let cutIds = 0;
  let described = 0;
  for (const f of faults) {
    if (f.kind === 'heal') cuts = cutIds = 0;
    else if (f.kind === 'partition') described += f.groups.reduce((s, g) => s + g.length, 0);
    else if (f.kind === 'one-way') {
      cuts++;
      cutIds += f.from.length + f.to.length;
      described += cutIds;
      maxCuts = Math.max(maxCuts, cuts);
    }
  }
  const faultsField = field('network.faults', faults.length, 'network.faults', 0);
  return [
    cost('events', [faultsField]),
    cost('bytes', [
      field('agents named by partition descriptions', described, 'network.faults', 0),
      derived('bytes per agent', 8),
    ]),
    cost('memory', [field('one-way cuts at once', maxCuts, 'network.faults', 0), derived('agents', n), 2]),
    cost('steps', [derived('deliveries', events / 2), field('one-way cuts at once', maxCuts, 'network.faults', 0)]),
  ];
}
