import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/engine/core/prng';
import { DEFAULT_NETWORK, type NetworkConfig } from '../../../src/engine/network/faults';
import { Network } from '../../../src/engine/network/network';
import { Routes } from '../../../src/engine/network/routes';
import type { TraceEvent } from '../../../src/engine/trace/events';
import { decodeAll, Trace } from '../../../src/engine/trace/trace';

/** Sorted neighbour lists of a line 0 – 1 – … – n−1. */
const line = (n: number) => Array.from({ length: n }, (_, i) => [i - 1, i + 1].filter((j) => j >= 0 && j < n));

function net(adjacency: number[][], config: Partial<NetworkConfig> = {}, seed = 1) {
  const trace = new Trace();
  const network = new Network(adjacency.length, { ...DEFAULT_NETWORK, ...config }, new Prng(seed), trace);
  network.followTopology(adjacency);
  const got: { to: number; from: number; tag: string; payload: unknown }[] = [];
  network.handlers = { deliver: (to, from, tag, payload) => got.push({ to, from, tag, payload }) };
  return { network, got, events: () => decodeAll(trace.columns()) };
}

const ofKind = <K extends TraceEvent['kind']>(events: TraceEvent[], kind: K) =>
  events.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);

describe('Routes', () => {
  it('finds breadth-first paths both ways, and none between components', () => {
    const routes = new Routes([[1], [0, 2], [1, 3], [2], []]);
    expect([...(routes.path(0, 3) ?? [])]).toEqual([0, 1, 2, 3]);
    expect([...(routes.path(3, 0) ?? [])]).toEqual([3, 2, 1, 0]);
    expect(routes.path(0, 4)).toBeNull();
    expect(routes.areNeighbours(1, 2)).toBe(true);
    expect(routes.areNeighbours(0, 2)).toBe(false);
  });

  it('takes a shortest path on a ring', () => {
    const ring = Array.from({ length: 8 }, (_, i) => [(i + 7) % 8, (i + 1) % 8].sort((a, b) => a - b));
    expect(routes(ring, 0, 6)).toHaveLength(3);
    expect(routes(ring, 1, 4)).toHaveLength(4);
  });
});

const routes = (adjacency: number[][], a: number, b: number) => [...(new Routes(adjacency).path(a, b) ?? [])];

describe('Network on a topology', () => {
  it('carries a message to a non-neighbour hop by hop, and the receiver sees its origin', () => {
    const { network, got, events } = net(line(4));
    network.send(0, 3, 'vote', { v: 1 });
    network.run();
    expect(got).toEqual([{ to: 3, from: 0, tag: 'vote', payload: { v: 1 } }]);
    const relays = ofKind(events(), 'messageRelayed').map((e) => [e.from, e.to]);
    expect(relays).toEqual([
      [0, 1],
      [1, 2],
    ]);
    const delivered = ofKind(events(), 'messageDelivered');
    expect(delivered.map((e) => [e.from, e.to])).toEqual([[0, 3]]);
    // Each hop takes its own latency: three hops take at least three minimum latencies.
    expect(delivered[0].t).toBeGreaterThanOrEqual(3 * DEFAULT_NETWORK.latencyMsMin);
  });

  it('drops a message with no path as no-route, and delivers nothing', () => {
    const { network, got, events } = net([[], [], []]);
    network.send(0, 2, 'request');
    network.run();
    expect(got).toEqual([]);
    expect(ofKind(events(), 'messageDropped').map((e) => e.reason)).toEqual(['no-route']);
  });

  it('loses a routed message at a crashed relay', () => {
    const { network, got, events } = net(line(3));
    network.crash(1);
    network.send(0, 2, 'vote');
    network.run();
    expect(got).toEqual([]);
    expect(ofKind(events(), 'messageDropped').map((e) => [e.from, e.to, e.reason])).toEqual([[0, 1, 'crashed']]);
  });

  it('loses a routed message on a hop cut by a partition', () => {
    const { network, got } = net(line(4));
    network.partition([
      [0, 1],
      [2, 3],
    ]);
    network.send(0, 3, 'vote');
    network.run();
    expect(got).toEqual([]);
  });

  it('delivers nothing at 100 % loss', () => {
    const { network, got } = net(line(3), { lossProbability: 1 });
    network.send(0, 2, 'vote');
    network.send(0, 1, 'vote');
    network.run();
    expect(got).toEqual([]);
  });

  it('relays forward each message once: duplication on every hop gives two copies, not 2^hops', () => {
    const { network, got, events } = net(line(12), { duplicationProbability: 1 });
    network.send(0, 11, 'vote');
    network.run();
    expect(got).toHaveLength(2);
    expect(ofKind(events(), 'messageDropped').every((e) => e.reason === 'duplicate')).toBe(true);
  });

  it('a full mesh routes nothing: the same trace as a network without a topology', () => {
    const mesh = Array.from({ length: 6 }, (_, i) => [0, 1, 2, 3, 4, 5].filter((j) => j !== i));
    const hashes = [true, false].map((withTopology) => {
      const trace = new Trace();
      const network = new Network(6, { ...DEFAULT_NETWORK, lossProbability: 0.2 }, new Prng(9), trace);
      if (withTopology) network.followTopology(mesh);
      for (let a = 0; a < 6; a++) network.broadcast(a, 'hello');
      network.run();
      return trace.hash();
    });
    expect(hashes[0]).toBe(hashes[1]);
  });
});
