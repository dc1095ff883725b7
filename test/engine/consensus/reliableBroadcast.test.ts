import { describe, expect, it } from 'vitest';
import { findCounterexample } from '../../../src/engine/consensus/counterexample';
import { type ReliableBroadcastOutcome, runReliableBroadcast } from '../../../src/engine/consensus/reliableBroadcast';
import type { VoteType } from '../../../src/engine/consensus/types';
import { type Behaviour, MALICIOUS_BEHAVIOURS } from '../../../src/engine/core/agent';
import { ValidationError } from '../../../src/engine/core/errors';
import { Prng } from '../../../src/engine/core/prng';
import { Network } from '../../../src/engine/network/network';
import { decodeAll, Trace } from '../../../src/engine/trace/trace';

const FULL = process.env.FULL === '1';

interface Scenario {
  n: number;
  f: number;
  behaviours: Behaviour[];
  votes: VoteType[];
  lossy?: boolean;
}

function simulate(seed: number, s: Scenario, record = false): { out: ReliableBroadcastOutcome; trace: Trace } {
  const rng = new Prng(seed);
  const trace = new Trace(record);
  const latencyMsMax = 1 + rng.int(100);
  const net = new Network(
    s.n,
    {
      latencyMsMin: 1,
      latencyMsMax,
      // Some runs lose or duplicate messages too: agreement must survive both (deciding may not).
      lossProbability: s.lossy && rng.chance(0.3) ? 0.02 : 0,
      duplicationProbability: rng.chance(0.3) ? 0.05 : 0,
      reorderProbability: rng.chance(0.5) ? 0.3 : 0,
    },
    rng.fork(1),
    trace,
  );
  const ids = Array.from({ length: s.n }, (_, i) => `agent-${i + 1}`);
  const out = runReliableBroadcast({
    network: net,
    trace,
    rng: rng.fork(2),
    participants: ids.map((_, i) => i),
    ids,
    votes: s.votes,
    behaviours: s.behaviours,
    faultTolerance: s.f,
    deadlineMs: 1_000_000,
    requester: 0,
    proposalId: 'p',
  });
  return { out, trace };
}

/** n in [lo, hi], f = ⌊(n−1)/3⌋, up to `bad` malicious agents (default f) with random behaviours, random votes. */
function randomScenario(seed: number, lo: number, hi: number, bad?: (f: number) => number, only?: Behaviour): Scenario {
  const rng = new Prng(seed ^ 0x5eed);
  const n = rng.range(lo, hi);
  const f = Math.floor((n - 1) / 3);
  const k = bad ? bad(f) : rng.range(0, f);
  const behaviours: Behaviour[] = Array(n).fill('honest');
  for (const i of rng.sample(n, k)) behaviours[i] = only ?? rng.pick(MALICIOUS_BEHAVIOURS);
  const votes = Array.from({ length: n }, () => rng.pick<VoteType>(['for', 'for', 'against', 'abstain']));
  return { n, f, behaviours, votes, lossy: true };
}

describe('Bracha reliable broadcast of votes on the network', () => {
  it('all honest, 4 agents, 3 for: every agent delivers every vote and approves', () => {
    const s: Scenario = { n: 4, f: 1, behaviours: Array(4).fill('honest'), votes: ['for', 'for', 'for', 'against'] };
    const { out, trace } = simulate(1, s, true);
    expect(out.agreement).toMatchObject({ agreed: true, approved: ['agent-1', 'agent-2', 'agent-3', 'agent-4'] });
    const all = { 'agent-1': 'for', 'agent-2': 'for', 'agent-3': 'for', 'agent-4': 'against' } as const;
    for (const r of out.records) {
      // Each decides as soon as 2f+1 = 3 delivered votes are for, so it may stop before the fourth arrives.
      expect(Object.values(r.delivered).filter((v) => v === 'for').length).toBeGreaterThanOrEqual(3);
      for (const [owner, v] of Object.entries(r.delivered)) expect(v).toBe(all[owner as keyof typeof all]);
      expect(r.flags).toEqual([]);
    }
    const names = new Set(decodeAll(trace.columns()).flatMap((e) => (e.kind === 'engine' ? [e.name] : [])));
    expect([...names].sort()).toEqual(['decided', 'echo', 'ready', 'voteDelivered', 'voteSent']);
  });

  it('message count is about 2n³ (n = 10: SEND n(n−1), ECHO and READY n(n−1) per vote)', () => {
    const s: Scenario = { n: 10, f: 3, behaviours: Array(10).fill('honest'), votes: Array(10).fill('for') };
    const { out } = simulate(2, s);
    // Decisions come before the last echoes; at most requests + n·(n−1)·(1 + 2n).
    expect(out.messages).toBeLessThanOrEqual(9 + 10 * 9 * 21);
    expect(out.messages).toBeGreaterThan(10 * 9 * 10);
  });

  it('a silent agent is flagged for silence; the others still decide when its vote cannot matter', () => {
    const behaviours: Behaviour[] = ['honest', 'honest', 'honest', 'silent'];
    const { out } = simulate(3, { n: 4, f: 1, behaviours, votes: ['for', 'for', 'for', 'for'] });
    expect(out.agreement.approved).toHaveLength(3);
    for (const r of out.records.filter((x) => x.honest)) {
      expect(r.flags).toContainEqual({ agentId: 'agent-4', reason: 'silence', evidence: {} });
    }
  });

  it('a flipping agent is flagged for changing its vote between rounds (and no honest agent ever is)', () => {
    const behaviours: Behaviour[] = ['honest', 'honest', 'honest', 'flip'];
    let runsFlagged = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const { out } = simulate(seed, { n: 4, f: 1, behaviours, votes: ['for', 'for', 'against', 'for'] });
      const honest = out.records.filter((r) => r.honest);
      const reasons = honest.flatMap((r) => r.flags.filter((f) => f.reason === 'vote changed between rounds'));
      expect(
        reasons.every((f) => f.agentId === 'agent-4'),
        `seed ${seed}`,
      ).toBe(true);
      if (reasons.length > 0) runsFlagged++;
      expect(out.agreement.agreed, `seed ${seed}`).toBe(true);
    }
    // Whether an honest agent sees both of the flipper's votes depends on the delays drawn; most runs do.
    expect(runsFlagged).toBeGreaterThanOrEqual(12);
  });

  it('the size rule: n = 3f is refused', () => {
    expect(() => simulate(1, { n: 6, f: 2, behaviours: Array(6).fill('honest'), votes: Array(6).fill('for') })).toThrow(
      ValidationError,
    );
  });

  it('is deterministic per seed (same trace hash)', () => {
    const s = randomScenario(77, 7, 10);
    expect(simulate(77, s).trace.hash()).toBe(simulate(77, s).trace.hash());
  });

  const small = FULL ? 10_000 : 1000;
  it(`safety: ${small} seeded runs, n 4..13, at most f malicious with random behaviours and delays ⇒ honest agents agree`, () => {
    let decidedRuns = 0;
    const found = findCounterexample({
      run: (seed) => {
        const { agreement } = simulate(seed, randomScenario(seed, 4, 13)).out;
        if (agreement.approved.length + agreement.rejected.length > 0) decidedRuns++;
        return agreement;
      },
      violation: (a) => (a.agreed ? undefined : a.witnesses),
      maxSeeds: small,
    });
    expect(found).toEqual({ found: false, tried: small, stopped: false });
    // Not vacuous: most runs end with honest decisions (the rest wait on a silent agent's vote and time out).
    expect(decidedRuns).toBeGreaterThan(0.8 * small);
  });

  const large = FULL ? 200 : 50;
  it(`safety: ${large} seeded runs with n up to 31`, () => {
    const found = findCounterexample({
      run: (seed) => simulate(seed, randomScenario(seed, 14, 31)).out.agreement,
      violation: (a) => (a.agreed ? undefined : a.witnesses),
      maxSeeds: large,
    });
    expect(found.found).toBe(false);
  });

  it('with f+1 equivocators the search finds honest agents that disagree, with witnesses', () => {
    const found = findCounterexample({
      run: (seed) =>
        simulate(
          seed,
          randomScenario(seed, 4, 7, (f) => f + 1, 'equivocate'),
        ),
      violation: ({ out }) => (out.agreement.agreed ? undefined : out.agreement.witnesses),
      maxSeeds: 500,
    });
    expect(found.found).toBe(true);
    if (!found.found) return;
    const w = found.violation!;
    expect(w.approvedBy).not.toBe(w.rejectedBy);
    expect(w.differingVotes.length).toBeGreaterThan(0);
    const records = found.result.out.records;
    for (const d of w.differingVotes) expect(records.find((r) => r.agentId === d.owner)?.behaviour).toBe('equivocate');
  });
});
