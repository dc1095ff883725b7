/**
 * The simulator against the same simulation driven by `flatqueue` (the fastest well-kept JS
 * priority queue): 10,000 agents, 10,000 messages in flight, latency 1–50 ms, each delivery
 * answered by one send to a random agent, every event hashed. Both sides use the same PRNG
 * draws and the same trace hashing, and must end on the same trace hash.
 */
import FlatQueue from 'flatqueue';
import { Prng } from '../src/engine/core/prng';
import { Network } from '../src/engine/network/network';
import { Trace } from '../src/engine/trace/trace';
import type { BenchCase, BenchOutcome } from './harness';

const AGENTS = 10_000;
const IN_FLIGHT = 10_000;
/** 10 M with FULL=1 (the figure the target names); 1 M by default, so the bench runs in seconds. */
const DELIVERIES = process.env.FULL ? 10_000_000 : 1_000_000;
const LATENCY_MS_MIN = 1;
const LATENCY_MS_MAX = 50;
const TAG = 'token';

function outcome(delivered: number, trace: Trace): BenchOutcome {
  return {
    ops: delivered,
    unit: 'delivery',
    note: `trace hash ${trace.hash()}, ${trace.length.toLocaleString('en-US')} events hashed`,
    check: trace.hash(),
  };
}

/** Ours: `Network` on a full mesh (no routing), the trace keeping its hash but not the events. */
function ours(): BenchOutcome {
  const rng = new Prng(7);
  const net = new Network(
    AGENTS,
    {
      latencyMsMin: LATENCY_MS_MIN,
      latencyMsMax: LATENCY_MS_MAX,
      lossProbability: 0,
      duplicationProbability: 0,
      reorderProbability: 0,
    },
    rng,
    new Trace(false),
  );
  let delivered = 0;
  let sent = IN_FLIGHT;
  net.handlers = {
    deliver(to) {
      delivered++;
      if (sent < DELIVERIES) {
        sent++;
        let next = rng.int(AGENTS - 1);
        if (next >= to) next++;
        net.send(to, next, TAG);
      }
    },
  };
  for (let i = 0; i < IN_FLIGHT; i++) net.send(i % AGENTS, (i * 7919 + 1) % AGENTS, TAG);
  net.run();
  return outcome(delivered, net.trace);
}

/**
 * The peer: what a user would write with flatqueue (fixed capacity, typed arrays). Priority is
 * time · 2^26 + send order, so messages due at the same millisecond keep their order, as ours do.
 */
function flatqueue(): BenchOutcome {
  const rng = new Prng(7);
  const trace = new Trace(false);
  const queue = new FlatQueue<number>(IN_FLIGHT, Float64Array, Uint32Array);
  const from = new Int32Array(IN_FLIGHT);
  const to = new Int32Array(IN_FLIGHT);
  const msgOf = new Int32Array(IN_FLIGHT);
  const due = new Float64Array(IN_FLIGHT);
  const free: number[] = [];
  let now = 0;
  let msg = 0;
  const send = (a: number, b: number, slot: number) => {
    trace.messageSent(now, a, b, msg, TAG);
    due[slot] = now + rng.range(LATENCY_MS_MIN, LATENCY_MS_MAX);
    from[slot] = a;
    to[slot] = b;
    msgOf[slot] = msg;
    queue.push(slot, due[slot] * 67_108_864 + msg++);
  };
  for (let i = 0; i < IN_FLIGHT; i++) send(i % AGENTS, (i * 7919 + 1) % AGENTS, i);
  let delivered = 0;
  while (queue.length > 0) {
    const slot = queue.pop() as number;
    now = due[slot];
    const at = to[slot];
    trace.messageDelivered(now, from[slot], at, msgOf[slot], TAG);
    delivered++;
    free.push(slot);
    if (msg < DELIVERIES) {
      let next = rng.int(AGENTS - 1);
      if (next >= at) next++;
      send(at, next, free.pop() as number);
    }
  }
  return outcome(delivered, trace);
}

const millions = DELIVERIES / 1_000_000;

export const cases: BenchCase[] = [
  {
    name: `network: ${AGENTS.toLocaleString('en-US')}-agent mesh, ${millions} M deliveries, all hashed`,
    ours: { name: 'ours', run: ours },
    peers: [{ name: 'flatqueue', run: flatqueue }],
    rounds: 5,
    targets: [
      { kind: 'peer', peer: 'flatqueue', atMost: 0.5, label: '≥ 2× faster than flatqueue' },
      { kind: 'calibration', atMost: 10, label: '≤ 10× the calibration op per delivery' },
    ],
  },
];
