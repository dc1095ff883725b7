import { type Quadtree, quadtree } from 'd3-quadtree';
import type { ZoomTransform } from 'd3-zoom';

export interface Point {
  x: number;
  y: number;
}

/** A spatial index over agent positions (x, y interleaved) for hit testing in world coordinates. */
export function agentIndex(positions: Float64Array): Quadtree<number> {
  const n = positions.length / 2;
  return quadtree<number>()
    .x((i) => positions[2 * i])
    .y((i) => positions[2 * i + 1])
    .addAll(Array.from({ length: n }, (_, i) => i));
}

/** The agent under a world point within `radius`, or −1. */
export function hitAgent(tree: Quadtree<number>, p: Point, radius: number): number {
  return tree.find(p.x, p.y, radius) ?? -1;
}

/** The zoom transform that fits all positions into a width × height box with a margin. */
export function fitTransform(
  positions: Float64Array,
  width: number,
  height: number,
  margin = 40,
): { k: number; x: number; y: number } {
  if (positions.length === 0) return { k: 1, x: width / 2, y: height / 2 };
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < positions.length; i += 2) {
    x0 = Math.min(x0, positions[i]);
    x1 = Math.max(x1, positions[i]);
    y0 = Math.min(y0, positions[i + 1]);
    y1 = Math.max(y1, positions[i + 1]);
  }
  const k = Math.min(10, (width - 2 * margin) / Math.max(1, x1 - x0), (height - 2 * margin) / Math.max(1, y1 - y0));
  return { k, x: width / 2 - (k * (x0 + x1)) / 2, y: height / 2 - (k * (y0 + y1)) / 2 };
}

export function toWorld(t: ZoomTransform | { k: number; x: number; y: number }, screen: Point): Point {
  return { x: (screen.x - t.x) / t.k, y: (screen.y - t.y) / t.k };
}

/** The radius lives with the glyph geometry (exported pictures share it). */
export { agentRadius } from '../../store/stage/glyphShapes';
