/**
 * The aggregate field: a well-mixed rumor run of up to millions of agents drawn one pixel per
 * agent, lit as the run informs them. The aggregate engine counts informed agents per round; it
 * does not say which agents (it traces no per-agent events above a few thousand), so the cells
 * light in a fixed, seeded order: the field shows how many, never who. The caption says so.
 */

/** Columns and rows of a grid holding `agents` cells, about as wide as `aspect` (width / height) asks. */
export function fieldGrid(agents: number, aspect: number): { cols: number; rows: number } {
  const n = Math.max(1, agents);
  const cols = Math.max(1, Math.min(n, Math.round(Math.sqrt(n * Math.max(0.1, aspect)))));
  return { cols, rows: Math.ceil(n / cols) };
}

/**
 * A permutation of 0 … agents − 1 from `seed` (Fisher–Yates on a small 32-bit generator): cell
 * `order[k]` is the k-th to light. The same seed gives the same field in every browser.
 * @example fieldOrder(5, 1) // a permutation of [0, 1, 2, 3, 4]
 */
export function fieldOrder(agents: number, seed: number): Uint32Array {
  const order = new Uint32Array(agents);
  for (let i = 0; i < agents; i++) order[i] = i;
  let s = seed >>> 0 || 0x9e3779b9;
  const next = () => {
    // mulberry32: plenty for shuffling pixels, and not the engine's generator (this is drawing only).
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = agents - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    const tmp = order[i];
    order[i] = order[j];
    order[j] = tmp;
  }
  return order;
}

let lastOrder: { agents: number; seed: number; order: Uint32Array } | null = null;

/** `fieldOrder`, kept for the last population and seed asked (the stage's field and the Spread panel's share it). */
export function sharedFieldOrder(agents: number, seed: number): Uint32Array {
  if (!lastOrder || lastOrder.agents !== agents || lastOrder.seed !== seed)
    lastOrder = { agents, seed, order: fieldOrder(agents, seed) };
  return lastOrder.order;
}

/**
 * How many agents are lit after event `cursor`: the count the run reached at the last round that
 * ended by then (each round's end is a `roundEnd` event), the same count the curve, the narration
 * and the playback bar show for that round.
 * @example informedAtCursor([1, 3, 9], [4, 10], 5) // 3: one round has ended
 */
export function informedAtCursor(
  informedPerRound: readonly number[],
  roundEnds: readonly number[],
  cursor: number,
): number {
  if (informedPerRound.length === 0) return 0;
  return informedPerRound[Math.min(roundsEndedBy(roundEnds, cursor), informedPerRound.length - 1)];
}

/** How many rounds have ended at or before event `cursor`. */
export function roundsEndedBy(roundEnds: readonly number[], cursor: number): number {
  let lo = 0;
  let hi = roundEnds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (roundEnds[mid] <= cursor) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Lights or darkens cells so that exactly the first `count` of `order` are lit, touching only the
 * cells between the previous count and this one. `pixels` holds one RGBA word per cell.
 * Returns the new count.
 */
export function lightField(
  pixels: Uint32Array,
  order: Uint32Array,
  litBefore: number,
  count: number,
  on: number,
  off: number,
): number {
  const target = Math.max(0, Math.min(count, order.length));
  for (let k = litBefore; k < target; k++) pixels[order[k]] = on;
  for (let k = target; k < litBefore; k++) pixels[order[k]] = off;
  return target;
}

/** An `#rrggbb` colour as one little-endian RGBA word (what a Uint32Array view of ImageData holds). */
export function rgbaWord(hex: string): number {
  const v = Number.parseInt(hex.slice(1), 16);
  return ((0xff << 24) | ((v & 0xff) << 16) | (v & 0xff00) | ((v >> 16) & 0xff)) >>> 0;
}
