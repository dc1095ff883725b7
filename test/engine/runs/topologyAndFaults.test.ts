/**
 * Every run kind honours the swarm the user drew and the faults they scheduled: messages travel
 * only along links, a partition keeps its sides apart, a lost message is lost, a crashed agent is
 * silent. Checked on the trace (what the network delivered) and on each result (what it claims).
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/engine/runs/runScenario';
import { ScenarioFileSchema, validateScenario } from '../../../src/engine/scenario';
import type { TraceEvent } from '../../../src/engine/trace/events';
import { decodeAll } from '../../../src/engine/trace/trace';

type Claims = Record<string, unknown>;

/** Raft's and PBFT's servers among `ids` that claim a commit: a committed command (an executed request) there. */
const committedAt = (states: { commitIndex?: number; lastExecuted?: number }[], ids: readonly number[]) =>
  ids.filter((i) => (states[i].commitIndex ?? states[i].lastExecuted ?? 0) > 0).length;

const COMMANDS = [0, 1, 2].map((k) => ({ atMs: 400 + 300 * k, value: `x=${k + 1}` }));

/**
 * One run block per behaviour worth telling apart, with what its result says got through.
 * `minority`: for the leader-based kinds, what the side of agent-1 and agent-2 of a partition
 * claims — a minority of 5 commits nothing — where the other kinds are judged by `reached`.
 */
const CASES: {
  name: string;
  run: Record<string, unknown>;
  reached: (r: Claims) => number;
  minority?: (r: Claims) => number;
}[] = [
  { name: 'flood', run: { kind: 'flood' }, reached: (r) => r.informed as number },
  ...(['push', 'pull', 'push-pull'] as const).map((mode) => ({
    name: `rumor ${mode}`,
    run: { kind: 'rumor', mode, maxRounds: 30 },
    reached: (r: Claims) => r.informed as number,
  })),
  ...(['quorum', 'weighted', 'byzantine', 'gossip', 'oral-messages'] as const).map((algorithm) => ({
    name: `consensus ${algorithm}`,
    run: { kind: 'consensus', algorithm, faultTolerance: 1, timeoutMs: 5_000 },
    reached: (r: Claims) => ((r.result as Claims).decision === 'approved' ? 5 : 1),
  })),
  ...(['full', 'delta', 'version-query'] as const).map((mode) => ({
    name: `sync ${mode}`,
    run: { kind: 'sync', mode, keys: 4 },
    reached: (r: Claims) => r.upToDate as number,
  })),
  {
    name: 'delegation',
    run: { kind: 'delegation', strategy: 'round-robin', tasks: 4 },
    // The delegator plus every worker that finished a task for it.
    reached: (r: Claims) => 1 + (r.perAgent as { tasksFinished: number }[]).filter((a) => a.tasksFinished > 0).length,
  },
  {
    name: 'replicated-state',
    run: { kind: 'replicated-state', crdtType: 'counter', operations: 8 },
    // Agent-1 plus every replica whose clock has heard from agent-1.
    reached: (r: Claims) =>
      1 +
      (r.replicas as { agentId: string; clock: Record<string, number> }[]).filter(
        (x) => x.agentId !== 'agent-1' && (x.clock['agent-1'] ?? 0) > 0,
      ).length,
  },
  {
    name: 'raft',
    run: { kind: 'raft', commands: COMMANDS, durationMs: 3_000 },
    // A leader, or a commit anywhere, needs a majority that heard each other: none of it alone.
    reached: (r: Claims) =>
      (r.leaderCount as number) > 0 ? 5 : 1 + committedAt(r.serverStates as [], [0, 1, 2, 3, 4]),
    minority: (r: Claims) => committedAt(r.serverStates as [], [0, 1]),
  },
  {
    name: 'pbft',
    run: { kind: 'pbft', commands: COMMANDS, durationMs: 3_000, viewChangeTimeoutMs: 300 },
    reached: (r: Claims) => 1 + committedAt(r.replicaStates as [], [0, 1, 2, 3, 4]) + (r.committedRequests as number),
    // f = 1 of 5: a quorum is 4, which neither side (2 and 3 replicas) holds.
    minority: (r: Claims) => committedAt(r.replicaStates as [], [0, 1, 2, 3, 4]),
  },
];

function scenario(run: Record<string, unknown>, builder: string, network: Record<string, unknown> = {}) {
  const checked = validateScenario({
    format: 'swarm-playground/scenario',
    version: 1,
    seed: 7,
    topology: { agentCount: 5, builder: { kind: builder } },
    network,
    run,
  });
  if (!checked.ok) throw new Error(checked.errors.map((e) => `${e.field}: ${e.rule}`).join('; '));
  return checked.scenario;
}

async function runOf(run: Record<string, unknown>, builder: string, network: Record<string, unknown> = {}) {
  const { summary, trace } = await runScenario(scenario(run, builder, network));
  // Each case reads its own kind's fields: a plain record is enough here.
  return { result: { ...summary.result } as Claims, events: decodeAll(trace) };
}

const delivered = (events: TraceEvent[]) =>
  events.filter(
    (e): e is Extract<TraceEvent, { kind: 'messageDelivered' | 'messageRelayed' }> =>
      e.kind === 'messageDelivered' || e.kind === 'messageRelayed',
  );

describe('every run kind on the swarm and network the user built', () => {
  it('covers every run kind of the schema', () => {
    const kinds = ScenarioFileSchema.entries.run.options.map((o) => o.entries.kind.literal);
    expect(new Set(CASES.map((c) => c.run.kind))).toEqual(new Set(kinds));
  });

  describe.each(CASES)('$name', ({ run, reached, minority }) => {
    it('with no links, nothing is delivered and nothing is claimed', async () => {
      const { result, events } = await runOf(run, 'custom');
      expect(delivered(events)).toEqual([]);
      expect(reached(result)).toBe(1);
    });

    it('a partition from t = 0 that never heals keeps its sides apart', async () => {
      const { result, events } = await runOf(run, 'mesh', {
        faults: [{ kind: 'partition', atMs: 0, groups: [['agent-1', 'agent-2']] }],
      });
      const side = (agent: number) => (agent <= 1 ? 0 : 1);
      for (const e of delivered(events)) expect(side(e.to), JSON.stringify(e)).toBe(side(e.from));
      if (minority) expect(minority(result)).toBe(0);
      else expect(reached(result)).toBeLessThanOrEqual(2);
    });

    it('at 100 % loss nothing is delivered', async () => {
      const { result, events } = await runOf(run, 'mesh', { lossProbability: 1 });
      expect(delivered(events)).toEqual([]);
      expect(reached(result)).toBe(1);
    });

    it('an agent crashed before it sends is silent', async () => {
      const { events } = await runOf(run, 'mesh', { faults: [{ kind: 'crash', atMs: 0, agent: 'agent-3' }] });
      expect(delivered(events).filter((e) => e.from === 2)).toEqual([]);
      const heard = events.filter((e) => e.kind === 'engine' && e.name === 'informed' && e.agent === 2);
      expect(heard).toEqual([]);
    });
  });
});
