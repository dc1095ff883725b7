import { describe, expect, it } from 'vitest';
import { meanFieldRumor, type RumorMode, RumorSpreading } from '../../../src/engine/consensus/rumor';
import { toCsr } from '../../../src/engine/consensus/sampling';
import { Prng } from '../../../src/engine/core/prng';

const FULL = process.env.FULL === '1';

function meanRounds(mode: RumorMode, fanout: number, n: number, seeds: number): number {
  let sum = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const { informedPerRound } = new RumorSpreading({ mode, fanout }).run({ agentCount: n, rng: new Prng(seed) });
    expect(informedPerRound.at(-1)).toBe(n);
    sum += informedPerRound.length - 1;
  }
  return sum / seeds;
}

describe('RumorSpreading against the mean-field theory', () => {
  const cases: [RumorMode, number, number, number][] = [
    ['push', 1, 1e4, FULL ? 200 : 20],
    ['push', 1, 1e5, FULL ? 50 : 5],
    ['push', 3, 1e5, FULL ? 50 : 5],
    ['push-pull', 1, 1e4, FULL ? 200 : 20],
    ['push-pull', 1, 1e5, FULL ? 50 : 5],
    ['push-pull', 3, 1e5, FULL ? 50 : 5],
    ['pull', 2, 1e4, FULL ? 200 : 20],
  ];
  for (const [mode, k, n, seeds] of cases) {
    it(`${mode}, fanout ${k}, n = ${n}: mean rounds over ${seeds} seeds within 1.5 of the recursion`, () => {
      const theory = meanFieldRumor({ n, mode, fanout: k }).length - 1;
      expect(Math.abs(meanRounds(mode, k, n, seeds) - theory)).toBeLessThanOrEqual(1.5);
    });
  }

  it("push with fanout 1 is near Pittel's log2 n + ln n", () => {
    for (const n of [1e4, 1e5]) {
      const theory = meanFieldRumor({ n, mode: 'push', fanout: 1 }).length - 1;
      expect(Math.abs(theory - (Math.log2(n) + Math.log(n)))).toBeLessThan(2);
    }
  });

  it('the informed curve per round follows the recursion while the rumor grows', () => {
    const n = 1e5;
    const theory = meanFieldRumor({ n, mode: 'push-pull', fanout: 1 });
    const { informedPerRound } = new RumorSpreading({ mode: 'push-pull', fanout: 1 }).run({
      agentCount: n,
      rng: new Prng(5),
    });
    // Past the first few rounds (where one agent's luck matters), within 10 % of n.
    for (let r = 8; r < Math.min(theory.length, informedPerRound.length); r++) {
      expect(Math.abs(informedPerRound[r] - theory[r])).toBeLessThan(0.1 * n);
    }
  });
});

describe('RumorSpreading mechanics', () => {
  it('is deterministic per seed and records contacts', () => {
    const run = (seed: number) => {
      const contacts: number[] = [];
      const r = new RumorSpreading({ mode: 'push', fanout: 2 }).run({
        agentCount: 50,
        rng: new Prng(seed),
        onContact: (round, from, to, informed) => contacts.push(round, from, to, informed ? 1 : 0),
      });
      return { curve: r.informedPerRound, contacts };
    };
    expect(run(4)).toEqual(run(4));
    expect(run(4).contacts.length).toBeGreaterThan(0);
    // A pusher never contacts itself.
    const c = run(4).contacts;
    for (let q = 0; q < c.length; q += 4) expect(c[q + 1]).not.toBe(c[q + 2]);
  });

  it('crashed agents never learn it; droppers learn it but never pass it on', () => {
    const n = 2000;
    const crashed = new Uint8Array(n);
    const droppers = new Uint8Array(n);
    for (let i = 1; i < 200; i++) crashed[i] = 1;
    for (let i = 200; i < 600; i++) droppers[i] = 1;
    let givenByDropper = 0;
    let passes = 0;
    const run = new RumorSpreading({ mode: 'push-pull', fanout: 2 }).start({
      agentCount: n,
      rng: new Prng(3),
      crashed,
      droppers,
      onContact: (round, from, to, informed) => {
        if (!informed) return;
        passes++;
        // A pull (the caller just learnt it) is given by the callee; a push by the caller.
        const giver = run.learntAt[from] === round ? to : from;
        if (droppers[giver] === 1) givenByDropper++;
      },
    });
    while (!run.done) run.step();
    expect(passes).toBe(n - 200);
    expect(givenByDropper).toBe(0);
    for (let i = 1; i < 200; i++) expect(run.learntAt[i]).toBe(-1);
    expect(run.informed).toBe(n - 199);
  });

  it('a dropper as the only one who knows stops the spread at once', () => {
    const droppers = new Uint8Array(10);
    droppers[0] = 1;
    const { informedPerRound, run } = new RumorSpreading({ mode: 'push-pull' }).run({
      agentCount: 10,
      rng: new Prng(1),
      droppers,
    });
    expect(informedPerRound).toEqual([1]);
    expect(run.done).toBe(true);
  });

  it('follows a topology: on a ring, push with fanout 2 informs at most 2 new agents per round', () => {
    const n = 100;
    const ring = toCsr(Array.from({ length: n }, (_, i) => [(i + n - 1) % n, (i + 1) % n]));
    const { informedPerRound } = new RumorSpreading({ mode: 'push', fanout: 2 }).run({
      agentCount: n,
      rng: new Prng(1),
      graph: ring,
    });
    expect(informedPerRound).toEqual(Array.from({ length: 51 }, (_, r) => Math.min(n, 1 + 2 * r)));
  });

  it('stops when pull-only agents are cut off (stall limit)', () => {
    const g = toCsr([[1], [0], []]);
    const { run } = new RumorSpreading({ mode: 'pull' }).run({
      agentCount: 3,
      rng: new Prng(1),
      graph: g,
      stallRounds: 5,
    });
    expect(run.informed).toBe(2);
  });
});
