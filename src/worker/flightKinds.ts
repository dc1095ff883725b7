import { MESSAGE_KINDS, type TagMeaning } from '../engine/trace/messageTags';

/**
 * What kind of message a flight carries, from its tag's meaning: the stage colours message dots
 * by kind and the legend names only the kinds a run sent. One table, read by the index, the
 * renderers, the legend and the exported picture.
 */

/** Kinds of message drawn in flight (the engine's message kinds, plus messages of no known kind); a code is a position here. */
export const FLIGHT_KINDS = [...MESSAGE_KINDS, 'other'] as const;
export type FlightKind = (typeof FLIGHT_KINDS)[number];

/** Words for each kind, as the legend shows them. */
export const FLIGHT_KIND_LABEL: Record<FlightKind, string> = {
  request: 'request',
  vote: 'vote (SEND)',
  echo: 'echo',
  ready: 'ready',
  rumor: 'rumor',
  order: 'order / proposal',
  relay: 'relayed order',
  sync: 'sync (state, delta, digest)',
  flood: 'flood',
  append: 'log append / commit',
  task: 'task',
  other: 'other message',
};

/**
 * The flight-kind code of each interned string, from the meanings the engines gave their message
 * tags (src/engine/trace/messageTags.ts): computed once per trace, no tag string is parsed.
 */
export function flightKindCodes(tagMeanings: readonly (TagMeaning | null)[]): Uint8Array {
  const other = FLIGHT_KINDS.indexOf('other');
  return Uint8Array.from(tagMeanings, (m) => (m ? FLIGHT_KINDS.indexOf(m.kind) : other));
}
