import { describe, expect, it } from 'vitest';
import { LimitError } from '../../../src/engine/core/errors';
import { canonicalJson, Hasher } from '../../../src/engine/core/hash';
import { KIND_CODES, type TraceEvent } from '../../../src/engine/trace/events';
import { decodeAll, decodeEvent, Trace } from '../../../src/engine/trace/trace';

/** One event of every kind, with and without optional parts. */
const EVENTS: TraceEvent[] = [
  { kind: 'messageSent', t: 0, from: 0, to: 1, msg: 0, tag: 'flood' },
  { kind: 'messageSent', t: 1, from: 2, to: 3, msg: 1, tag: 'vote', payload: { round: 2, value: [1, 'a'] } },
  { kind: 'messageDelivered', t: 12, from: 0, to: 1, msg: 0, tag: 'flood' },
  { kind: 'messageDelivered', t: 13, from: 2, to: 3, msg: 1, tag: 'vote', payload: { round: 2, value: [1, 'a'] } },
  { kind: 'messageDropped', t: 14, from: 1, to: 2, msg: 2, tag: 'flood', reason: 'loss' },
  { kind: 'messageDropped', t: 15, from: 1, to: 2, msg: 3, tag: 'flood', reason: 'partition' },
  { kind: 'messageDropped', t: 16, from: 1, to: 2, msg: 4, tag: 'flood', reason: 'crashed' },
  { kind: 'messageDropped', t: 17, from: 1, to: 2, msg: 5, tag: 'flood', reason: 'sender-crashed' },
  { kind: 'messageDuplicated', t: 18, from: 4, to: 0, msg: 6, tag: 'gossip' },
  { kind: 'agentCrashed', t: 19, agent: 3 },
  { kind: 'agentRecovered', t: 20, agent: 3 },
  { kind: 'partitionChanged', t: 200, description: { groups: [[0, 1], [2]], oneWay: [] } },
  { kind: 'partitionChanged', t: 300, description: { groups: [], oneWay: [{ from: [0], to: [1, 2] }] } },
  { kind: 'partitionChanged', t: 800, description: { groups: [], oneWay: [] } },
  { kind: 'timerFired', t: 900, agent: 2, timer: 7 },
  { kind: 'engine', t: 901, name: 'informed', agent: 1, peer: -1 },
  { kind: 'engine', t: 902, name: 'decided', agent: 1, peer: 4, detail: { decision: 'approved', votes: 3 } },
  { kind: 'messageSent', t: 902.5, from: 0, to: 1, msg: 7, tag: 'flood', payload: null },
  { kind: 'messageRelayed', t: 903, from: 0, to: 1, msg: 8, tag: 'vote' },
  { kind: 'messageDropped', t: 904, from: 1, to: 2, msg: 9, tag: 'vote', reason: 'no-route' },
  { kind: 'messageDropped', t: 905, from: 1, to: 2, msg: 8, tag: 'vote', reason: 'duplicate' },
];

/** Records an event through the Trace API (the Network records the message kinds the same way). */
function record(trace: Trace, e: TraceEvent): void {
  switch (e.kind) {
    case 'messageSent':
      trace.messageSent(e.t, e.from, e.to, e.msg, e.tag, e.payload);
      break;
    case 'messageDelivered':
      trace.messageDelivered(e.t, e.from, e.to, e.msg, e.tag, e.payload);
      break;
    case 'messageDropped':
      trace.messageDropped(e.t, e.from, e.to, e.msg, e.tag, e.reason);
      break;
    case 'messageDuplicated':
      trace.messageDuplicated(e.t, e.from, e.to, e.msg, e.tag);
      break;
    case 'messageRelayed':
      trace.messageRelayed(e.t, e.from, e.to, e.msg, e.tag);
      break;
    case 'agentCrashed':
      trace.agentCrashed(e.t, e.agent);
      break;
    case 'agentRecovered':
      trace.agentRecovered(e.t, e.agent);
      break;
    case 'partitionChanged':
      trace.partitionChanged(e.t, e.description);
      break;
    case 'timerFired':
      trace.timerFired(e.t, e.agent, e.timer);
      break;
    case 'engine':
      trace.engine(e.t, e.name, e.agent, e.peer, e.detail);
      break;
  }
}

function hashOf(events: readonly TraceEvent[], recordEvents = true): string {
  const trace = new Trace(recordEvents);
  for (const e of events) record(trace, e);
  return trace.hash();
}

/** Variants of an event that differ from it in exactly one field. */
function variants(e: TraceEvent): TraceEvent[] {
  // A small time change keeps the trace in time order (a trace never goes back in time).
  const out: TraceEvent[] = [{ ...e, t: e.t + 0.25 } as TraceEvent];
  const tweak = <K extends string>(key: K, value: unknown) => out.push({ ...e, [key]: value } as TraceEvent);
  if ('from' in e) tweak('from', e.from + 1);
  if ('to' in e) tweak('to', e.to + 1);
  if ('msg' in e) tweak('msg', e.msg + 1);
  if ('tag' in e) {
    tweak('tag', `${e.tag}!`);
    // A tag the trace already knows: only the event's string index differs.
    tweak('tag', e.tag === 'flood' ? 'vote' : 'flood');
  }
  if ('agent' in e) tweak('agent', e.agent + 1);
  if ('timer' in e) tweak('timer', e.timer + 1);
  if ('name' in e) {
    tweak('name', `${e.name}!`);
    tweak('name', e.name === 'informed' ? 'decided' : 'informed');
  }
  if ('peer' in e) tweak('peer', e.peer + 1);
  if ('reason' in e) tweak('reason', e.reason === 'loss' ? 'partition' : 'loss');
  if (e.kind === 'messageSent' || e.kind === 'messageDelivered') {
    tweak('payload', e.payload === undefined ? 1 : undefined);
    if (e.payload !== undefined) tweak('payload', { other: true });
  }
  if (e.kind === 'engine') tweak('detail', e.detail === undefined ? 'd' : { value: 'y', votes: 3 });
  if (e.kind === 'partitionChanged') tweak('description', { groups: [[0], [1, 2]], oneWay: [] });
  return out;
}

describe('Trace', () => {
  it('decodeAll round-trips every event kind', () => {
    const trace = new Trace();
    for (const e of EVENTS) record(trace, e);
    const cols = trace.columns();
    expect(cols.length).toBe(EVENTS.length);
    expect(trace.length).toBe(EVENTS.length);
    expect(decodeAll(cols)).toEqual(EVENTS);
    expect(decodeEvent(cols, 16)).toEqual(EVENTS[16]);
    const kinds = new Set(decodeAll(cols).map((e) => e.kind));
    expect([...kinds].sort()).toEqual([...KIND_CODES].sort());
  });

  it('decoded payloads are copies: mutating the original afterwards changes neither trace nor hash', () => {
    const payload = { list: [1, 2] };
    const trace = new Trace();
    trace.messageSent(0, 0, 1, 0, 'x', payload);
    const hash = trace.hash();
    payload.list.push(3);
    expect(decodeAll(trace.columns())[0]).toMatchObject({ payload: { list: [1, 2] } });
    expect(trace.hash()).toBe(hash);
  });

  it('grows past its first capacity without losing events', () => {
    const trace = new Trace();
    for (let i = 0; i < 5000; i++)
      trace.engine(i, i % 2 ? 'voteSent' : 'roundEnd', i, -1, i % 7 === 0 ? { vote: 'for', round: i } : undefined);
    const events = decodeAll(trace.columns());
    expect(events.length).toBe(5000);
    expect(events[4999]).toEqual({ kind: 'engine', t: 4999, name: 'voteSent', agent: 4999, peer: -1 });
    expect(events[4996]).toEqual({ kind: 'engine', t: 4996, name: 'roundEnd', agent: 4996, peer: -1 });
    expect(events[4998]).toEqual({
      kind: 'engine',
      t: 4998,
      name: 'roundEnd',
      agent: 4998,
      peer: -1,
      detail: { vote: 'for', round: 4998 },
    });
  });

  it('hashes the same with record = true and record = false', () => {
    const lite = new Trace(false);
    const full = new Trace(true);
    for (const e of EVENTS) {
      record(lite, e);
      record(full, e);
      expect(lite.hash()).toBe(full.hash());
    }
    expect(lite.length).toBe(EVENTS.length);
    expect(lite.columns().kind.length).toBe(0);
  });

  it('the hash changes when any one field of any one event changes', () => {
    const base = hashOf(EVENTS);
    const seen = new Set([base]);
    for (let i = 0; i < EVENTS.length; i++) {
      for (const v of variants(EVENTS[i])) {
        const changed = [...EVENTS];
        changed[i] = v;
        const h = hashOf(changed);
        expect(h, `event ${i} changed to ${JSON.stringify(v)}`).not.toBe(base);
        expect(hashOf(changed, false)).toBe(h);
        seen.add(h);
      }
    }
    // Every variant is also distinct from every other.
    const total = 1 + EVENTS.reduce((s, e) => s + variants(e).length, 0);
    expect(seen.size).toBe(total);
  });

  it('the hash depends on order, on a missing event and on an added one', () => {
    const base = hashOf(EVENTS);
    const swapped = [...EVENTS];
    // Swap two events but keep each slot's time, so only the order of the events differs.
    [swapped[3], swapped[4]] = [
      { ...EVENTS[4], t: EVENTS[3].t } as TraceEvent,
      { ...EVENTS[3], t: EVENTS[4].t } as TraceEvent,
    ];
    expect(hashOf(swapped)).not.toBe(base);
    expect(hashOf(EVENTS.slice(0, -1))).not.toBe(base);
    expect(hashOf([...EVENTS, { ...EVENTS[0], t: 1000 } as TraceEvent])).not.toBe(base);
  });

  it('refuses an event earlier than the one before it (the player relies on time order)', () => {
    const trace = new Trace();
    trace.agentCrashed(10, 0);
    expect(() => trace.agentRecovered(9, 0)).toThrow(/went back/);
  });

  it('payloads hash by value, not by key order', () => {
    const a = new Trace();
    a.messageSent(0, 0, 1, 0, 'x', { b: 1, a: [2, { d: 3, c: 4 }] });
    const b = new Trace();
    b.messageSent(0, 0, 1, 0, 'x', { a: [2, { c: 4, d: 3 }], b: 1 });
    expect(a.hash()).toBe(b.hash());
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('MAX_TRACE_EVENTS: one event over maxEvents throws a LimitError naming it', () => {
    for (const recordEvents of [true, false]) {
      for (const max of [5, 1024, 1500]) {
        const trace = new Trace(recordEvents, max);
        for (let i = 0; i < max; i++) trace.agentCrashed(i, 0);
        let caught: unknown;
        try {
          trace.agentRecovered(max, 0);
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(LimitError);
        expect((caught as LimitError).limit).toBe('MAX_TRACE_EVENTS');
        expect((caught as LimitError).max).toBe(max);
        expect((caught as LimitError).actual).toBe(max + 1);
        expect(trace.length).toBe(max);
      }
    }
  });
});

describe('Hasher', () => {
  it('is order-sensitive and distinguishes ints, floats and strings', () => {
    const h = (f: (x: Hasher) => Hasher) => f(new Hasher()).hex();
    expect(h((x) => x.int(1).int(2))).not.toBe(h((x) => x.int(2).int(1)));
    expect(h((x) => x.float(0.5))).not.toBe(h((x) => x.float(0.25)));
    expect(h((x) => x.float(3))).toBe(h((x) => x.int(3)));
    expect(h((x) => x.string('ab'))).not.toBe(h((x) => x.string('ba')));
    expect(h((x) => x.string('a').string('b'))).not.toBe(h((x) => x.string('ab')));
    expect(h((x) => x)).toMatch(/^[0-9a-f]{16}$/);
  });
});
