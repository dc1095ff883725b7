import { describe, expect, it } from 'vitest';
import { findCounterexample } from '../../../src/engine/consensus/counterexample';
import {
  OralMessages,
  type Order,
  oralMessageCount,
  randomOralMessages,
} from '../../../src/engine/consensus/oralMessages';
import { Prng } from '../../../src/engine/core/prng';

describe('OM(m), Lamport–Shostak–Pease', () => {
  it('message counts follow M(n,m): 9, 156, 3,609 for n = 4, 7, 10 with m = (n − 1)/3', () => {
    expect([4, 7, 10].map((n) => oralMessageCount(n, (n - 1) / 3))).toEqual([9, 156, 3609]);
    for (const n of [4, 7, 10]) {
      const run = new OralMessages({ generals: n, traitors: [1], commanderOrder: 'attack' }).run();
      expect(run.messages).toBe(oralMessageCount(n, (n - 1) / 3));
    }
  });

  it('the log holds every message with its relay path', () => {
    const run = new OralMessages({ generals: 4, commanderOrder: 'retreat' }).run();
    expect(run.log).toHaveLength(9);
    expect(run.log[0]).toEqual({ path: [0], to: 1, value: 'retreat' });
    expect(run.log.filter((m) => m.path.length === 2)).toHaveLength(6);
  });

  it('4 generals with 1 traitor always agree: every traitor position, order and message choice', () => {
    // The traitor sends at most 3 messages in OM(1) with 4 generals: enumerate all 2^3 choices.
    let runs = 0;
    for (let traitor = 0; traitor < 4; traitor++) {
      for (const order of ['attack', 'retreat'] as Order[]) {
        for (let bits = 0; bits < 8; bits++) {
          let k = 0;
          const choose = () => ((bits >> k++) & 1 ? 'attack' : 'retreat') as Order;
          const run = new OralMessages({
            generals: 4,
            traitors: [traitor],
            commanderOrder: order,
            traitorStrategy: choose,
          }).run();
          expect(run.agreement && run.validity, JSON.stringify(run.decisions)).toBe(true);
          runs++;
        }
      }
    }
    expect(runs).toBe(64);
  });

  it('7 generals with 2 random traitors agree over 300 seeds', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const run = randomOralMessages(new Prng(seed), 7, 2).run();
      expect(run.violation, `seed ${seed}`).toBeUndefined();
    }
  });

  it('3 generals with 1 traitor: the seed search finds a run where the loyal generals disagree', () => {
    const found = findCounterexample({
      run: (seed) => randomOralMessages(new Prng(seed), 3, 1, 1).run(),
      violation: (r) => r.violation,
      maxSeeds: 200,
    });
    expect(found.found).toBe(true);
    if (!found.found) return;
    // Replaying the seed gives the same violation, with the disagreeing generals as witnesses.
    const again = randomOralMessages(new Prng(found.seed), 3, 1, 1).run();
    expect(again.violation).toEqual(found.violation);
    expect(found.violation.witnesses.length).toBeGreaterThanOrEqual(2);
    const orders = new Set(found.violation.witnesses.map((w) => w.order));
    expect(orders.size).toBe(2);
  });

  it('with m = 0 a traitor commander splits 3 generals: IC1 fails', () => {
    const run = new OralMessages({ generals: 3, m: 0, traitors: [0], traitorStrategy: 'split' }).run();
    expect(run.agreement).toBe(false);
    expect(run.violation?.rule).toBe('IC1');
    expect(run.decisions).toEqual({ 1: 'retreat', 2: 'attack' });
  });
});
