/**
 * Field rules shared by the scenario schema and the run kinds' parameter schemas: a list with
 * bounds, agent id lists, simulated times, round counts, a proposal of JSON data.
 */
import * as v from 'valibot';
import { MAX_AGENTS, MAX_AGGREGATE_AGENTS, MAX_ROUNDS, MAX_SIM_TIME_MS } from '../core/limits';
import { cloneJson, type Json } from '../crdt/json';
import { fmt, id, int, isJsonData, record } from './rules';

/** An array of `min` to `max` items, with the bounds in the rule's words. */
export function list<T extends v.GenericSchema>(item: T, min: number, max: number, what: string) {
  const rule = `must be an array of ${fmt(min)} to ${fmt(max)} ${what}`;
  return v.pipe(v.array(item, rule), v.minLength(min, rule), v.maxLength(max, rule));
}

export const IDS = list(id(), 1, MAX_AGENTS, 'agent ids');
export const AT_MS = int(0, MAX_SIM_TIME_MS);
export const COST_MS = int(0, MAX_SIM_TIME_MS);
export const TIMEOUT = int(1, MAX_SIM_TIME_MS);
export const ROUNDS = int(1, MAX_ROUNDS);
export const FANOUT = int(1, MAX_AGGREGATE_AGENTS);

export const PROPOSAL = v.pipe(
  record(id(), v.unknown()),
  v.check<Record<string, unknown>, string>(
    isJsonData,
    'must be an object of JSON data (strings, finite numbers, booleans, null, arrays, objects)',
  ),
  // A fresh copy, so the parsed scenario never shares objects with the caller's input.
  v.transform((p) => cloneJson(p as Json) as Record<string, unknown>),
);
