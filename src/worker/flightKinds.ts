/**
 * What kind of message a flight carries, from its interned tag: the stage colours message dots
 * by kind and the legend names only the kinds a run sent. One table, read by the index, the
 * renderers, the legend and the exported picture.
 */

/** Kinds of message drawn in flight; the code of a flight is the position in this list. */
export const FLIGHT_KINDS = [
  'request',
  'vote',
  'echo',
  'ready',
  'rumor',
  'order',
  'relay',
  'sync',
  'flood',
  'append',
  'task',
  'other',
] as const;
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

const EXACT: Record<string, FlightKind> = {
  consensus_request: 'request',
  'gossip-pull': 'request',
  'rumor-pull': 'request',
  'raft-request-vote': 'request',
  delta_request: 'request',
  version_query: 'request',
  digest_request: 'request',
  state_fetch: 'request',
  vote: 'vote',
  'gossip-vote': 'vote',
  'raft-vote': 'vote',
  'rumor-push': 'rumor',
  'rumor-reply': 'rumor',
  gossipContact: 'rumor',
  'om-order': 'order',
  'om-relay': 'relay',
  'pbft-pre-prepare': 'order',
  'pbft-prepare': 'echo',
  'pbft-commit': 'ready',
  'raft-append': 'append',
  'raft-append-reply': 'append',
  flood: 'flood',
  flush: 'sync',
  state: 'sync',
  delta: 'sync',
};

/**
 * The kind of a message tag. Reliable broadcast tags its messages `phase:vote:owner`
 * (`send:for:3`, `echo:against:1`, `ready:for:0`); the sync engines' many tags share prefixes.
 * @example flightKindOf('echo:for:12') // 'echo'
 */
export function flightKindOf(tag: string): FlightKind {
  const exact = EXACT[tag];
  if (exact) return exact;
  const phase = tag.slice(0, tag.indexOf(':'));
  if (phase === 'send') return 'vote';
  if (phase === 'echo' || phase === 'ready') return phase;
  if (/^(ae_|delta_|state_|version_|digest)/.test(tag)) return 'sync';
  if (/^(task_|result_)/.test(tag)) return 'task';
  if (tag.startsWith('pbft-')) return 'order';
  return 'other';
}

/** The code of each interned string as a flight kind (computed once per trace, not per message). */
export function flightKindCodes(strings: readonly string[]): Uint8Array {
  return Uint8Array.from(strings, (s) => FLIGHT_KINDS.indexOf(flightKindOf(s)));
}
