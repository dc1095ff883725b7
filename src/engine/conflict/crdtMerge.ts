import { check } from '../core/errors';
import { GSet } from '../crdt/gSet';
import { checkJson, compareJson, compareStrings, isPlainObject, type Json, jsonKey, setOwn } from '../crdt/json';
import { ORSet, type ORSetState } from '../crdt/orSet';
import type { CRDTType } from '../crdt/types';
import type { ExplanationStep, MapKeyStep } from './explanation';
import { decideLww, label } from './lwwStrategy';
import { describeLww, lwwComparison, lwwOrder } from './order';
import { cloneValue, formatTimestamp, refOf, type StateVersion } from './stateVersion';

/** What a typed merge gives: the value, the merged CRDT state (if it has one) and the steps. */
export interface MergeOutcome {
  value: unknown;
  crdtState?: unknown;
  steps: ExplanationStep[];
}

/** Names version `v` in errors (`conflicts[2]`). */
export type FieldOf = (v: StateVersion) => string;

export function mergeByType(type: CRDTType, vs: readonly StateVersion[], fieldOf: FieldOf): MergeOutcome {
  switch (type) {
    case 'counter':
      return mergeCounter(vs, fieldOf);
    case 'pn-counter':
      return mergePnCounter(vs, fieldOf);
    case 'set':
      return mergeSet(vs, fieldOf);
    case 'or-set':
      return mergeOrSet(vs, fieldOf);
    case 'map':
      return mergeMap(vs, fieldOf);
    case 'register': {
      const lww = decideLww(vs);
      return { value: cloneValue(lww.winner.value), steps: lww.steps };
    }
  }
}

function counterValue(v: unknown, field: string, agentId: string): number {
  check(
    typeof v === 'number' && Number.isFinite(v) && v >= 0,
    field,
    `${agentId}: a counter value is that agent's count, a finite number ≥ 0`,
  );
  return v;
}

/** Per agent, the largest of its values (a G-Counter entry is monotone); each agent's values in input order. */
function perAgentMax(vs: readonly StateVersion[], read: (v: StateVersion) => number) {
  const byAgent = new Map<string, number[]>();
  for (const v of vs) byAgent.set(v.agentId, [...(byAgent.get(v.agentId) ?? []), read(v)]);
  const agents = [...byAgent.keys()].sort(compareStrings);
  return agents.map((agent) => {
    const values = byAgent.get(agent) as number[];
    return { agent, values, max: Math.max(...values) };
  });
}

/** G-Counter: each version is its agent's count; max per agent, then sum (a duplicate is counted once). */
function mergeCounter(vs: readonly StateVersion[], fieldOf: FieldOf): MergeOutcome {
  const read = (v: StateVersion) => counterValue(v.value, `${fieldOf(v)}.value`, v.agentId);
  const perAgent = perAgentMax(vs, read);
  const value = perAgent.reduce((s, a) => s + a.max, 0);
  const naiveSum = vs.reduce((s, v) => s + read(v), 0);
  const counts: Record<string, number> = {};
  for (const a of perAgent) setOwn(counts, a.agent, a.max);
  const dup = naiveSum !== value ? ` (a naive sum of every version would say ${naiveSum})` : '';
  return {
    value,
    crdtState: { type: 'counter', counts },
    steps: [
      {
        step: 'counter-merge',
        inputs: { contributions: vs.map((v) => ({ ...refOf(v), value: read(v) })) },
        comparison: { perAgent, naiveSum },
        outcome: { value },
        reason: `counter: per-agent max: ${perAgent.map((a) => `${a.agent} = ${a.max}`).join(', ')}; sum = ${value}${dup}`,
      },
    ],
  };
}

function pnValue(v: StateVersion, fieldOf: FieldOf): { increments: number; decrements: number } {
  const f = `${fieldOf(v)}.value`;
  const x = v.value as { increments?: unknown; decrements?: unknown };
  check(isPlainObject(x), f, `${v.agentId}: a pn-counter value is { increments, decrements }`);
  const inc = x.increments ?? 0;
  const dec = x.decrements ?? 0;
  check(typeof inc === 'number' && Number.isFinite(inc) && inc >= 0, `${f}.increments`, `${v.agentId}: must be ≥ 0`);
  check(typeof dec === 'number' && Number.isFinite(dec) && dec >= 0, `${f}.decrements`, `${v.agentId}: must be ≥ 0`);
  return { increments: inc, decrements: dec };
}

/** PN-Counter: two G-Counters, increments and decrements, each merged by per-agent max. */
function mergePnCounter(vs: readonly StateVersion[], fieldOf: FieldOf): MergeOutcome {
  const inc = perAgentMax(vs, (v) => pnValue(v, fieldOf).increments);
  const dec = perAgentMax(vs, (v) => pnValue(v, fieldOf).decrements);
  const increments = inc.reduce((s, a) => s + a.max, 0);
  const decrements = dec.reduce((s, a) => s + a.max, 0);
  const value = increments - decrements;
  const p: Record<string, number> = {};
  const n: Record<string, number> = {};
  inc.forEach((a, i) => {
    setOwn(p, a.agent, a.max);
    setOwn(n, a.agent, dec[i].max);
  });
  const perAgent = inc.map((a, i) => ({
    agent: a.agent,
    increments: a.values,
    decrements: dec[i].values,
    maxIncrements: a.max,
    maxDecrements: dec[i].max,
  }));
  return {
    value,
    crdtState: { type: 'pn-counter', p, n },
    steps: [
      {
        step: 'pn-counter-merge',
        inputs: { contributions: vs.map((v) => ({ ...refOf(v), ...pnValue(v, fieldOf) })) },
        comparison: { perAgent },
        outcome: { increments, decrements, value },
        reason: `pn-counter: per-agent max of increments (${increments}) minus per-agent max of decrements (${decrements}) = ${value}`,
      },
    ],
  };
}

function setElements(v: StateVersion, fieldOf: FieldOf): Json[] {
  const f = `${fieldOf(v)}.value`;
  const elements = v.value instanceof Set ? [...v.value] : v.value;
  check(Array.isArray(elements), f, `${v.agentId}: a set value is an array or a Set`);
  elements.forEach((e, i) => {
    checkJson(e, `${f}[${i}]`);
  });
  return elements as Json[];
}

/** G-Set: union. Each element of the result names the agents that held it. */
function mergeSet(vs: readonly StateVersion[], fieldOf: FieldOf): MergeOutcome {
  const union = new GSet('coordinator');
  const from = new Map<string, { element: Json; from: Set<string> }>();
  const inputs = vs.map((v) => ({ ...refOf(v), elements: setElements(v, fieldOf) }));
  for (const s of inputs)
    for (const e of s.elements) {
      union.apply({ type: 'add', element: e });
      const k = jsonKey(e);
      const seen = from.get(k) ?? { element: e, from: new Set<string>() };
      seen.from.add(s.agentId);
      from.set(k, seen);
    }
  const value = union.value();
  const elements = [...from.values()]
    .sort((a, b) => compareJson(a.element, b.element))
    .map((e) => ({ element: e.element, from: [...e.from].sort(compareStrings) }));
  return {
    value,
    crdtState: union.state(),
    steps: [
      {
        step: 'set-union',
        inputs: { sets: inputs.map((s) => ({ ...s, elements: s.elements.map(cloneValue) })) },
        comparison: { elements: elements.map((e) => ({ ...e, element: cloneValue(e.element) })) },
        outcome: { value },
        reason: `set: union of ${inputs.map((s) => `${JSON.stringify(s.elements)} (${s.agentId})`).join(' ∪ ')} = ${JSON.stringify(value)}`,
      },
    ],
  };
}

/** OR-Set: each version's value is an OR-Set state; union of tags and of tombstones (add wins). */
function mergeOrSet(vs: readonly StateVersion[], fieldOf: FieldOf): MergeOutcome {
  const merged = new ORSet('coordinator');
  const inputs = vs.map((v) => {
    const f = `${fieldOf(v)}.value`;
    check(isPlainObject(v.value), f, `${v.agentId}: an or-set value is { entries, tombstones }`);
    const one = ORSet.fromState(v.agentId, { type: 'or-set', ...(v.value as object) }, f);
    merged.merge(one);
    return { ...refOf(v), visible: one.value() };
  });
  const state: ORSetState = merged.state();
  const dead = new Set(state.tombstones);
  const elements = state.entries.map((e) => ({
    element: e.element,
    tags: e.tags,
    removedTags: e.tags.filter((t) => dead.has(t)),
    present: e.tags.some((t) => !dead.has(t)),
  }));
  const value = merged.value();
  return {
    value,
    crdtState: state,
    steps: [
      {
        step: 'or-set-merge',
        inputs: { sets: inputs },
        comparison: { elements },
        outcome: { value },
        reason: `or-set: union of add tags and tombstones; an element stays while one of its tags is not removed ⇒ ${JSON.stringify(value)}`,
      },
    ],
  };
}

function mapEntries(v: StateVersion, fieldOf: FieldOf): [string, unknown][] {
  const f = `${fieldOf(v)}.value`;
  if (v.value instanceof Map) {
    const entries = [...v.value.entries()];
    entries.forEach(([k], i) => {
      check(typeof k === 'string', `${f}[${i}]`, `${v.agentId}: map keys must be strings`);
    });
    return entries as [string, unknown][];
  }
  check(isPlainObject(v.value), f, `${v.agentId}: a map value is a plain object or a Map`);
  const obj = v.value;
  return Object.keys(obj).map((k) => [k, obj[k]]);
}

/** LWW-Map: every key is decided on its own, by the LWW order of the versions that hold it. */
function mergeMap(vs: readonly StateVersion[], fieldOf: FieldOf): MergeOutcome {
  const holders = new Map<string, { v: StateVersion; value: unknown }[]>();
  for (const v of vs)
    for (const [key, value] of mapEntries(v, fieldOf)) holders.set(key, [...(holders.get(key) ?? []), { v, value }]);
  const out: Record<string, unknown> = {};
  const steps: ExplanationStep[] = [];
  for (const key of [...holders.keys()].sort(compareStrings)) {
    const hs = holders.get(key) as { v: StateVersion; value: unknown }[];
    // The key's cell carries its version's stamp; the LWW order decides between cells.
    const cells = hs.map((h) => ({ ...h.v, value: h.value }));
    const ranked = [...cells].sort((a, b) => lwwOrder(b, a));
    setOwn(out, key, cloneValue(ranked[0].value));
    steps.push(mapKeyStep(key, cells, ranked));
  }
  return { value: out, steps };
}

function mapKeyStep(key: string, cells: StateVersion[], ranked: StateVersion[]): MapKeyStep {
  const [w, runnerUp] = ranked;
  const show = (c: StateVersion) => `${JSON.stringify(c.value)} @ ${formatTimestamp(c.timestamp)} (${c.agentId})`;
  const comparison = runnerUp ? lwwComparison(w, runnerUp) : null;
  const reason = runnerUp
    ? `map ${key}: ${cells.map(show).join(' vs ')} ⇒ ${JSON.stringify(w.value)} (${describeLww(comparison as NonNullable<typeof comparison>)})`
    : `map ${key}: only ${label(w)} has it ⇒ ${JSON.stringify(w.value)}`;
  return {
    step: 'map-key',
    inputs: { key, candidates: cells.map((c) => ({ ...refOf(c), value: cloneValue(c.value) })) },
    comparison,
    outcome: { key, value: cloneValue(w.value), winner: refOf(w) },
    reason,
  };
}
