import { check, checkLimit } from './errors';
import { MAX_LINKS } from './limits';
import type { Prng } from './prng';

/** How to wire a swarm. Every builder is deterministic given the run's PRNG. */
export type TopologyBuilder =
  | { kind: 'mesh' }
  | { kind: 'partial-mesh'; k: number }
  | { kind: 'ring' }
  | { kind: 'star'; hub?: number }
  | { kind: 'hierarchical'; branching: number }
  | { kind: 'small-world'; k: number; beta: number }
  | { kind: 'random'; p: number }
  | { kind: 'custom' };

export type TopologyKind = TopologyBuilder['kind'];
export const TOPOLOGY_KINDS: readonly TopologyKind[] = [
  'mesh',
  'partial-mesh',
  'ring',
  'star',
  'hierarchical',
  'small-world',
  'random',
  'custom',
];

/** An undirected link as a pair of agent indices, smaller first. */
export type Link = [number, number];

/**
 * The links of `builder` over agents 0..n−1: no self-links, no duplicates,
 * each pair smaller index first, in a deterministic order.
 * @example buildLinks({ kind: 'ring' }, 4, rng) // [[0,1],[1,2],[2,3],[0,3]]
 */
export function buildLinks(builder: TopologyBuilder, n: number, rng: Prng): Link[] {
  check(Number.isInteger(n) && n >= 0, 'agentCount', 'must be a whole number ≥ 0');
  switch (builder.kind) {
    case 'mesh':
      checkLimit('MAX_LINKS', MAX_LINKS, (n * (n - 1)) / 2);
      return meshLinks(n);
    case 'partial-mesh':
      return regularLinks(n, builder.k, rng);
    case 'ring':
      return ringLinks(n);
    case 'star':
      return starLinks(n, builder.hub ?? 0);
    case 'hierarchical':
      return treeLinks(n, builder.branching);
    case 'small-world':
      return smallWorldLinks(n, builder.k, builder.beta, rng);
    case 'random':
      return randomLinks(n, builder.p, rng);
    case 'custom':
      return [];
  }
}

const pair = (a: number, b: number): Link => (a < b ? [a, b] : [b, a]);

function meshLinks(n: number): Link[] {
  const links: Link[] = [];
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) links.push([a, b]);
  return links;
}

function ringLinks(n: number): Link[] {
  if (n < 2) return [];
  if (n === 2) return [[0, 1]];
  const links: Link[] = [];
  for (let i = 0; i < n; i++) links.push(pair(i, (i + 1) % n));
  return links;
}

function starLinks(n: number, hub: number): Link[] {
  check(
    Number.isInteger(hub) && hub >= 0 && (hub < n || n === 0),
    'topology.builder.hub',
    `must be an agent (0..${n - 1})`,
  );
  const links: Link[] = [];
  for (let i = 0; i < n; i++) if (i !== hub) links.push(pair(hub, i));
  return links;
}

function treeLinks(n: number, branching: number): Link[] {
  check(Number.isInteger(branching) && branching >= 1, 'topology.builder.branching', 'must be a whole number ≥ 1');
  const links: Link[] = [];
  for (let i = 1; i < n; i++) links.push([Math.floor((i - 1) / branching), i]);
  return links;
}

/** Each agent linked to its ⌊k/2⌋ successors on a ring, plus the opposite agent when k is odd. */
function latticeLinks(n: number, k: number): Link[] {
  const links: Link[] = [];
  const half = Math.floor(k / 2);
  for (let i = 0; i < n; i++) for (let j = 1; j <= half; j++) links.push(pair(i, (i + j) % n));
  if (k % 2 === 1) for (let i = 0; i < Math.floor(n / 2); i++) links.push(pair(i, i + Math.floor(n / 2)));
  return links;
}

/**
 * A random k-regular graph: a ring lattice of degree k randomised by
 * degree-preserving double-edge swaps. When n·k is odd one agent has degree k−1
 * (a k-regular graph does not exist then); k ≥ n−1 gives the full mesh.
 */
function regularLinks(n: number, k: number, rng: Prng): Link[] {
  check(Number.isInteger(k) && k >= 1, 'topology.builder.k', 'must be a whole number ≥ 1');
  if (k >= n - 1) return buildLinks({ kind: 'mesh' }, n, rng);
  checkLimit('MAX_LINKS', MAX_LINKS, Math.ceil((n * k) / 2));
  const links = latticeLinks(n, k);
  const key = (a: number, b: number) => (a < b ? a * n + b : b * n + a);
  const present = new Set(links.map(([a, b]) => key(a, b)));
  const swaps = links.length * 10;
  for (let s = 0; s < swaps; s++) {
    const i = rng.int(links.length);
    const j = rng.int(links.length);
    const [a, b] = links[i];
    const [c, d] = rng.chance(0.5) ? links[j] : [links[j][1], links[j][0]];
    if (a === c || a === d || b === c || b === d) continue;
    if (present.has(key(a, d)) || present.has(key(c, b))) continue;
    present.delete(key(a, b));
    present.delete(key(c, d));
    present.add(key(a, d));
    present.add(key(c, b));
    links[i] = pair(a, d);
    links[j] = pair(c, b);
  }
  return links;
}

/** Watts–Strogatz: a ring lattice of even degree k, each link's far end rewired with probability beta. */
function smallWorldLinks(n: number, k: number, beta: number, rng: Prng): Link[] {
  check(Number.isInteger(k) && k >= 2 && k % 2 === 0, 'topology.builder.k', 'must be an even whole number ≥ 2');
  check(beta >= 0 && beta <= 1, 'topology.builder.beta', 'must be between 0 and 1');
  if (k >= n - 1) return buildLinks({ kind: 'mesh' }, n, rng);
  checkLimit('MAX_LINKS', MAX_LINKS, (n * k) / 2);
  const key = (a: number, b: number) => (a < b ? a * n + b : b * n + a);
  const links = latticeLinks(n, k);
  const present = new Set(links.map(([a, b]) => key(a, b)));
  // latticeLinks lists agent i's links to i+1..i+k/2 at i·k/2…: i keeps its end and the far end moves.
  // (Taking the smaller index as the kept end moved the near end of wrap-around links such as
  // n−1 → 0, so the last agents could lose every link.)
  const half = k / 2;
  for (let i = 0; i < links.length; i++) {
    if (!rng.chance(beta)) continue;
    const a = Math.floor(i / half);
    const b = links[i][0] === a ? links[i][1] : links[i][0];
    const target = rng.int(n);
    if (target === a || present.has(key(a, target))) continue;
    present.delete(key(a, b));
    present.add(key(a, target));
    links[i] = pair(a, target);
  }
  return links;
}

/** Erdős–Rényi G(n, p) by geometric skipping (Batagelj–Brandes), O(n + links). */
function randomLinks(n: number, p: number, rng: Prng): Link[] {
  check(p >= 0 && p <= 1, 'topology.builder.p', 'must be between 0 and 1');
  checkLimit('MAX_LINKS', MAX_LINKS, Math.round((p * n * (n - 1)) / 2));
  if (p === 0 || n < 2) return [];
  if (p === 1) return meshLinks(n);
  const links: Link[] = [];
  const logQ = Math.log(1 - p);
  let v = 1;
  let w = -1;
  while (v < n) {
    w += 1 + Math.floor(Math.log(1 - rng.float()) / logQ);
    while (w >= v && v < n) {
      w -= v;
      v++;
    }
    if (v < n) links.push([w, v]);
  }
  checkLimit('MAX_LINKS', MAX_LINKS, links.length);
  return links;
}
