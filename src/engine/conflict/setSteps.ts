import type { GSet } from '../crdt/gSet';
import { compareJson, compareStrings, type Json, jsonKey } from '../crdt/json';
import type { ORSet } from '../crdt/orSet';
import type { OrSetMergeStep, SetUnionStep } from './explanation';
import { refOf } from './stateVersion';
import type { StatedVersion } from './versionState';

/** G-Set join: union. Each element of the result names the agents whose versions held it. */
export function setStep(inputs: readonly StatedVersion[], joined: GSet): SetUnionStep {
  const holders = new Map<string, { element: Json; from: Set<string> }>();
  const sets = inputs.map((s) => {
    const elements = (s.replica as GSet).value();
    for (const e of elements) {
      const k = jsonKey(e);
      const seen = holders.get(k) ?? { element: e, from: new Set<string>() };
      seen.from.add(s.v.agentId);
      holders.set(k, seen);
    }
    return { ...refOf(s.v), elements, source: s.source };
  });
  const value = joined.value();
  const elements = [...holders.values()]
    .sort((a, b) => compareJson(a.element, b.element))
    .map((e) => ({ element: e.element, from: [...e.from].sort(compareStrings) }));
  return {
    step: 'set-union',
    inputs: { sets },
    comparison: { elements },
    outcome: { value },
    reason: `set: union of ${sets.map((s) => `${JSON.stringify(s.elements)} (${s.agentId})`).join(' ∪ ')} = ${JSON.stringify(value)}`,
  };
}

/** OR-Set join: union of add tags and of tombstones; an element stays while one of its tags is not removed. */
export function orSetStep(inputs: readonly StatedVersion[], joined: ORSet): OrSetMergeStep {
  const sets = inputs.map((s) => ({ ...refOf(s.v), visible: (s.replica as ORSet).value(), source: s.source }));
  const state = joined.state();
  const dead = new Set(state.tombstones);
  const elements = state.entries.map((e) => ({
    element: e.element,
    tags: e.tags,
    removedTags: e.tags.filter((t) => dead.has(t)),
    present: e.tags.some((t) => !dead.has(t)),
  }));
  const value = joined.value();
  return {
    step: 'or-set-merge',
    inputs: { sets },
    comparison: { elements },
    outcome: { value },
    reason: `or-set: union of add tags and tombstones; an element stays while one of its tags is not removed ⇒ ${JSON.stringify(value)}`,
  };
}
