import { extent } from 'd3-array';
import { useMemo } from 'react';
import { useStore } from '../../store/index';

const MARGIN = 24;

/** The swarm drawn as SVG: the worker computed the layout, React renders it. */
export function TopologyView() {
  const topology = useStore((s) => s.topology);
  const pending = useStore((s) => s.topologyPending);
  const box = useMemo(() => {
    if (!topology || topology.agents.length === 0) return '-100 -100 200 200';
    const xs = topology.positions.filter((_, i) => i % 2 === 0);
    const ys = topology.positions.filter((_, i) => i % 2 === 1);
    const [x0 = 0, x1 = 0] = extent(xs);
    const [y0 = 0, y1 = 0] = extent(ys);
    return `${x0 - MARGIN} ${y0 - MARGIN} ${x1 - x0 + 2 * MARGIN} ${y1 - y0 + 2 * MARGIN}`;
  }, [topology]);

  if (!topology) return <p className="hint centre">{pending ? 'Building the swarm…' : 'No swarm yet.'}</p>;
  const p = topology.positions;
  const n = topology.agents.length;
  const r = n > 1000 ? 2 : n > 200 ? 4 : 8;
  return (
    <figure className="topology">
      <svg
        viewBox={box}
        role="img"
        aria-label={`Swarm of ${n} agents and ${topology.links.length} links${topology.connected ? '' : ' (not connected)'}`}
        data-testid="topology-svg"
      >
        <g className="links">
          {topology.links.map(([a, b]) => (
            <line key={`${a}-${b}`} x1={p[2 * a]} y1={p[2 * a + 1]} x2={p[2 * b]} y2={p[2 * b + 1]} />
          ))}
        </g>
        <g className="agents">
          {topology.agents.map((agent, i) => (
            <circle key={agent.id} cx={p[2 * i]} cy={p[2 * i + 1]} r={r} className={`agent ${agent.behaviour}`}>
              <title>{agent.label}</title>
            </circle>
          ))}
        </g>
      </svg>
      <figcaption>
        {n.toLocaleString('en-US')} agents, {topology.links.length.toLocaleString('en-US')} links
        {topology.connected ? '' : ' — not connected: some agents cannot be reached'}
      </figcaption>
    </figure>
  );
}
