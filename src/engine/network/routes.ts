/**
 * Shortest paths over the swarm's links, so a point-to-point message between
 * agents that are not neighbours travels hop by hop along the topology the user
 * drew — and a message between agents with no path between them goes nowhere.
 */

import { bisectLeft } from '../core/bisect';

/** Parent pointers of breadth-first trees kept at once: their total size is bounded (entries). */
const MAX_TREE_ENTRIES = 1 << 24;

/**
 * Routing over an undirected topology given as sorted neighbour lists. Paths are
 * breadth-first, ties broken by the lower agent index, so a run's routes are a
 * pure function of the topology and of the order in which it asks for them.
 * @example
 * const routes = new Routes([[1], [0, 2], [1]]);
 * routes.path(0, 2) // Int32Array [0, 1, 2]
 */
export class Routes {
  private readonly component: Int32Array;
  /** BFS trees by root: parent[x] is x's next hop towards the root (the root is its own parent). */
  private readonly trees = new Map<number, Int32Array>();
  /** How often each agent was an endpoint: the busier one becomes a tree's root. */
  private readonly uses: Uint32Array;
  private readonly maxTrees: number;

  constructor(private readonly adjacency: readonly (readonly number[])[]) {
    const n = adjacency.length;
    this.component = components(adjacency);
    this.uses = new Uint32Array(n);
    this.maxTrees = Math.max(1, Math.floor(MAX_TREE_ENTRIES / Math.max(1, n)));
  }

  /** Whether `a` and `b` share a link (adjacency lists are sorted). */
  areNeighbours(a: number, b: number): boolean {
    const list = this.adjacency[a];
    const at = bisectLeft(list, b);
    return at < list.length && list[at] === b;
  }

  /** Whether any path of links joins `a` and `b`. */
  connected(a: number, b: number): boolean {
    return this.component[a] === this.component[b];
  }

  /** The agents a message visits from `from` to `to`, both included; null when no path exists. */
  path(from: number, to: number): Int32Array | null {
    if (!this.connected(from, to)) return null;
    this.uses[from]++;
    this.uses[to]++;
    const towardsTo = this.trees.get(to);
    if (towardsTo) return walk(towardsTo, from, to, false);
    const towardsFrom = this.trees.get(from);
    if (towardsFrom) return walk(towardsFrom, to, from, true);
    const root = this.uses[to] >= this.uses[from] ? to : from;
    const tree = this.tree(root);
    return root === to ? walk(tree, from, to, false) : walk(tree, to, from, true);
  }

  private tree(root: number): Int32Array {
    if (this.trees.size >= this.maxTrees) {
      // The oldest tree goes first (Map keeps insertion order): bounded memory on huge sparse swarms.
      const oldest = this.trees.keys().next().value as number;
      this.trees.delete(oldest);
    }
    const parent = bfs(this.adjacency, root);
    this.trees.set(root, parent);
    return parent;
  }
}

/** Follows parent pointers from `start` to the tree's `root`; reversed when the path runs the other way. */
function walk(parent: Int32Array, start: number, root: number, reverse: boolean): Int32Array {
  let length = 1;
  for (let x = start; x !== root; x = parent[x]) length++;
  const out = new Int32Array(length);
  let i = 0;
  for (let x = start; ; x = parent[x]) {
    out[reverse ? length - 1 - i : i] = x;
    i++;
    if (x === root) break;
  }
  return out;
}

function bfs(adjacency: readonly (readonly number[])[], root: number): Int32Array {
  const parent = new Int32Array(adjacency.length).fill(-1);
  const queue = new Int32Array(adjacency.length);
  parent[root] = root;
  queue[0] = root;
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const a = queue[head++];
    for (const b of adjacency[a]) {
      if (parent[b] !== -1) continue;
      parent[b] = a;
      queue[tail++] = b;
    }
  }
  return parent;
}

/** A component label per agent: equal labels ⇔ a path joins them. */
function components(adjacency: readonly (readonly number[])[]): Int32Array {
  const n = adjacency.length;
  const label = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  for (let start = 0; start < n; start++) {
    if (label[start] !== -1) continue;
    label[start] = start;
    stack.push(start);
    while (stack.length > 0) {
      const a = stack.pop() as number;
      for (const b of adjacency[a]) {
        if (label[b] !== -1) continue;
        label[b] = start;
        stack.push(b);
      }
    }
  }
  return label;
}
