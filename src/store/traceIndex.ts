/**
 * The player's queries over a run's trace index. The index itself is built in
 * the worker with the run (src/worker/traceIndex.ts) and arrives with the result,
 * so a large trace costs the main thread nothing to prepare. The glyph model
 * (src/worker/glyphFrame.ts) is what every agent shows at the cursor.
 */
export {
  FLIGHT_KIND_LABEL,
  FLIGHT_KINDS,
  type FlightKind,
} from '../worker/flightKinds';
export {
  emptyGlyphFrame,
  type GlyphFrame,
  glyphChangesBetween,
  glyphsAt,
  glyphsChangeBetween,
  PHASES,
  type RunVocabulary,
  runVocabulary,
} from '../worker/glyphFrame';
export {
  AGENT_MARKS,
  type AgentMark,
  crashedAt,
  cursorAtTime,
  cutLinks,
  DECISION_CODES,
  forEachInFlight,
  marksAt,
  partitionAt,
  type TraceIndex,
  VOTE_CODES,
} from '../worker/traceIndex';
