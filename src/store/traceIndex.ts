/**
 * The player's queries over a run's trace index. The index itself is built in
 * the worker with the run (src/worker/traceIndex.ts) and arrives with the result,
 * so a large trace costs the main thread nothing to prepare.
 */
export {
  type AgentMark,
  crashedAt,
  cursorAtTime,
  cutLinks,
  forEachInFlight,
  marksAt,
  partitionAt,
  type TraceIndex,
} from '../worker/traceIndex';
