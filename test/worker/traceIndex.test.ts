import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/engine/core/prng';
import { DEFAULT_NETWORK } from '../../src/engine/network/faults';
import { Network } from '../../src/engine/network/network';
import { Trace } from '../../src/engine/trace/trace';
import {
  buildTraceIndex,
  cursorAtTime,
  cutLinks,
  forEachInFlight,
  marksAt,
  partitionAt,
} from '../../src/worker/traceIndex';

const flightsAt = (index: ReturnType<typeof buildTraceIndex>, t: number) => {
  const out: [number, number, number][] = [];
  forEachInFlight(index, t, (from, to, progress) => out.push([from, to, Math.round(progress * 100) / 100]));
  return out;
};

describe('the player index over a trace', () => {
  it('finds messages in flight and agents’ marks at a moment', () => {
    const trace = new Trace();
    trace.messageSent(0, 0, 1, 0, 'flood');
    trace.messageSent(0, 0, 2, 1, 'flood');
    trace.messageDelivered(10, 0, 1, 0, 'flood');
    trace.engine(10, 'informed', 1, 0);
    trace.messageDropped(20, 0, 2, 1, 'flood', 'partition');
    const index = buildTraceIndex(trace.columns(), 3);
    expect(flightsAt(index, 5)).toEqual([
      [0, 1, 0.5],
      [0, 2, 0.25],
    ]);
    expect(flightsAt(index, 15)).toEqual([[0, 2, 0.75]]);
    expect(marksAt(index, cursorAtTime(trace.columns(), 9))).toEqual(['idle', 'idle', 'idle']);
    expect(marksAt(index, cursorAtTime(trace.columns(), 10))).toEqual(['idle', 'informed', 'idle']);
  });

  it('draws a routed message hop by hop along the links it took, not across empty space', () => {
    // 0 → 2 over the line 0 – 1 – 2, the network's own trace of a relayed message.
    const trace = new Trace();
    const net = new Network(3, { ...DEFAULT_NETWORK, latencyMsMin: 10, latencyMsMax: 10 }, new Prng(1), trace);
    net.followTopology([[1], [0, 2], [1]]);
    net.send(0, 2, 'vote');
    net.run();
    const index = buildTraceIndex(trace.columns(), 3);
    expect(flightsAt(index, 5)).toEqual([[0, 1, 0.5]]);
    expect(flightsAt(index, 15)).toEqual([[1, 2, 0.5]]);
  });

  it('knows the partition in force at each moment and which links it cuts', () => {
    const trace = new Trace();
    trace.partitionChanged(10, { groups: [[0, 1]], oneWay: [] });
    trace.partitionChanged(20, { groups: [], oneWay: [{ from: [2], to: [3] }] });
    trace.partitionChanged(30, { groups: [], oneWay: [] });
    const cols = trace.columns();
    const index = buildTraceIndex(cols, 4);
    const links: [number, number][] = [
      [0, 1],
      [1, 2],
      [2, 3],
      [0, 3],
    ];
    expect(partitionAt(index, cursorAtTime(cols, 5))).toBeNull();
    const split = partitionAt(index, cursorAtTime(cols, 15));
    expect(split && [...cutLinks(links, split, 4)]).toEqual([0, 1, 0, 1]);
    const oneWay = partitionAt(index, cursorAtTime(cols, 25));
    expect(oneWay && [...cutLinks(links, oneWay, 4)]).toEqual([0, 0, 1, 0]);
    expect(partitionAt(index, cursorAtTime(cols, 35))).toBeNull();
  });

  it('draws gossip contacts across their round, whichever end of the round they are stamped at', () => {
    // Rumor style: contacts stamped at their round's end.
    const rumor = new Trace();
    rumor.engine(0, 'roundEnd', -1);
    rumor.engine(50, 'gossipContact', 0, 1, { informed: true });
    rumor.engine(50, 'informed', 1);
    rumor.engine(50, 'roundEnd', -1);
    rumor.engine(100, 'gossipContact', 1, 2, { informed: true });
    rumor.engine(100, 'roundEnd', -1);
    expect(flightsAt(buildTraceIndex(rumor.columns(), 3), 75)).toEqual([[1, 2, 0.5]]);
    // Gossip-vote style: contacts stamped at their round's start.
    const vote = new Trace();
    vote.engine(0, 'gossipContact', 2, 0);
    vote.engine(40, 'voteChanged', 2, -1, { vote: 'against', round: 1 });
    vote.engine(40, 'roundEnd', -1);
    const index = buildTraceIndex(vote.columns(), 3);
    expect(flightsAt(index, 10)).toEqual([[2, 0, 0.25]]);
    expect(marksAt(index, 2)).toEqual(['idle', 'idle', 'against']);
  });
});
