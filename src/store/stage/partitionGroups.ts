import { polygonHull } from 'd3-polygon';
import type { PartitionDescription } from '../../worker/protocol';

/**
 * Each agent's side of a partition: its group's position in `p.groups`, or `p.groups.length`
 * for agents named in no group (they can still reach one another: one more group). Null when
 * the partition has no groups (only one-way cuts: those are drawn as cut links alone).
 */
export function partitionGroupOf(p: PartitionDescription | null, agentCount: number): Int32Array | null {
  if (!p || p.groups.length === 0) return null;
  const group = new Int32Array(agentCount).fill(p.groups.length);
  p.groups.forEach((members, g) => {
    for (const a of members) if (a >= 0 && a < agentCount) group[a] = g;
  });
  return group;
}

/**
 * The outline of each group around its members' positions (world coordinates), as an SVG path:
 * the convex hull, or the segment or point for groups of one or two, to be stroked wide with
 * round joins so it pads every member. Empty groups have no outline.
 * @example groupOutlines(Int32Array.of(0, 0, 1), Float64Array.of(0, 0, 10, 0, 50, 50))
 * // [{ group: 0, d: 'M0,0L10,0Z' }, { group: 1, d: 'M50,50L50,50Z' }]
 */
export function groupOutlines(groupOf: Int32Array, positions: Float64Array): { group: number; d: string }[] {
  const points = new Map<number, [number, number][]>();
  for (let a = 0; a < groupOf.length; a++) {
    let list = points.get(groupOf[a]);
    if (!list) points.set(groupOf[a], (list = []));
    list.push([positions[2 * a], positions[2 * a + 1]]);
  }
  return [...points.keys()]
    .sort((a, b) => a - b)
    .map((group) => {
      const pts = points.get(group) as [number, number][];
      const hull = pts.length >= 3 ? polygonHull(pts) : null;
      const ring = hull ?? (pts.length === 1 ? [pts[0], pts[0]] : pts.slice(0, 2));
      const xy = ring.map(([x, y]) => `${+x.toFixed(1)},${+y.toFixed(1)}`);
      return { group, d: `M${xy.join('L')}Z` };
    });
}
