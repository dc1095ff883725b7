import { describe, expect, it } from 'vitest';
import { extendPrefixHash, RaftHistory, type RaftPropertyName } from '../../../../src/engine/consensus/raft/properties';
import type { RaftEntry } from '../../../../src/engine/consensus/raft/types';

const IDS = ['agent-1', 'agent-2', 'agent-3'];
const entry = (term: number, uid: number): RaftEntry => ({ term, command: uid, value: `v${uid}`, uid });

function history() {
  const told: [RaftPropertyName, number][] = [];
  const h = new RaftHistory(IDS, (p, a) => told.push([p, a]));
  const verdict = (name: RaftPropertyName) => h.verdicts().find((v) => v.name === name);
  return { h, told, verdict };
}

describe('raft property checks name their witnesses', () => {
  it('Election Safety: two leaders of one term, with who voted for each', () => {
    const { h, told, verdict } = history();
    h.leaderElected(0, 3, [], [0, 2], 100);
    h.leaderElected(0, 4, [], [0, 1], 200); // another term: fine
    expect(verdict('electionSafety')?.held).toBe(true);
    h.leaderElected(1, 3, [], [1, 2], 300);
    expect(verdict('electionSafety')).toMatchObject({
      held: false,
      violations: 1,
      witness: { agents: ['agent-1', 'agent-2'], terms: [3], atMs: 300 },
    });
    expect(verdict('electionSafety')?.witness?.explanation).toContain('votes of agent-2, agent-3');
    expect(told).toEqual([['electionSafety', 1]]);
  });

  it('Log Matching: same index and term, different prefixes', () => {
    const { h, verdict } = history();
    const a = extendPrefixHash(extendPrefixHash(0, 1), 2);
    const b = extendPrefixHash(extendPrefixHash(0, 7), 2);
    h.entryWritten(0, 2, entry(1, 2), a, 10);
    h.entryWritten(1, 2, entry(1, 2), a, 11);
    expect(verdict('logMatching')?.held).toBe(true);
    h.entryWritten(2, 2, entry(1, 2), b, 12);
    expect(verdict('logMatching')).toMatchObject({
      held: false,
      witness: { agents: ['agent-1', 'agent-3'], terms: [1], indices: [2] },
    });
  });

  it('Leader Append-Only: a leader deletes entries; a follower may', () => {
    const { h, verdict } = history();
    h.logTruncated(1, 4, false, 2, 10);
    expect(verdict('leaderAppendOnly')?.held).toBe(true);
    h.logTruncated(2, 3, true, 5, 20);
    expect(verdict('leaderAppendOnly')).toMatchObject({
      held: false,
      witness: { agents: ['agent-3'], terms: [5], indices: [3] },
    });
  });

  it('Leader Completeness: a later leader without a committed entry — elected after, or committed after', () => {
    const { h, verdict } = history();
    h.committed(0, 2, 1, [entry(2, 5)], 10);
    h.leaderElected(1, 3, [entry(2, 5)], [1, 2], 20);
    expect(verdict('leaderCompleteness')?.held).toBe(true);
    h.leaderElected(2, 4, [entry(3, 9)], [2, 1], 30);
    expect(verdict('leaderCompleteness')).toMatchObject({
      held: false,
      witness: { agents: ['agent-1', 'agent-3'], terms: [2, 4], indices: [1] },
    });
    const late = history();
    late.h.leaderElected(2, 6, [], [2, 1], 10);
    late.h.committed(0, 5, 1, [entry(5, 1)], 20);
    expect(late.verdict('leaderCompleteness')).toMatchObject({ held: false, witness: { terms: [5, 6] } });
  });

  it('State Machine Safety: two servers apply different entries at one index', () => {
    const { h, verdict } = history();
    h.applied(0, 1, entry(1, 1), 10);
    h.applied(1, 1, entry(1, 1), 11);
    expect(verdict('stateMachineSafety')?.held).toBe(true);
    h.applied(2, 1, entry(2, 2), 12);
    h.applied(2, 1, entry(2, 3), 13);
    expect(verdict('stateMachineSafety')).toMatchObject({
      held: false,
      violations: 2,
      witness: { agents: ['agent-1', 'agent-3'], terms: [1, 2], indices: [1], atMs: 12 },
    });
  });

  it('prefix hashes: equal prefixes hash equally, different ones differently', () => {
    const chain = (uids: number[]) => uids.reduce(extendPrefixHash, 0);
    expect(chain([1, 2, 3])).toBe(chain([1, 2, 3]));
    expect(chain([1, 2, 3])).not.toBe(chain([2, 1, 3]));
    expect(chain([1, 2, 3])).not.toBe(chain([1, 2, 4]));
    expect(Number.isSafeInteger(chain([1, 2, 3, 4, 5]))).toBe(true);
  });
});
