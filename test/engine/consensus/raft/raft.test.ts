import { describe, expect, it } from 'vitest';
import {
  RAFT_PROPERTIES,
  type RaftEventName,
  type RaftSummary,
  runRaft,
  validateRaftParams,
} from '../../../../src/engine/consensus/raft';
import { Prng } from '../../../../src/engine/core/prng';
import { decodeAll } from '../../../../src/engine/trace/trace';
import { raftEvents } from './events';
import { contextFor, type Setup } from './harness';
import { chaosCase, runCase } from './scenarios';

const COMMANDS = [
  { atMs: 800, value: 'x=1' },
  { atMs: 900, value: 'y=2' },
  { atMs: 905, value: 'x=3' },
  { atMs: 1500, value: 'z=4' },
];
const VALUES = COMMANDS.map((c) => c.value);

function run(seed: number, setup: Setup, params: unknown = { commands: COMMANDS }) {
  const ctx = contextFor(seed, setup, true);
  const summary = runRaft(ctx, validateRaftParams(params));
  return { ctx, summary, events: raftEvents(ctx) };
}

/** The leader of a fault-free run of the same seed (elections only depend on the seed before any fault). */
function firstLeader(seed: number, n: number): number {
  const { summary } = run(seed, { n }, { commands: [], durationMs: 1_000 });
  expect(summary.leaders).toHaveLength(1);
  return Number(summary.leaders[0].agentId.slice('agent-'.length)) - 1;
}

function expectSafe(summary: RaftSummary): void {
  expect(summary.properties.map((p) => p.name)).toEqual(RAFT_PROPERTIES);
  for (const p of summary.properties) expect(p, p.name).toMatchObject({ held: true, violations: 0 });
}

describe('raft on a quiet network', () => {
  it('five servers elect one leader and every server applies every command, in order', () => {
    const { summary } = run(1, { n: 5 });
    expectSafe(summary);
    expect(summary.leaderCount).toBe(1);
    expect(summary.allCommitted).toBe(true);
    expect(summary.commands.map((c) => c.index)).toEqual([1, 2, 3, 4]);
    for (const s of summary.serverStates) {
      expect(s.applied).toEqual(VALUES);
      expect(s.commitIndex).toBe(4);
      expect(s.log.map((e) => e.term)).toEqual([1, 1, 1, 1]);
    }
    // A commit takes at least a round trip to a majority (latency ≥ 5 ms each way).
    expect(summary.commitLatencyMs?.mean).toBeGreaterThanOrEqual(10);
    expect(summary.messages.theoryPerCommand).toBe(8);
  });

  it('traces its vocabulary: role changes, votes, appends, commits, applies', () => {
    const { events, summary } = run(2, { n: 3 });
    const names = new Set<RaftEventName>(events.map((e) => e.name));
    expect([...names].sort()).toEqual(
      ['commandAccepted', 'commitAdvanced', 'entriesAppended', 'entryApplied', 'roleChanged', 'voteGranted'].sort(),
    );
    const leader = summary.leaders[0];
    const elected = events.find((e) => e.name === 'roleChanged' && e.detail.role === 'leader');
    expect(elected).toMatchObject({ detail: { role: 'leader', term: leader.term }, t: leader.atMs });
    const applies = events.filter((e) => e.name === 'entryApplied');
    expect(applies).toHaveLength(3 * COMMANDS.length);
    expect(applies[0].detail).toMatchObject({ index: 1, term: 1, command: 0, value: 'x=1' });
  });

  it('messages follow the links: on a ring, far servers hear the leader through relays', () => {
    const { ctx, summary } = run(3, { n: 5, topology: { kind: 'ring' } });
    expectSafe(summary);
    expect(summary.allCommitted).toBe(true);
    expect(decodeAll(ctx.trace.columns()).some((e) => e.kind === 'messageRelayed')).toBe(true);
  });

  it('a silent agent is crashed from the start; lying behaviours are listed as not modelled', () => {
    const { summary } = run(4, { n: 5, behaviours: ['silent', 'equivocate'] });
    expect(summary.serverStates[0]).toMatchObject({ up: false, logLength: 0 });
    expect(summary.ignoredBehaviours).toEqual([{ agentId: 'agent-2', behaviour: 'equivocate' }]);
    expect(summary.allCommitted).toBe(true);
  });
});

describe('raft under faults', () => {
  it('a restarted server keeps its term, vote and log, loses its volatile state, and re-applies the log', () => {
    const leader = firstLeader(5, 5);
    const follower = (leader + 1) % 5;
    const { summary, events } = run(5, {
      n: 5,
      faults: [
        { kind: 'crash', atMs: 1_200, agent: follower },
        { kind: 'recover', atMs: 2_000, agent: follower },
      ],
    });
    expectSafe(summary);
    const restart = events.find((e) => e.name === 'serverRestarted');
    // At the crash it had the three commands of 800–905 ms, all in term 1.
    expect(restart).toMatchObject({ agent: follower, t: 2_000, detail: { term: 1, logLength: 3 } });
    const applies = events.filter((e) => e.name === 'entryApplied' && e.agent === follower);
    // Applied 1..3 before the crash; after the restart commitIndex starts again at 0 and the log is re-applied.
    expect(applies.map((e) => (e.name === 'entryApplied' ? e.detail.index : 0))).toEqual([1, 2, 3, 1, 2, 3, 4]);
    expect(summary.serverStates[follower]).toMatchObject({ up: true, term: 1, applied: VALUES });
  });

  it('a leader cut off in a minority cannot commit; the majority elects another; after the heal its entry is overwritten', () => {
    const leader = firstLeader(6, 5);
    const buddy = (leader + 1) % 5;
    const { summary, events } = run(
      6,
      {
        n: 5,
        faults: [
          { kind: 'partition', atMs: 700, groups: [[leader, buddy]] },
          { kind: 'heal', atMs: 3_000 },
        ],
      },
      { commands: [{ atMs: 710, value: 'lost?' }], durationMs: 5_000 },
    );
    expectSafe(summary);
    const accepted = events.filter((e) => e.name === 'commandAccepted');
    // The stale leader took it first (term 1, never committed); a retry went to the new leader.
    expect(accepted[0]).toMatchObject({ agent: leader, detail: { term: 1, index: 1 } });
    expect(accepted[1].agent).not.toBe(leader);
    expect(accepted[1].detail.term).toBeGreaterThan(1);
    const commits = events.filter((e) => e.name === 'commitAdvanced' && e.agent === leader);
    expect(commits.every((e) => e.t >= 3_000)).toBe(true);
    const repaired = events.find((e) => e.name === 'entriesAppended' && e.agent === leader);
    expect(repaired).toMatchObject({ detail: { truncatedFrom: 1 } });
    expect(repaired?.t).toBeGreaterThanOrEqual(3_000);
    for (const s of summary.serverStates) expect(s.applied).toEqual(['lost?']);
    expect(summary.commands[0].attempts).toBe(2);
  });

  it('with a minority down for good (2 of 5 crashed at random times), the majority elects a leader and commits every command', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rng = new Prng(seed);
      const [a, b] = rng.sample(5, 2);
      const { summary } = run(
        seed,
        {
          n: 5,
          config: { latencyMsMax: 40, duplicationProbability: 0.1, reorderProbability: 0.2 },
          faults: [
            { kind: 'crash', atMs: rng.int(2_000), agent: a },
            { kind: 'crash', atMs: rng.int(2_000), agent: b },
          ],
        },
        { commands: COMMANDS.map((c) => ({ ...c, atMs: c.atMs + rng.int(2_000) })), durationMs: 6_000 },
      );
      expectSafe(summary);
      expect(summary.allCommitted, `seed ${seed}`).toBe(true);
      const live = summary.serverStates.filter((s) => s.up);
      expect(live).toHaveLength(3);
      expect(
        live.filter((s) => s.role === 'leader'),
        `seed ${seed}`,
      ).toHaveLength(1);
      for (const s of live) expect(new Set(s.applied), `seed ${seed}`).toEqual(new Set(VALUES));
    }
  });

  it('same seed ⇒ same trace hash and summary; another seed ⇒ another hash', () => {
    const c = chaosCase(11);
    const a = runCase(11, c, true);
    const b = runCase(11, c, false);
    expect(a.traceHash).toBe(b.traceHash);
    expect(a.summary).toEqual(b.summary);
    expect(JSON.parse(JSON.stringify(a.summary))).toEqual(a.summary); // plain data, ready for the worker boundary
    expect(runCase(12, c).traceHash).not.toBe(a.traceHash);
  });

  it('draws its fault plan from the seed and reports it by agent id', () => {
    const { summary } = runCase(13, chaosCase(13));
    const kinds = new Set(summary.drawnFaults.map((f) => f.kind));
    expect(summary.drawnFaults.length).toBeGreaterThan(0);
    for (const f of summary.drawnFaults) expect(f.atMs).toBeLessThanOrEqual(3_000);
    expect([...kinds].every((k) => ['crash', 'recover', 'partition', 'heal'].includes(k))).toBe(true);
  });
});
