import { Prng } from '../src/engine/core/prng';
import { Network } from '../src/engine/network/network';
import { Trace } from '../src/engine/trace/trace';
import type { BenchCase } from './harness';

const AGENTS = 10_000;
const IN_FLIGHT = 10_000;
const DELIVERIES = 10_000_000;

/**
 * Sustained delivery rate of the simulator on a 10,000-agent full mesh: 10,000
 * messages in flight, each delivery answered by one send to a random agent
 * (latency 1–50 ms), until 10 million deliveries. The trace keeps its running
 * hash but not the events, as a seed search would.
 */
function meshStorm(): { ops: number; unit: string; note: string; target: { perSecondAtLeast: number; label: string } } {
  const rng = new Prng(7);
  const net = new Network(
    AGENTS,
    { latencyMsMin: 1, latencyMsMax: 50, lossProbability: 0, duplicationProbability: 0, reorderProbability: 0 },
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
        net.send(to, next, 'token');
      }
    },
  };
  for (let i = 0; i < IN_FLIGHT; i++) net.send(i % AGENTS, (i * 7919 + 1) % AGENTS, 'token');
  net.run();
  return {
    ops: delivered,
    unit: 'msg',
    note: `trace hash ${net.trace.hash()}, ${net.trace.length.toLocaleString('en-US')} events hashed`,
    target: { perSecondAtLeast: 10_000_000, label: '≥ 10M msg/s' },
  };
}

export const cases: BenchCase[] = [{ name: 'network: deliveries, 10,000-agent mesh', run: meshStorm, repeat: 3 }];
