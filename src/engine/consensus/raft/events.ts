import type { Trace } from '../../trace/trace';
import type { RaftPropertyName } from './properties';
import type { RaftRole } from './types';

/**
 * Raft's trace vocabulary: every `engine` event a Raft run records, with its detail.
 * `agent` is the server the event happened at; `peer` the other server, if any.
 */
export type RaftTraceEvent =
  | { name: 'roleChanged'; agent: number; detail: { role: RaftRole; term: number } }
  /** `agent` voted for candidate `peer`; `second` marks a teaching double vote. */
  | { name: 'voteGranted'; agent: number; peer: number; detail: { term: number; second?: true } }
  /** A follower changed its log on leader `peer`'s AppendEntries (heartbeats that change nothing are not traced). */
  | {
      name: 'entriesAppended';
      agent: number;
      peer: number;
      detail: { term: number; fromIndex: number; count: number; truncatedFrom?: number };
    }
  /** Leader `agent` appended a client command to its log. */
  | { name: 'commandAccepted'; agent: number; detail: { command: number; index: number; term: number; value: string } }
  | { name: 'commitAdvanced'; agent: number; detail: { term: number; commitIndex: number } }
  /** `duplicate`: the command was applied before at this server, so the state machine skipped it. */
  | {
      name: 'entryApplied';
      agent: number;
      detail: { index: number; term: number; command: number; value: string; duplicate?: true };
    }
  /** The server came back from a crash: persistent state kept, volatile state reset. */
  | { name: 'serverRestarted'; agent: number; detail: { term: number; logLength: number } }
  /** The first violation of a property, at the server where it showed. */
  | { name: 'propertyViolated'; agent: number; detail: { property: RaftPropertyName } };

export type RaftEventName = RaftTraceEvent['name'];

/** Appends one typed Raft event to the trace. */
export function traceRaft(trace: Trace, atMs: number, event: RaftTraceEvent): void {
  trace.engine(atMs, event.name, event.agent, 'peer' in event ? event.peer : -1, event.detail);
}
