/**
 * Raft and PBFT as run kinds: their advice (Bracha's rule for PBFT, teaching switches), the
 * property a counterexample search looks for first, and each verdict turned into words with
 * its witnesses, on real runs through runScenario.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/engine/core/errors';
import { estimateRun } from '../../../src/engine/runs/budget';
import { totals } from '../../../src/engine/runs/budgetCost';
import { propertiesOf } from '../../../src/engine/runs/catalogue';
import { buildSwarm, describeScenario, resultOf, runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario, type Scenario } from '../../../src/engine/scenario';

const COMMANDS = [0, 1, 2, 3, 4].map((k) => ({ atMs: 500 + 400 * k, value: `x=${k + 1}` }));

function scenario(run: Record<string, unknown>, agents: number | object[] = 5, extra: Record<string, unknown> = {}) {
  return parseScenario({
    format: 'swarm-playground/scenario',
    version: 1,
    seed: 1,
    topology:
      typeof agents === 'number'
        ? { agentCount: agents, builder: { kind: 'mesh' } }
        : { agents, builder: { kind: 'mesh' } },
    ...extra,
    run,
  });
}

/** Figure 8's scenario: three servers, a leader cut off as it takes a command half the time. */
const figure8 = (teaching: Record<string, unknown>, seed: number) => ({
  ...scenario(
    {
      kind: 'raft',
      durationMs: 4_000,
      commands: Array.from({ length: 10 }, (_, i) => ({ atMs: 300 + i * 270, value: `x=${i + 1}` })),
      randomFaults: { untilMs: 3_000, isolateLeaderProbability: 0.5 },
      teaching,
    },
    3,
    { network: { latencyMsMin: 5, latencyMsMax: 30 } },
  ),
  seed,
});

describe('raft as a run kind', () => {
  it('five servers elect a leader and commit every command; every property holds', async () => {
    const { summary } = await runScenario(scenario({ kind: 'raft', commands: COMMANDS }));
    const r = resultOf(summary, 'raft');
    expect(r?.leaderCount).toBeGreaterThanOrEqual(1);
    expect(r?.committedCommands).toBe(5);
    expect(summary.properties.map((p) => [p.id, p.held])).toEqual([
      ['election-safety', true],
      ['leader-append-only', true],
      ['log-matching', true],
      ['leader-completeness', true],
      ['state-machine-safety', true],
      ['every-command-committed', true],
    ]);
  });

  it('puts the property a teaching switch breaks first, so the search looks for it', () => {
    const first = (teaching: object) => propertiesOf({ kind: 'raft', teaching }, 5)[0].id;
    expect(first({})).toBe('election-safety');
    expect(first({ commitPreviousTermsByCounting: true })).toBe('leader-completeness');
    expect(first({ skipUpToDateCheck: true })).toBe('leader-completeness');
    expect(first({ doubleVoter: 'agent-1' })).toBe('election-safety');
    expect(propertiesOf({ kind: 'raft', teaching: { skipUpToDateCheck: true } }, 5)).toHaveLength(6);
  });

  it('warns for each teaching switch on, and refuses a double voter that is no agent', () => {
    const on = describeScenario(
      scenario({ kind: 'raft', teaching: { commitPreviousTermsByCounting: true, doubleVoter: 'agent-2' } }),
    );
    expect(on.problem).toBeUndefined();
    const words = on.warnings.map((w) => w.message);
    expect(words.filter((w) => w.startsWith('Teaching switch on: '))).toHaveLength(2);
    expect(words.every((w) => !w.startsWith('Teaching switch on') || w.includes('safety is not guaranteed'))).toBe(
      true,
    );
    expect(describeScenario(scenario({ kind: 'raft' })).warnings).toEqual([]);
    const ghost = describeScenario(scenario({ kind: 'raft', teaching: { doubleVoter: 'ghost' } }));
    expect(ghost.problem).toBeInstanceOf(ValidationError);
    expect(ghost.problem?.field).toBe('run.teaching.doubleVoter');
  });

  it('Figure 8 with the rule broken: the search property is violated, with witnesses in words; kept, it holds', async () => {
    const broken = await runScenario(figure8({ commitPreviousTermsByCounting: true }, 3), { record: false });
    const [first] = broken.summary.properties;
    expect(first).toMatchObject({ id: 'leader-completeness', held: false });
    expect(first.violation?.message).toMatch(/^agent-\d committed the entry at index \d+ .* without it \(at \d+ ms/);
    expect(first.violation?.witnesses.map((w) => w.detail)).toEqual([
      expect.stringMatching(/^committed the entry at index \d+ in term \d+$/),
      expect.stringMatching(/^became leader of term \d+ without that entry$/),
    ]);
    const kept = await runScenario(figure8({}, 3), { record: false });
    expect(kept.summary.properties.every((p) => p.held)).toBe(true);
  });

  it('every-command-committed names the commands that never were', async () => {
    // Two servers of five cannot elect anyone when the other three are crashed from the start.
    const crashed = ['agent-3', 'agent-4', 'agent-5'].map((agent) => ({ kind: 'crash', atMs: 0, agent }));
    const { summary } = await runScenario(
      scenario({ kind: 'raft', commands: COMMANDS.slice(0, 2) }, 5, { network: { faults: crashed } }),
      { record: false },
    );
    const live = summary.properties.find((p) => p.id === 'every-command-committed');
    expect(live?.held).toBe(false);
    expect(live?.violation?.message).toBe(
      '2 of 2 commands were never committed: “x=1” (issued at 500 ms), “x=2” (issued at 900 ms).',
    );
  });
});

describe('pbft as a run kind', () => {
  it('refuses n < 3f + 1 on run.faultTolerance in Bracha’s words', () => {
    const d = describeScenario(scenario({ kind: 'pbft', faultTolerance: 2 }, 6));
    expect(d.problem?.field).toBe('run.faultTolerance');
    expect(d.problem?.rule).toBe('Byzantine consensus with f=2 needs at least 7 participants, got 6');
  });

  it('warns when more replicas lie than f, and when quorums are weakened', () => {
    const agents = [1, 2, 3, 4].map((i) => ({ id: `agent-${i}`, behaviour: i <= 2 ? 'equivocate' : 'honest' }));
    const d = describeScenario(scenario({ kind: 'pbft', teaching: { weakQuorums: true } }, agents));
    expect(d.warnings.map((w) => w.field)).toEqual(['run.teaching.weakQuorums', 'run.faultTolerance']);
    expect(d.warnings[1].message).toBe(
      '2 of 4 replicas are malicious: more than f = 1; safety is not guaranteed (try "Find a counterexample").',
    );
  });

  it('a silent primary: a view change, and every request committed', async () => {
    const agents = [1, 2, 3, 4].map((i) => ({ id: `agent-${i}`, behaviour: i === 1 ? 'silent' : 'honest' }));
    const { summary } = await runScenario(scenario({ kind: 'pbft', commands: COMMANDS.slice(0, 3) }, agents));
    const r = resultOf(summary, 'pbft');
    expect(r?.viewChanges).toBeGreaterThanOrEqual(1);
    expect(summary.properties.every((p) => p.held)).toBe(true);
  });

  it('quorums of f + 1 under an equivocating primary: agreement broken, both replicas named in words', async () => {
    const agents = [1, 2, 3, 4, 5].map((i) => ({ id: `agent-${i}`, behaviour: i === 1 ? 'equivocate' : 'honest' }));
    const run = { kind: 'pbft', viewChangeTimeoutMs: 300, commands: COMMANDS.slice(0, 3) };
    const weak = await runScenario(scenario({ ...run, teaching: { weakQuorums: true } }, agents), { record: false });
    const [agreement] = weak.summary.properties;
    expect(agreement).toMatchObject({ id: 'agreement', held: false });
    expect(agreement.violation?.message).toMatch(
      /^agent-\d executed [0-9a-f]{16} as number 1 \(view 0\); agent-\d executed/,
    );
    expect(agreement.violation?.witnesses).toEqual([
      {
        agentId: expect.stringMatching(/^agent-/),
        detail: expect.stringMatching(/^executed request [0-9a-f]{8}… as number 1 \(view 0\)$/),
      },
      {
        agentId: expect.stringMatching(/^agent-/),
        detail: expect.stringMatching(/^executed request [0-9a-f]{8}… as number 1 \(view 0\)$/),
      },
    ]);
    const strong = await runScenario(scenario(run, agents), { record: false });
    expect(strong.summary.properties.slice(0, 2).every((p) => p.held)).toBe(true);
  });
});

describe('the work budget of raft and pbft', () => {
  const cases: [string, Scenario][] = [
    ['raft, five servers', scenario({ kind: 'raft', commands: COMMANDS })],
    [
      'raft, no links',
      scenario({ kind: 'raft', commands: COMMANDS }, 5, { topology: { agentCount: 5, builder: { kind: 'custom' } } }),
    ],
    ['raft, total loss', scenario({ kind: 'raft', commands: COMMANDS }, 7, { network: { lossProbability: 1 } })],
    [
      'raft, random faults on a ring',
      scenario(
        {
          kind: 'raft',
          commands: COMMANDS,
          randomFaults: { crashes: 3, partitions: 3, isolateLeaderProbability: 0.3 },
        },
        9,
        { topology: { agentCount: 9, builder: { kind: 'ring' } }, network: { duplicationProbability: 0.2 } },
      ),
    ],
    ['pbft, seven replicas', scenario({ kind: 'pbft', commands: COMMANDS }, 7)],
    [
      'pbft, a silent primary',
      scenario(
        { kind: 'pbft', commands: COMMANDS },
        [1, 2, 3, 4].map((i) => ({ id: `agent-${i}`, behaviour: i === 1 ? 'silent' : 'honest' })),
      ),
    ],
  ];

  it.each(cases)('estimates at least the events a real run writes: %s', async (_name, s) => {
    const estimated = totals(estimateRun(s, buildSwarm(s), { record: false }));
    const { summary } = await runScenario(s, { record: false });
    expect(estimated.events).toBeGreaterThanOrEqual(summary.events);
    // And not absurdly more: an estimate a hundred times too big would refuse runs that fit.
    expect(estimated.events).toBeLessThan(100 * Math.max(1_000, summary.events));
  });

  it('refuses a thousand-server Raft run of an hour on the duration, before it runs', () => {
    const s = scenario({ kind: 'raft', durationMs: 3_600_000 }, 1_000);
    const d = describeScenario(s);
    expect(d.problem?.field).toBe('run.durationMs');
  });
});
