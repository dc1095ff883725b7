import { useStore } from '../../store/index';
import { forEachInFlight, type GlyphFrame, glyphsAt, partitionAt, type TraceIndex } from '../../store/traceIndex';
import type { PartitionDescription } from '../../worker/protocol';

/** Messages in flight, as parallel arrays reused from frame to frame (no objects per dot). */
export interface Flights {
  count: number;
  from: Int32Array;
  to: Int32Array;
  /** Share of the way done, in [0, 1]. */
  progress: Float32Array;
  /** 1: delivered; 0: lost on the way. */
  delivered: Uint8Array;
  /** What it carries: a code into FLIGHT_KINDS. */
  kind: Uint8Array;
}

/** What the stage draws at the player's current moment. */
export interface Frame {
  /** Every agent's glyph (state, vote, decision, round, phases); null with no run of this swarm. */
  glyphs: GlyphFrame | null;
  /** The network's partitions in force, if any (links across them are drawn cut, groups tinted). */
  partition: PartitionDescription | null;
  flights: Flights;
}

/** Maximum dots drawn per frame; a denser moment shows the first ones. */
export const MAX_DOTS = 4000;

const flights: Flights = {
  count: 0,
  from: new Int32Array(MAX_DOTS),
  to: new Int32Array(MAX_DOTS),
  progress: new Float32Array(MAX_DOTS),
  delivered: new Uint8Array(MAX_DOTS),
  kind: new Uint8Array(MAX_DOTS),
};
const NOTHING: Frame = { glyphs: null, partition: null, flights: { ...flights, count: 0 } };

/** The last frame computed, shared by everyone who draws the same moment (the glyphs are the costly part). */
let last: { index: TraceIndex; cursor: number; playTime: number; frame: Frame } | null = null;
let spare: GlyphFrame | undefined;

export function currentFrame(agentCount: number): Frame {
  const { traceIndex, cursor, playTime, summary } = useStore.getState();
  if (!traceIndex || !summary || summary.agents !== agentCount || traceIndex.agentCount !== agentCount) return NOTHING;
  if (last && last.index === traceIndex && last.cursor === cursor && last.playTime === playTime) return last.frame;
  let glyphs: GlyphFrame;
  if (last && last.index === traceIndex && last.cursor === cursor) glyphs = last.frame.glyphs as GlyphFrame;
  else {
    // Two frames' arrays alternate, so the previous frame stays intact for whoever still holds it.
    glyphs = glyphsAt(traceIndex, cursor, spare);
    spare = last?.frame.glyphs ?? undefined;
  }
  flights.count = 0;
  forEachInFlight(traceIndex, playTime, (from, to, progress, delivered, kind) => {
    const k = flights.count;
    if (k >= MAX_DOTS) return;
    flights.from[k] = from;
    flights.to[k] = to;
    flights.progress[k] = progress;
    flights.delivered[k] = delivered ? 1 : 0;
    flights.kind[k] = kind;
    flights.count = k + 1;
  });
  const frame: Frame = { glyphs, partition: partitionAt(traceIndex, cursor), flights };
  last = { index: traceIndex, cursor, playTime, frame };
  return frame;
}

/** Calls `draw` whenever the player's moment or the trace changes; returns the unsubscribe function. */
export function onFrameChange(draw: () => void): () => void {
  return useStore.subscribe((s, prev) => {
    if (s.cursor !== prev.cursor || s.playTime !== prev.playTime || s.traceIndex !== prev.traceIndex) draw();
  });
}
