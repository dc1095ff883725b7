/**
 * Force-directed layout of a swarm, computed off the main thread. d3-force's
 * simulation is ticked by hand to rest (it seeds its own jiggle, so the same
 * swarm always lands in the same place); pinned agents keep their positions.
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

export interface LayoutInput {
  agents: { position?: { x: number; y: number } }[];
  links: [number, number][];
}

interface Node extends SimulationNodeDatum {
  index: number;
}

/** Positions (x, y interleaved) centred on (0, 0), roughly 30 px between neighbours. */
export function layoutSwarm({ agents, links }: LayoutInput): Float64Array {
  const n = agents.length;
  const nodes: Node[] = agents.map((a, index) =>
    a.position ? { index, x: a.position.x, y: a.position.y, fx: a.position.x, fy: a.position.y } : { index },
  );
  const ticks = n > 2000 ? 60 : n > 500 ? 150 : 300;
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
  for (let i = 0; i < ticks && sim.alpha() > sim.alphaMin(); i++) sim.tick();
  const out = new Float64Array(2 * n);
  nodes.forEach((node, i) => {
    out[2 * i] = node.x ?? 0;
    out[2 * i + 1] = node.y ?? 0;
  });
  return out;
}
