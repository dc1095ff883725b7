/**
 * What every message an engine sends means, so nothing downstream parses tag strings: a fixed
 * tag has its kind here; a tag made at run time (reliable broadcast's one tag per phase, vote and
 * owner, chosen so a decision at n = 100 sends two million messages without payloads) is
 * described to the trace when it is made (`Trace.describeTag`). The trace's columns carry each
 * interned tag's meaning; test/engine/runs/registry.test.ts checks that every message a run kind
 * sends has one. (`Network.send` still takes any string: the seed's API lets a library user
 * send their own message types; those have no meaning here and are drawn as "other".)
 */

/** Kinds of message, as the stage colours them and the narration names them. */
export const MESSAGE_KINDS = [
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
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** A message's meaning: its kind, and for reliable broadcast the vote it carries and whose vote it is. */
export interface TagMeaning {
  kind: MessageKind;
  /** Reliable broadcast: SEND, ECHO or READY. */
  phase?: 'send' | 'echo' | 'ready';
  vote?: 'for' | 'against' | 'abstain';
  /** Network address of the agent whose vote this is. */
  owner?: number;
}

/** Every fixed tag an engine sends, and its kind. */
export const MESSAGE_TAGS = {
  consensus_request: 'request',
  vote: 'vote',
  'gossip-pull': 'request',
  'gossip-vote': 'vote',
  'rumor-push': 'rumor',
  'rumor-pull': 'request',
  'rumor-reply': 'rumor',
  'om-order': 'order',
  'om-relay': 'relay',
  flood: 'flood',
  flush: 'sync',
  state: 'sync',
  delta: 'sync',
  state_request: 'request',
  state_response: 'sync',
  state_update: 'sync',
  state_ack: 'sync',
  delta_request: 'request',
  delta_response: 'sync',
  version_query: 'request',
  version_reply: 'sync',
  digest_request: 'request',
  state_snapshot: 'sync',
  digest: 'sync',
  state_fetch: 'request',
  state_data: 'sync',
  ae_digest: 'sync',
  ae_reply: 'sync',
  ae_push: 'sync',
  task_assign: 'task',
  task_result: 'task',
  result_ack: 'task',
  heartbeat: 'task',
  heartbeat_ack: 'task',
  'raft-request-vote': 'request',
  'raft-vote': 'vote',
  'raft-append': 'append',
  'raft-append-reply': 'append',
  'pbft-pre-prepare': 'order',
  'pbft-prepare': 'echo',
  'pbft-commit': 'ready',
  'pbft-view-change': 'request',
  'pbft-new-view': 'order',
} as const satisfies Record<string, MessageKind>;

export type FixedTag = keyof typeof MESSAGE_TAGS;

/** A tag made at run time, described to the trace (see `Trace.describeTag`). */
export type DescribedTag = string & { readonly described: unique symbol };

/** The meaning of a fixed tag, or undefined for any other string. */
export function fixedMeaning(tag: string): TagMeaning | undefined {
  return Object.hasOwn(MESSAGE_TAGS, tag) ? { kind: MESSAGE_TAGS[tag as FixedTag] } : undefined;
}
