/**
 * Happened-before over a space-time model's clocks. An event's own entry is
 * its position on its agent, so `d → s` exactly when d's own entry is at most
 * s's entry for d's agent: one comparison per pair, no graph search.
 */
import { compareEntries, compareVectorClocks, type SpaceTimeModel } from '../../worker/protocol';

export type Relation = 'self' | 'past' | 'future' | 'concurrent';

export function clockOf(m: SpaceTimeModel, d: number): number[] {
  const n = m.agentIds.length;
  return m.clocks.slice(d * n, d * n + n);
}

function own(m: SpaceTimeModel, d: number): number {
  return m.clocks[d * m.agentIds.length + m.agent[d]];
}

/** How dot `d` relates to the selected dot `s`. */
export function relationTo(m: SpaceTimeModel, s: number, d: number): Relation {
  if (d === s) return 'self';
  const n = m.agentIds.length;
  if (own(m, d) <= m.clocks[s * n + m.agent[d]]) return 'past';
  if (own(m, s) <= m.clocks[d * n + m.agent[s]]) return 'future';
  return 'concurrent';
}

/** A dot's clock as the engine writes clocks (agent id → entry). */
const asClock = (ids: readonly string[], clock: readonly number[]) =>
  Object.fromEntries(ids.map((id, i) => [id, clock[i] ?? 0]));

/** Two clocks entry by entry, and the order they stand in: the engine's own comparison. */
export function compareClocks(ids: readonly string[], a: readonly number[], b: readonly number[]) {
  const left = asClock(ids, a);
  const right = asClock(ids, b);
  return { entries: compareEntries(left, right), order: compareVectorClocks(left, right) };
}

export function formatVector(ids: readonly string[], clock: readonly number[]): string {
  return `{${ids.map((id, i) => `${id}:${clock[i]}`).join(', ')}}`;
}
