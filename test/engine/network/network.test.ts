import { describe, expect, it } from 'vitest';
import { LimitError, ValidationError } from '../../../src/engine/core/errors';
import { MAX_AGENTS, MAX_LATENCY_MS, MAX_SIM_TIME_MS } from '../../../src/engine/core/limits';
import { Prng } from '../../../src/engine/core/prng';
import { DEFAULT_NETWORK, type NetworkConfig } from '../../../src/engine/network/faults';
import { Network } from '../../../src/engine/network/network';
import type { TraceEvent } from '../../../src/engine/trace/events';
import { decodeAll, Trace } from '../../../src/engine/trace/trace';

interface Delivery {
  t: number;
  to: number;
  from: number;
  tag: string;
  payload: unknown;
  msg: number;
}

/** A network of `n` agents that records what its handlers see. */
function setup(n: number, config: Partial<NetworkConfig> = {}, seed = 1) {
  const net = new Network(n, { ...DEFAULT_NETWORK, ...config }, new Prng(seed), new Trace());
  const delivered: Delivery[] = [];
  const timers: [number, number, number][] = [];
  net.handlers = {
    deliver: (to, from, tag, payload, msg) => delivered.push({ t: net.now, to, from, tag, payload, msg }),
    timer: (agent, timer) => timers.push([net.now, agent, timer]),
  };
  const events = (): TraceEvent[] => decodeAll(net.trace.columns());
  const of = <K extends TraceEvent['kind']>(kind: K) =>
    events().filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);
  return { net, delivered, timers, events, of };
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

const FIXED = { latencyMsMin: 10, latencyMsMax: 10 };

describe('latency', () => {
  it('every delivery takes a latency in [min, max], and the whole range is used', () => {
    const { net, delivered } = setup(2, { latencyMsMin: 5, latencyMsMax: 12 });
    const sentAt = new Map<number, number>();
    for (let round = 0; round < 200; round++) {
      for (let i = 0; i < 5; i++) sentAt.set(net.send(0, 1, 'x'), net.now);
      net.run(net.now + 3);
    }
    net.run();
    expect(delivered.length).toBe(1000);
    const latencies = new Set(delivered.map((d) => d.t - (sentAt.get(d.msg) as number)));
    expect([...latencies].sort((a, b) => a - b)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('min = max gives exactly that latency, in send order', () => {
    const { net, delivered } = setup(3, FIXED);
    net.send(0, 1, 'a');
    net.send(2, 1, 'b');
    net.send(0, 1, 'c');
    net.run();
    expect(delivered.map((d) => [d.t, d.tag])).toEqual([
      [10, 'a'],
      [10, 'b'],
      [10, 'c'],
    ]);
  });

  it('zero latency delivers at the current time', () => {
    const { net, delivered } = setup(2, { latencyMsMin: 0, latencyMsMax: 0 });
    net.send(0, 1, 'now');
    net.run();
    expect(delivered[0].t).toBe(0);
  });

  it('payloads, tags, sender and message id reach the handler', () => {
    const { net, delivered, of } = setup(3, FIXED);
    const id = net.send(2, 0, 'vote', { v: [1, 2] });
    net.run();
    expect(delivered).toEqual([{ t: 10, to: 0, from: 2, tag: 'vote', payload: { v: [1, 2] }, msg: id }]);
    expect(of('messageSent')).toEqual([
      { kind: 'messageSent', t: 0, from: 2, to: 0, msg: id, tag: 'vote', payload: { v: [1, 2] } },
    ]);
    expect(of('messageDelivered')).toEqual([
      { kind: 'messageDelivered', t: 10, from: 2, to: 0, msg: id, tag: 'vote', payload: { v: [1, 2] } },
    ]);
  });

  it('broadcast sends to every other agent, in index order', () => {
    const { net, of } = setup(5, FIXED);
    net.broadcast(2, 'hi');
    expect(of('messageSent').map((e) => e.to)).toEqual([0, 1, 3, 4]);
    expect(net.messagesSent).toBe(4);
  });
});

describe('loss', () => {
  it('drops ≈ p of many messages, each recorded with reason loss', () => {
    const { net, delivered, of } = setup(2, { lossProbability: 0.3 });
    const total = 20_000;
    for (let i = 0; i < total; i++) net.send(0, 1, 'x');
    net.run();
    const dropped = of('messageDropped');
    expect(dropped.every((e) => e.reason === 'loss' && e.t === 0)).toBe(true);
    expect(dropped.length + delivered.length).toBe(total);
    // Binomial sd is sqrt(20000·0.21) ≈ 65, i.e. 0.0032 of the total; allow ~4.5 sd.
    expect(Math.abs(dropped.length / total - 0.3)).toBeLessThan(0.015);
  });

  it('p = 0 loses nothing and p = 1 loses everything', () => {
    const none = setup(2, { lossProbability: 0 });
    const all = setup(2, { lossProbability: 1 });
    for (let i = 0; i < 2000; i++) {
      none.net.send(0, 1, 'x');
      all.net.send(0, 1, 'x');
    }
    none.net.run();
    all.net.run();
    expect(none.delivered.length).toBe(2000);
    expect(none.of('messageDropped').length).toBe(0);
    expect(all.delivered.length).toBe(0);
    expect(all.of('messageDropped').length).toBe(2000);
    expect(all.net.pending).toBe(0);
  });
});

describe('duplication', () => {
  it('p = 1 delivers every message twice under the same id and records messageDuplicated', () => {
    const { net, delivered, of } = setup(3, { duplicationProbability: 1 });
    const ids = [net.send(0, 1, 'a'), net.send(1, 2, 'b', { k: 1 })];
    net.run();
    expect(delivered.length).toBe(4);
    for (const id of ids) {
      const copies = delivered.filter((d) => d.msg === id);
      expect(copies.length).toBe(2);
      expect(copies[0].payload).toEqual(copies[1].payload);
    }
    expect(of('messageDuplicated').map((e) => [e.msg, e.from, e.to, e.tag])).toEqual([
      [ids[0], 0, 1, 'a'],
      [ids[1], 1, 2, 'b'],
    ]);
    expect(of('messageSent').length).toBe(2);
    expect(net.messagesSent).toBe(2);
  });

  it('duplicates ≈ p of messages; a lost message is never duplicated', () => {
    const { net, delivered, of } = setup(2, { duplicationProbability: 0.2, lossProbability: 0.5 });
    const total = 10_000;
    for (let i = 0; i < total; i++) net.send(0, 1, 'x');
    net.run();
    const lost = new Set(of('messageDropped').map((e) => e.msg));
    const dups = of('messageDuplicated');
    expect(dups.some((e) => lost.has(e.msg))).toBe(false);
    expect(delivered.length).toBe(total - lost.size + dups.length);
    expect(Math.abs(dups.length / (total - lost.size) - 0.2)).toBeLessThan(0.025);
  });
});

describe('reordering', () => {
  it('without reordering a fixed latency keeps FIFO order; with it, later messages overtake', () => {
    const fifo = setup(2, FIXED);
    const shuffled = setup(2, { ...FIXED, reorderProbability: 0.5 });
    const sentAt = new Map<number, number>();
    for (let i = 0; i < 300; i++) {
      fifo.net.send(0, 1, 'x');
      sentAt.set(shuffled.net.send(0, 1, 'x'), i);
      fifo.net.run(i + 1);
      shuffled.net.run(i + 1);
    }
    fifo.net.run();
    shuffled.net.run();
    const order = (d: Delivery[]) => d.map((x) => x.msg);
    expect(order(fifo.delivered)).toEqual([...order(fifo.delivered)].sort((a, b) => a - b));
    const got = order(shuffled.delivered);
    let inversions = 0;
    for (let i = 1; i < got.length; i++) if (got[i] < got[i - 1]) inversions++;
    expect(inversions).toBeGreaterThan(20);
    // A held-back message waits at most another latencyMsMax.
    for (const d of shuffled.delivered) {
      const latency = d.t - (sentAt.get(d.msg) as number);
      expect(latency >= 10 && latency <= 20).toBe(true);
    }
  });
});

describe('partitions', () => {
  it('no delivery across groups; unlisted agents form one more group; heal restores', () => {
    const { net, delivered, of } = setup(6, FIXED);
    net.partition([
      [0, 1],
      [2, 3],
    ]);
    expect(net.canReach(0, 1)).toBe(true);
    expect(net.canReach(0, 2)).toBe(false);
    expect(net.canReach(4, 5)).toBe(true);
    expect(net.canReach(4, 0)).toBe(false);
    for (let from = 0; from < 6; from++) net.broadcast(from, 'p');
    net.run();
    const pairs = delivered.map((d) => `${d.from}>${d.to}`).sort();
    expect(pairs).toEqual(['0>1', '1>0', '2>3', '3>2', '4>5', '5>4']);
    expect(of('messageDropped').filter((e) => e.reason === 'partition').length).toBe(30 - 6);
    net.heal();
    delivered.length = 0;
    for (let from = 0; from < 6; from++) net.broadcast(from, 'h');
    net.run();
    expect(delivered.length).toBe(30);
    expect(of('partitionChanged').map((e) => e.description)).toEqual([
      {
        groups: [
          [0, 1],
          [2, 3],
        ],
        oneWay: [],
      },
      { groups: [], oneWay: [] },
    ]);
  });

  it('a partition that starts before arrival drops messages already in flight (reason partition)', () => {
    const { net, delivered, of } = setup(2, FIXED);
    net.send(0, 1, 'early');
    net.scheduleFault({ kind: 'partition', atMs: 5, groups: [[0], [1]] });
    net.scheduleFault({ kind: 'heal', atMs: 15 });
    net.run(12);
    net.send(0, 1, 'late');
    net.run();
    expect(delivered.map((d) => [d.t, d.tag])).toEqual([[22, 'late']]);
    expect(of('messageDropped')).toEqual([
      { kind: 'messageDropped', t: 10, from: 0, to: 1, msg: 0, tag: 'early', reason: 'partition' },
    ]);
  });

  it('a message sent during a partition arrives if the partition heals first', () => {
    const { net, delivered } = setup(2, FIXED);
    net.partition([[0], [1]]);
    net.send(0, 1, 'x');
    net.scheduleFault({ kind: 'heal', atMs: 5 });
    net.run();
    expect(delivered.length).toBe(1);
  });

  it('one-way: A→B is cut, B→A still works, heal removes the cut', () => {
    const { net, delivered, of } = setup(4, FIXED);
    net.oneWay([0, 1], [2]);
    expect(net.canReach(0, 2)).toBe(false);
    expect(net.canReach(1, 2)).toBe(false);
    expect(net.canReach(2, 0)).toBe(true);
    expect(net.canReach(0, 3)).toBe(true);
    net.send(0, 2, 'ab');
    net.send(2, 0, 'ba');
    net.send(1, 2, 'ab');
    net.send(0, 3, 'ok');
    net.run();
    expect(delivered.map((d) => d.tag).sort()).toEqual(['ba', 'ok']);
    expect(of('messageDropped').map((e) => [e.from, e.to, e.reason])).toEqual([
      [0, 2, 'partition'],
      [1, 2, 'partition'],
    ]);
    expect(of('partitionChanged')[0].description).toEqual({ groups: [], oneWay: [{ from: [0, 1], to: [2] }] });
    net.heal();
    net.send(0, 2, 'ab');
    net.run();
    expect(delivered.filter((d) => d.tag === 'ab').length).toBe(1);
  });

  it('a new partition replaces the old groups', () => {
    const { net } = setup(4, FIXED);
    net.partition([[0], [1, 2, 3]]);
    net.partition([
      [0, 1],
      [2, 3],
    ]);
    expect(net.canReach(0, 1)).toBe(true);
    expect(net.canReach(1, 2)).toBe(false);
  });
});

describe('crash and recover', () => {
  it('messages to a crashed agent are dropped with reason crashed; sends from it with sender-crashed', () => {
    const { net, delivered, of } = setup(3, FIXED);
    net.crash(1);
    expect(net.isAlive(1)).toBe(false);
    net.send(0, 1, 'to-crashed');
    net.send(1, 2, 'from-crashed');
    net.send(0, 2, 'fine');
    net.run();
    expect(delivered.map((d) => d.tag)).toEqual(['fine']);
    expect(of('messageDropped').map((e) => [e.t, e.tag, e.reason])).toEqual([
      [0, 'from-crashed', 'sender-crashed'],
      [10, 'to-crashed', 'crashed'],
    ]);
    // Both were still recorded as sent.
    expect(of('messageSent').length).toBe(3);
  });

  it('a crash before arrival drops an in-flight message; recover restores delivery', () => {
    const { net, delivered, of } = setup(2, FIXED);
    net.send(0, 1, 'a');
    net.scheduleFault({ kind: 'crash', atMs: 4, agent: 1 });
    net.scheduleFault({ kind: 'recover', atMs: 30, agent: 1 });
    net.run(20);
    net.send(0, 1, 'b'); // arrives at 30, after the recover scheduled at 30 (scheduled earlier)
    net.run();
    expect(delivered.map((d) => [d.t, d.tag])).toEqual([[30, 'b']]);
    expect(of('agentCrashed')).toEqual([{ kind: 'agentCrashed', t: 4, agent: 1 }]);
    expect(of('agentRecovered')).toEqual([{ kind: 'agentRecovered', t: 30, agent: 1 }]);
    expect(of('messageDropped').map((e) => e.reason)).toEqual(['crashed']);
  });

  it('crashing twice or recovering a live agent records nothing new', () => {
    const { net, of } = setup(2, FIXED);
    net.recover(0);
    net.crash(0);
    net.crash(0);
    net.recover(0);
    net.recover(0);
    expect(of('agentCrashed').length).toBe(1);
    expect(of('agentRecovered').length).toBe(1);
    expect(net.isAlive(0)).toBe(true);
  });
});

describe('scheduled faults', () => {
  it('apply at their time, in schedule order, whatever order they were scheduled in', () => {
    const { net, of } = setup(4, FIXED);
    net.scheduleFault({ kind: 'heal', atMs: 800 });
    net.scheduleFault({ kind: 'partition', atMs: 200, groups: [[0, 1]] });
    net.scheduleFault({ kind: 'one-way', atMs: 200, from: [2], to: [3] });
    net.scheduleFault({ kind: 'crash', atMs: 500, agent: 3 });
    net.scheduleFault({ kind: 'recover', atMs: 600, agent: 3 });
    const reach: boolean[] = [];
    for (const t of [199, 200, 799, 800]) {
      net.run(t);
      reach.push(net.canReach(0, 2));
    }
    expect(reach).toEqual([true, false, false, true]);
    const changes = of('partitionChanged');
    expect(changes.map((e) => e.t)).toEqual([200, 200, 800]);
    expect(changes[1].description).toEqual({ groups: [[0, 1]], oneWay: [{ from: [2], to: [3] }] });
    expect(of('agentCrashed')[0].t).toBe(500);
    expect(of('agentRecovered')[0].t).toBe(600);
    expect(net.now).toBe(800);
  });

  it('rejects a fault in the past or at a fractional time', () => {
    const { net } = setup(2, FIXED);
    net.run(100);
    expect((caught(() => net.scheduleFault({ kind: 'heal', atMs: 99 })) as ValidationError).field).toBe('fault.atMs');
    expect((caught(() => net.scheduleFault({ kind: 'heal', atMs: 150.5 })) as ValidationError).field).toBe(
      'fault.atMs',
    );
    net.scheduleFault({ kind: 'heal', atMs: 100 });
    expect(net.pending).toBe(1);
  });
});

describe('timers and stepping', () => {
  it('a timer fires after its delay (rounded up), recorded in the trace', () => {
    const { net, timers, of } = setup(3, FIXED);
    net.setTimer(2, 25, 7);
    net.setTimer(0, 2.2, 8);
    net.setTimer(1, 0, 9);
    net.run();
    expect(timers).toEqual([
      [0, 1, 9],
      [3, 0, 8],
      [25, 2, 7],
    ]);
    expect(of('timerFired').map((e) => [e.t, e.agent, e.timer])).toEqual(timers);
  });

  it('timers and deliveries at the same time keep their scheduling order', () => {
    const { net, events } = setup(2, FIXED);
    net.setTimer(0, 10, 1);
    net.send(1, 0, 'm');
    net.setTimer(0, 10, 2);
    net.run();
    expect(
      events()
        .filter((e) => e.kind !== 'messageSent')
        .map((e) => e.kind + (e.kind === 'timerFired' ? e.timer : '')),
    ).toEqual(['timerFired1', 'messageDelivered', 'timerFired2']);
  });

  it('handlers can send during a delivery; run(untilMs) stops at untilMs and advances now to it', () => {
    const { net, delivered } = setup(2, FIXED);
    net.handlers = {
      deliver: (to, from, tag, payload, msg) => {
        delivered.push({ t: net.now, to, from, tag, payload, msg });
        if (delivered.length < 5) net.send(to, from, 'pong');
      },
    };
    net.send(0, 1, 'ping');
    expect(net.run(35)).toBe(3);
    expect(net.now).toBe(35);
    expect(net.step(39)).toBe(false);
    expect(net.step()).toBe(true);
    expect(net.now).toBe(40);
    net.run();
    expect(delivered.map((d) => d.t)).toEqual([10, 20, 30, 40, 50]);
    expect(net.step()).toBe(false);
  });

  it('rejects a negative timer delay; a timer past MAX_SIM_TIME_MS is a LimitError naming it', () => {
    const { net } = setup(2, FIXED);
    expect((caught(() => net.setTimer(0, -1, 0)) as ValidationError).field).toBe('timer.delayMs');
    const e = caught(() => net.setTimer(0, MAX_SIM_TIME_MS + 1, 0));
    expect(e).toBeInstanceOf(LimitError);
    expect((e as LimitError).limit).toBe('MAX_SIM_TIME_MS');
  });
});

describe('configuration and limits', () => {
  it('rejects bad latencies and probabilities with the field', () => {
    const bad: [Partial<NetworkConfig>, string][] = [
      [{ latencyMsMin: -1 }, 'network.latencyMsMin'],
      [{ latencyMsMin: 20, latencyMsMax: 10 }, 'network.latencyMsMax'],
      [{ latencyMsMin: 1.5, latencyMsMax: 10 }, 'network.latencyMsMin'],
      [{ latencyMsMin: 1, latencyMsMax: 10.5 }, 'network.latencyMsMax'],
      [{ latencyMsMin: Number.NaN }, 'network.latencyMsMin'],
      [{ lossProbability: 1.5 }, 'network.lossProbability'],
      [{ lossProbability: -0.1 }, 'network.lossProbability'],
      [{ lossProbability: Number.NaN }, 'network.lossProbability'],
      [{ duplicationProbability: 2 }, 'network.duplicationProbability'],
      [{ reorderProbability: Number.NaN }, 'network.reorderProbability'],
    ];
    for (const [config, field] of bad) {
      const e = caught(() => setup(2, config));
      expect(e, JSON.stringify(config)).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).field, JSON.stringify(config)).toBe(field);
    }
  });

  it('rejects a bad agent count with the field, and one over MAX_AGENTS with a LimitError', () => {
    for (const n of [-1, 2.5, Number.NaN]) {
      const e = caught(() => new Network(n, DEFAULT_NETWORK, new Prng(1), new Trace()));
      expect((e as ValidationError).field, String(n)).toBe('network.agentCount');
    }
    const e = caught(() => new Network(MAX_AGENTS + 1, DEFAULT_NETWORK, new Prng(1), new Trace()));
    expect(e).toBeInstanceOf(LimitError);
    expect((e as LimitError).limit).toBe('MAX_AGENTS');
    expect(new Network(0, DEFAULT_NETWORK, new Prng(1), new Trace()).run()).toBe(0);
  });

  it('MAX_LATENCY_MS: a latency over the limit is a LimitError naming it, not a huge allocation', () => {
    const e = caught(() => setup(2, { latencyMsMin: 0, latencyMsMax: MAX_LATENCY_MS + 1 }));
    expect(e).toBeInstanceOf(LimitError);
    expect((e as LimitError).limit).toBe('MAX_LATENCY_MS');
    const { net, delivered } = setup(2, { latencyMsMin: MAX_LATENCY_MS, latencyMsMax: MAX_LATENCY_MS });
    net.send(0, 1, 'slow');
    net.run();
    expect(delivered.map((d) => d.t)).toEqual([MAX_LATENCY_MS]);
  });

  it('MAX_TRACE_EVENTS: a run that records more events than the trace allows throws a LimitError', () => {
    const net = new Network(20, { ...DEFAULT_NETWORK }, new Prng(1), new Trace(true, 30));
    net.broadcast(0, 'x'); // 19 sends
    const e = caught(() => net.run()); // deliveries push it over 30
    expect(e).toBeInstanceOf(LimitError);
    expect((e as LimitError).limit).toBe('MAX_TRACE_EVENTS');
    expect(net.trace.length).toBe(30);
  });

  it('is deterministic: the same seed and sends give the same trace', () => {
    const run = (seed: number) => {
      const { net } = setup(
        8,
        {
          latencyMsMin: 1,
          latencyMsMax: 40,
          lossProbability: 0.1,
          duplicationProbability: 0.1,
          reorderProbability: 0.2,
        },
        seed,
      );
      for (let i = 0; i < 8; i++) net.broadcast(i, 'x', { i });
      net.scheduleFault({ kind: 'partition', atMs: 20, groups: [[0, 1, 2]] });
      net.run();
      return net.trace.hash();
    };
    expect(run(5)).toBe(run(5));
    expect(run(5)).not.toBe(run(6));
  });
});
