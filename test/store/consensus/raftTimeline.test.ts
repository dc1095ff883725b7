import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario } from '../../../src/engine/scenario';
import { leadersAt, raftAt, raftReplay } from '../../../src/store/consensus/raftTimeline';
import { CHECKPOINT_EVERY } from '../../../src/store/consensus/replay';

/** A Raft run with crashes, partitions, a leader cut off now and then, loss and duplication. */
async function chaos(seed: number, agents = 5) {
  const { summary, trace } = await runScenario(
    parseScenario({
      format: 'swarm-playground/scenario',
      version: 1,
      seed,
      topology: { agentCount: agents, builder: { kind: seed % 3 === 0 ? 'ring' : 'mesh' } },
      network: { latencyMsMin: 2, latencyMsMax: 30, lossProbability: 0.05, duplicationProbability: 0.1 },
      run: {
        kind: 'raft',
        durationMs: 4_000,
        commands: Array.from({ length: 8 }, (_, k) => ({ atMs: 300 + 300 * k, value: `c${k}` })),
        randomFaults: { crashes: 2, partitions: 2, untilMs: 2_500, isolateLeaderProbability: 0.3 },
        teaching: seed % 2 === 0 ? { commitPreviousTermsByCounting: true } : {},
      },
    }),
  );
  if (summary.runKind !== 'raft') throw new Error('not raft');
  return { r: summary.result, trace, agents };
}

describe('raft at the cursor', () => {
  it.each([1, 2, 3, 4, 5, 6])('at the last event equals the engine’s servers (seed %i)', async (seed) => {
    const { r, trace, agents } = await chaos(seed);
    const end = raftAt(trace, agents, trace.length - 1);
    end.servers.forEach((s, a) => {
      const e = r.serverStates[a];
      expect({ up: s.up, role: s.role, term: s.term, commitIndex: s.commitIndex }, e.agentId).toEqual({
        up: e.up,
        role: e.role,
        term: e.term,
        commitIndex: e.commitIndex,
      });
      expect(s.log, e.agentId).toEqual(e.log);
      expect(s.votedFor < 0 ? null : `agent-${s.votedFor + 1}`).toBe(e.votedFor);
    });
    const violated = r.properties.filter((p) => !p.held).map((p) => p.name);
    expect([...end.violated].sort()).toEqual([...violated].sort());
  });

  it('answers any cursor the same whether reached forwards, backwards or from a checkpoint', async () => {
    const { trace, agents } = await chaos(7);
    const replay = raftReplay(trace, agents);
    expect(replay.changes.length).toBeGreaterThan(2 * CHECKPOINT_EVERY);
    const probe = [0, 100, trace.length >> 1, trace.length - 1, 40, trace.length >> 2];
    const first = probe.map((c) => structuredClone(raftAt(trace, agents, c)));
    const again = [...probe].reverse().map((c) => structuredClone(raftAt(trace, agents, c)));
    expect(again.reverse()).toEqual(first);
    // The same object while nothing changes.
    expect(raftAt(trace, agents, 5)).toBe(raftAt(trace, agents, 5));
  });

  it('before the first event every server is a follower of term 0 with an empty log; a leader appears later', async () => {
    const { trace, agents } = await chaos(1);
    const start = raftAt(trace, agents, -1);
    expect(start.servers.every((s) => s.role === 'follower' && s.term === 0 && s.log.length === 0)).toBe(true);
    expect(leadersAt(start)).toEqual([]);
    const end = raftAt(trace, agents, trace.length - 1);
    expect(end.servers.some((s) => s.term > 0)).toBe(true);
  });
});
