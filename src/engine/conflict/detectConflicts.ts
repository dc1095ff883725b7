import { check, checkLimit } from '../core/errors';
import { compareStrings, isPlainObject, jsonKey } from '../crdt/json';
import { createStateVersion, type StateVersion, type StateVersionInput } from './stateVersion';

/** Each agent's version (or versions) of its state keys, as in the seed's `detect_conflicts`. */
export type StatesByAgent = Record<
  string,
  StateVersion | StateVersionInput | readonly (StateVersion | StateVersionInput)[]
>;

/** Versions `detectConflicts` reads in one call. */
export const MAX_DETECT_VERSIONS = 1_000_000;

/**
 * The state keys held by more than one agent with different values or versions,
 * sorted. Identical copies (same value and version) are not conflicts.
 *
 * @example
 * detectConflicts({
 *   'agent-1': { stateKey: 'counter', value: 10, version: 1, timestamp: 0, agentId: 'agent-1' },
 *   'agent-2': { stateKey: 'counter', value: 12, version: 2, timestamp: 0, agentId: 'agent-2' },
 * }); // ['counter']
 */
export function detectConflicts(states: StatesByAgent): string[] {
  check(isPlainObject(states), 'states', 'must be an object of agent id → state version(s)');
  const byKey = new Map<string, { agents: Set<string>; variants: Set<string> }>();
  let count = 0;
  for (const agent of Object.keys(states)) {
    const held = states[agent];
    const list = Array.isArray(held) ? held : [held];
    list.forEach((input, i) => {
      checkLimit('MAX_DETECT_VERSIONS', MAX_DETECT_VERSIONS, ++count);
      const field = Array.isArray(held) ? `states.${agent}[${i}]` : `states.${agent}`;
      const v = createStateVersion(input as StateVersionInput, field);
      const entry = byKey.get(v.stateKey) ?? { agents: new Set<string>(), variants: new Set<string>() };
      entry.agents.add(agent);
      entry.variants.add(`${v.version}:${jsonKey(v.value)}`);
      byKey.set(v.stateKey, entry);
    });
  }
  return [...byKey]
    .filter(([, e]) => e.agents.size > 1 && e.variants.size > 1)
    .map(([key]) => key)
    .sort(compareStrings);
}
