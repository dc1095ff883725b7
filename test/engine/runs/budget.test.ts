/**
 * The work budget: every scenario the project ships is within it; runs that would
 * take minutes or gigabytes are refused before they start, naming the field that
 * drives the cost, the estimate and the limit; and the estimate is an upper bound
 * of what small runs of every kind really do.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SwarmCoordinator } from '../../../src/engine/core/swarmCoordinator';
import { BudgetError, checkBuildBudget, checkRunBudget, estimateRun } from '../../../src/engine/runs/budget';
import { RUN_BUDGET, totals } from '../../../src/engine/runs/budgetCost';
import { RUN_PRESETS } from '../../../src/engine/runs/catalogue';
import { isAggregateRun, RUN_KINDS } from '../../../src/engine/runs/registry';
import { buildSwarm, describeScenario, runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario, type Scenario } from '../../../src/engine/scenario';
import { LESSONS } from '../../../src/lessons/index';
import { lessonScenarioAt } from '../../../src/lessons/progress';

const EXAMPLES = join(__dirname, '..', '..', '..', 'public', 'scenarios');

const doc = (topology: object, run: object, network: object = {}) => ({
  format: 'swarm-playground/scenario',
  version: 1,
  seed: 1,
  topology,
  network,
  run,
});

const swarmOf = (s: Scenario) => (isAggregateRun(s) ? new SwarmCoordinator() : buildSwarm(s));

/** Checks the build and the run; returns the BudgetError, or undefined when the run is within budget. */
function refusal(s: Scenario): BudgetError | undefined {
  try {
    checkBuildBudget(s);
    checkRunBudget(s, swarmOf(s));
    return undefined;
  } catch (error) {
    if (error instanceof BudgetError) return error;
    throw error;
  }
}

function bundled(): [string, unknown][] {
  const out: [string, unknown][] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.json')) out.push([path, JSON.parse(readFileSync(path, 'utf8'))]);
    }
  };
  walk(EXAMPLES);
  for (const lesson of LESSONS)
    lesson.steps.forEach((_, i) => {
      const draft = lessonScenarioAt(lesson, i);
      if (draft) out.push([`lesson ${lesson.id} step ${i + 1}`, draft]);
    });
  // Every preset of the run form on the editor's default swarm.
  for (const preset of RUN_PRESETS)
    out.push([
      `preset ${preset.id}`,
      doc({ agentCount: 12, builder: { kind: 'small-world', k: 4, beta: 0.1 } }, preset.run),
    ]);
  return out;
}

describe('the work budget', () => {
  it('lets every bundled example, lesson step and run preset run', () => {
    const scenarios = bundled();
    expect(scenarios.length).toBeGreaterThan(30);
    for (const [name, data] of scenarios) expect(refusal(parseScenario(data))?.message, name).toBeUndefined();
  });

  it('has an estimate for every registered run kind (its descriptor must name one)', () => {
    for (const [kind, descriptor] of Object.entries(RUN_KINDS))
      expect(typeof descriptor.estimate, kind).toBe('function');
  });

  it('refuses a sync of a million keys on 100 agents on run.keys, with the estimate and the limit in words', () => {
    const error = refusal(
      parseScenario(
        doc({ agentCount: 100, builder: { kind: 'mesh' } }, { kind: 'sync', mode: 'full', keys: 1_000_000 }),
      ),
    );
    expect(error).toBeInstanceOf(BudgetError);
    expect(error?.field).toBe('run.keys');
    expect(error?.rule).toMatch(
      /^run\.keys \(1,000,000\) × agents \(100\) × .* ≈ [\d,]+ bytes of messages and details to serialise; the limit is 100,000,000/,
    );
    expect(error?.actual).toBeGreaterThan(RUN_BUDGET.bytes.max);
  });

  it('names the swarm size when many agents, not the keys, make a sync too big', () => {
    const error = refusal(
      parseScenario(doc({ agentCount: 50_000, builder: { kind: 'ring' } }, { kind: 'sync', mode: 'full', keys: 1000 })),
    );
    expect(error?.field).toBe('topology.agentCount');
  });

  it('refuses the runs that used to run for minutes: rumor fanout, OR-set operations, delegation tasks', () => {
    const mesh = { agentCount: 10, builder: { kind: 'mesh' } };
    const rumor = refusal(
      parseScenario(
        doc(
          { agentCount: 1, builder: { kind: 'mesh' } },
          { kind: 'rumor', mode: 'push-pull', fanout: 2_000_000, agentCount: 2_000_000 },
        ),
      ),
    );
    expect(rumor?.field).toBe('run.fanout');
    const orSet = refusal(
      parseScenario(doc(mesh, { kind: 'replicated-state', crdtType: 'or-set', operations: 1_000_000 })),
    );
    expect(orSet?.field).toBe('run.operations');
    const tasks = refusal(parseScenario(doc(mesh, { kind: 'delegation', strategy: 'least-loaded', tasks: 1_000_000 })));
    expect(tasks?.field).toBe('run.tasks');
    for (const e of [rumor, orSet, tasks]) expect(e?.rule).toMatch(/; the limit is [\d,]+/);
  });

  it('caps a per-agent fanout by what the topology allows instead of refusing it', () => {
    const ring = { agentCount: 1000, builder: { kind: 'ring' } };
    expect(refusal(parseScenario(doc(ring, { kind: 'rumor', mode: 'push-pull', fanout: 2_000_000 })))).toBeUndefined();
    const gossip = { kind: 'consensus', algorithm: 'gossip', fanout: 2_000_000, rounds: 20 };
    expect(refusal(parseScenario(doc({ agentCount: 50, builder: { kind: 'mesh' } }, gossip)))).toBeUndefined();
  });

  it('refuses a partial mesh too big to shuffle before building it, on topology.builder.k', () => {
    const s = parseScenario(doc({ agentCount: 100_000, builder: { kind: 'partial-mesh', k: 10 } }, { kind: 'flood' }));
    expect(() => checkBuildBudget(s)).toThrow(BudgetError);
    expect(refusal(s)?.field).toBe('topology.builder.k');
  });

  it('refuses a random builder whose links could exceed MAX_LINKS, on topology.builder.p', () => {
    const s = parseScenario(doc({ agentCount: 20_000, builder: { kind: 'random', p: 0.01 } }, { kind: 'flood' }));
    expect(refusal(s)?.field).toBe('topology.builder.p');
  });

  it('describeScenario shows the refusal as the problem next to the field; runScenario refuses before running', async () => {
    const s = parseScenario(
      doc({ agentCount: 100, builder: { kind: 'mesh' } }, { kind: 'sync', mode: 'full', keys: 1_000_000 }),
    );
    const described = describeScenario(s);
    expect(described.agents).toHaveLength(100);
    expect(described.problem).toBeInstanceOf(BudgetError);
    expect(described.problem?.field).toBe('run.keys');
    await expect(runScenario(s, { record: false })).rejects.toBeInstanceOf(BudgetError);
  });

  it('counts recording: the same run costs more memory when every event is kept', () => {
    const s = parseScenario(doc({ agentCount: 300, builder: { kind: 'mesh' } }, { kind: 'flood' }));
    const memory = (record: boolean) => totals(estimateRun(s, buildSwarm(s), { record })).memory;
    expect(memory(true)).toBeGreaterThan(memory(false));
  });

  const small: [string, object, object, object?][] = [
    [
      'flood, small world with loss and duplication',
      { agentCount: 300, builder: { kind: 'small-world', k: 6, beta: 0.2 } },
      { kind: 'flood' },
      { lossProbability: 0.1, duplicationProbability: 0.2 },
    ],
    [
      'quorum on a ring (routed)',
      { agentCount: 60, builder: { kind: 'ring' } },
      { kind: 'consensus', algorithm: 'quorum' },
    ],
    [
      'byzantine',
      { agentCount: 13, builder: { kind: 'mesh' } },
      { kind: 'consensus', algorithm: 'byzantine', faultTolerance: 3 },
    ],
    [
      'gossip vote',
      { agentCount: 100, builder: { kind: 'partial-mesh', k: 6 } },
      { kind: 'consensus', algorithm: 'gossip', fanout: 3, rounds: 10 },
    ],
    ['oral messages', { agentCount: 7, builder: { kind: 'mesh' } }, { kind: 'consensus', algorithm: 'oral-messages' }],
    [
      'rumor on a swarm',
      { agentCount: 500, builder: { kind: 'small-world', k: 4, beta: 0.1 } },
      { kind: 'rumor', mode: 'push', fanout: 2 },
    ],
    [
      'well-mixed rumor',
      { agentCount: 1, builder: { kind: 'mesh' } },
      { kind: 'rumor', mode: 'pull', agentCount: 3000 },
    ],
    [
      'replicated OR-set',
      { agentCount: 8, builder: { kind: 'ring' } },
      { kind: 'replicated-state', crdtType: 'or-set', operations: 300 },
    ],
    [
      'sync version query',
      { agentCount: 12, builder: { kind: 'star' } },
      { kind: 'sync', mode: 'version-query', keys: 200 },
    ],
    [
      'delegation with a crash',
      { agentCount: 8, builder: { kind: 'star' } },
      { kind: 'delegation', strategy: 'round-robin', tasks: 300, crash: { agent: 'agent-3', atMs: 300 } },
    ],
  ];

  it.each(small)('estimates at least the events a real run writes: %s', async (_name, topology, run, network = {}) => {
    const s = parseScenario(doc(topology, run, network));
    const estimated = totals(estimateRun(s, swarmOf(s), { record: false }));
    const { summary } = await runScenario(s, { record: false });
    // Well-mixed runs trace rounds only (their contacts are engine steps); the others trace every message.
    if (isAggregateRun(s)) expect(estimated.steps).toBeGreaterThanOrEqual(summary.events);
    else expect(estimated.events).toBeGreaterThanOrEqual(summary.events);
  });
});
