import type { Trace } from '../../trace/trace';
import type { PbftPropertyName } from './properties';

/**
 * PBFT's trace vocabulary: every `engine` event a PBFT run records, with its detail.
 * `agent` is the replica it happened at.
 */
export type PbftTraceEvent =
  /** The client's request reached the replica (the first time). */
  | { name: 'requestReceived'; agent: number; detail: { request: number; digest: string } }
  /** The replica accepted a pre-prepare (the primary: sent it). */
  | { name: 'prePrepared'; agent: number; detail: { view: number; seq: number; digest: string } }
  | { name: 'prepared'; agent: number; detail: { view: number; seq: number; digest: string } }
  /** Committed-local: prepared, and 2f + 1 matching commits. */
  | { name: 'committed'; agent: number; detail: { view: number; seq: number; digest: string } }
  /** `request` −1 is the null request; `duplicate`: executed before under another number, skipped. */
  | {
      name: 'executed';
      agent: number;
      detail: { seq: number; digest: string; request: number; value: string; duplicate?: true };
    }
  | { name: 'viewChangeStarted'; agent: number; detail: { view: number } }
  | { name: 'viewEntered'; agent: number; detail: { view: number; primary: number } }
  /** The client has f + 1 matching replies; `agent` sent the last one. */
  | { name: 'requestCommitted'; agent: number; detail: { request: number; seq: number } }
  | { name: 'propertyViolated'; agent: number; detail: { property: PbftPropertyName } };

export type PbftEventName = PbftTraceEvent['name'];

export function tracePbft(trace: Trace, atMs: number, event: PbftTraceEvent): void {
  trace.engine(atMs, event.name, event.agent, -1, event.detail);
}
