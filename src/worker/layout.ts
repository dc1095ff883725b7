/**
 * Layout of a swarm, computed off the main thread at every edit. d3-force's
 * simulation is ticked by hand to rest (it seeds its own jiggle, so the same
 * swarm always lands in the same place); pinned agents keep their positions.
 * Its cost grows with ticks × (agents · log agents + links), so a big swarm gets
 * fewer ticks (cooling faster), and one too big for even a few gets a
 * deterministic spiral (phyllotaxis) in O(agents) with a note saying so: an
 * edit of a 100,000-agent swarm costs milliseconds, not minutes.
 */
import {
  forceCenter,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type SimulationNodeDatum,
} from 'd3-force';
import type { Warning } from './protocol';

export interface LayoutInput {
  agents: { position?: { x: number; y: number } }[];
  links: [number, number][];
}

export interface Layout {
  /** x, y interleaved, centred on (0, 0), roughly 30 px between neighbours. */
  positions: Float64Array;
  /** Set when the swarm was too big for the force simulation. */
  note?: Warning;
}

interface Node extends SimulationNodeDatum {
  index: number;
}

/**
 * Work units of the force simulation per edit: ticks × (agents · log₂ agents +
 * links ÷ 5), a link costing about a fifth of a charge. 1.6 M units take a few
 * tenths of a second; a 500-agent swarm keeps all its 300 ticks.
 */
export const FORCE_LAYOUT_WORK_MAX = 1_600_000;
/** Fewer ticks than this do not untangle anything: the spiral is used instead. */
export const MIN_FORCE_TICKS = 20;

/** Ticks the force layout gets for this swarm (0: too big, use the spiral). */
export function forceTicks(agents: number, links: number): number {
  const wanted = agents > 2000 ? 60 : agents > 500 ? 150 : 300;
  const perTick = agents * Math.log2(Math.max(2, agents)) + links / 5;
  const ticks = Math.min(wanted, Math.floor(FORCE_LAYOUT_WORK_MAX / Math.max(1, perTick)));
  return ticks >= MIN_FORCE_TICKS ? ticks : 0;
}

/** Positions of the swarm (see `Layout`), with a note when it was laid out without the force simulation. */
export function layoutSwarmWithNote(input: LayoutInput): Layout {
  const ticks = forceTicks(input.agents.length, input.links.length);
  if (ticks > 0) return { positions: forceLayout(input, ticks) };
  const fmt = (x: number) => x.toLocaleString('en-US');
  return {
    positions: spiralLayout(input),
    note: {
      field: 'topology',
      message: `Laid out on a spiral without the force simulation: ${fmt(input.agents.length)} agents and ${fmt(input.links.length)} links are too many to lay out at every edit.`,
    },
  };
}

/** Positions only (x, y interleaved). */
export function layoutSwarm(input: LayoutInput): Float64Array {
  return layoutSwarmWithNote(input).positions;
}

function forceLayout({ agents, links }: LayoutInput, ticks: number): Float64Array {
  const n = agents.length;
  const nodes: Node[] = agents.map((a, index) =>
    a.position ? { index, x: a.position.x, y: a.position.y, fx: a.position.x, fy: a.position.y } : { index },
  );
  const sim = forceSimulation(nodes)
    .force(
      'charge',
      forceManyBody()
        .strength(n > 1000 ? -10 : -60)
        .theta(0.9),
    )
    .force(
      'link',
      forceLink(links.map(([source, target]) => ({ source, target })))
        .distance(30)
        .strength(0.4),
    )
    .force('x', forceX(0).strength(0.05))
    .force('y', forceY(0).strength(0.05))
    .force('center', forceCenter(0, 0))
    .stop();
  // Cool down within the ticks given (with 300, d3's own default decay).
  sim.alphaDecay(1 - sim.alphaMin() ** (1 / ticks));
  for (let i = 0; i < ticks && sim.alpha() > sim.alphaMin(); i++) sim.tick();
  const out = new Float64Array(2 * n);
  nodes.forEach((node, i) => {
    out[2 * i] = node.x ?? 0;
    out[2 * i + 1] = node.y ?? 0;
  });
  return out;
}

/** Golden angle, radians: successive points of the spiral never line up. */
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
/** Spiral scale: neighbours on the spiral end up about 30 px apart. */
const SPIRAL_SPACING = 17;

/** Agent i at radius c·√i and angle i·golden angle (Vogel's sunflower); pinned agents stay where they are. */
function spiralLayout({ agents }: LayoutInput): Float64Array {
  const out = new Float64Array(2 * agents.length);
  agents.forEach((a, i) => {
    const r = SPIRAL_SPACING * Math.sqrt(i + 0.5);
    out[2 * i] = a.position ? a.position.x : r * Math.cos(i * GOLDEN_ANGLE);
    out[2 * i + 1] = a.position ? a.position.y : r * Math.sin(i * GOLDEN_ANGLE);
  });
  return out;
}
