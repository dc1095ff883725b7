import { useStore } from '../../store/index';
import { type AgentMark, crashedAt, forEachInFlight, marksAt, partitionAt } from '../../store/traceIndex';
import type { PartitionDescription } from '../../worker/protocol';

/** What the stage draws at the player's current moment. */
export interface Frame {
  marks: AgentMark[] | null;
  crashed: boolean[] | null;
  /** The network's partitions in force, if any (links across them are drawn cut). */
  partition: PartitionDescription | null;
  /** Messages in flight: from, to, progress in [0, 1], delivered (else lost in flight). */
  flights: { from: number; to: number; progress: number; delivered: boolean }[];
}

/** Maximum dots drawn per frame; a denser moment shows the first ones (the count is in the caption). */
export const MAX_DOTS = 4000;

export function currentFrame(agentCount: number): Frame {
  const { traceIndex, cursor, playTime, summary } = useStore.getState();
  if (!traceIndex || !summary || summary.agents !== agentCount)
    return { marks: null, crashed: null, partition: null, flights: [] };
  const flights: Frame['flights'] = [];
  forEachInFlight(traceIndex, playTime, (from, to, progress, delivered) => {
    if (flights.length < MAX_DOTS) flights.push({ from, to, progress, delivered });
  });
  return {
    marks: marksAt(traceIndex, cursor),
    crashed: crashedAt(traceIndex, cursor),
    partition: partitionAt(traceIndex, cursor),
    flights,
  };
}

/** Calls `draw` whenever the player's moment or the trace changes; returns the unsubscribe function. */
export function onFrameChange(draw: () => void): () => void {
  return useStore.subscribe((s, prev) => {
    if (s.cursor !== prev.cursor || s.playTime !== prev.playTime || s.traceIndex !== prev.traceIndex) draw();
  });
}
