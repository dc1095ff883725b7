import type { EngineEvent } from './engineEvents';

export type { EngineEvent, EngineEventDetails, EngineEventName } from './engineEvents';

/**
 * The trace's event vocabulary. A recorded trace is columnar (see `Trace`); these
 * are the decoded, self-describing events that tests, the CLI and the UI read.
 */

/**
 * Why a message was not delivered: lost on a link, cut by a partition, its receiver (or a relay)
 * crashed, its sender crashed, no path of links to its receiver, a relay had already forwarded
 * it (a duplicated copy), or its sender (or a relay) is a silent agent, which sends nothing.
 * Codes are positions in DROP_REASONS: part of the hash, only append.
 */
export type DropReason = 'loss' | 'partition' | 'crashed' | 'sender-crashed' | 'no-route' | 'duplicate' | 'silent';
export const DROP_REASONS: readonly DropReason[] = [
  'loss',
  'partition',
  'crashed',
  'sender-crashed',
  'no-route',
  'duplicate',
  'silent',
];

/** Drops that happen when a message arrives somewhere (drawn as a flight); the others happen at the sender. */
export const DROPPED_IN_FLIGHT: ReadonlySet<DropReason> = new Set(['partition', 'crashed', 'duplicate']);

export type TraceEvent =
  | { kind: 'messageSent'; t: number; from: number; to: number; msg: number; tag: string; payload?: unknown }
  | { kind: 'messageDelivered'; t: number; from: number; to: number; msg: number; tag: string; payload?: unknown }
  | { kind: 'messageDropped'; t: number; from: number; to: number; msg: number; tag: string; reason: DropReason }
  | { kind: 'messageDuplicated'; t: number; from: number; to: number; msg: number; tag: string }
  /** A hop of a message between agents that are not neighbours: it reached relay `to` from `from` and goes on. */
  | { kind: 'messageRelayed'; t: number; from: number; to: number; msg: number; tag: string }
  | { kind: 'agentCrashed'; t: number; agent: number }
  | { kind: 'agentRecovered'; t: number; agent: number }
  | { kind: 'partitionChanged'; t: number; description: PartitionDescription }
  | { kind: 'timerFired'; t: number; agent: number; timer: number }
  | EngineEvent;

export type TraceEventKind = TraceEvent['kind'];

/**
 * The reachability after a partition change: `groups` cannot reach each other
 * (agents in no group form one more group); `oneWay` lists directed cuts
 * (`from` group can no longer reach `to`). Empty lists mean the network is healed.
 */
export interface PartitionDescription {
  groups: number[][];
  oneWay: { from: number[]; to: number[] }[];
}

/** Column codes of the event kinds, in a fixed order: part of the hash, never reorder. */
export const KIND_CODES: readonly TraceEventKind[] = [
  'messageSent',
  'messageDelivered',
  'messageDropped',
  'messageDuplicated',
  'agentCrashed',
  'agentRecovered',
  'partitionChanged',
  'timerFired',
  'engine',
  'messageRelayed',
];

export const KIND = {
  messageSent: 0,
  messageDelivered: 1,
  messageDropped: 2,
  messageDuplicated: 3,
  agentCrashed: 4,
  agentRecovered: 5,
  partitionChanged: 6,
  timerFired: 7,
  engine: 8,
  messageRelayed: 9,
} as const satisfies Record<TraceEventKind, number>;
