import { describe, expect, it } from 'vitest';
import {
  addAgent,
  materialise,
  moveAgent,
  removeAgents,
  toggleLink,
  updateAgents,
} from '../../src/store/scenarioEdits';
import { DEFAULT_SCENARIO, type ScenarioDraft } from '../../src/store/scenarioSlice';
import type { DrawnTopology } from '../../src/worker/protocol';

/** A ring of three as the worker would describe it. */
const topology: DrawnTopology = {
  agents: ['agent-1', 'agent-2', 'agent-3'].map((id) => ({
    id,
    label: id,
    weight: 1,
    capabilities: [],
    behaviour: 'honest',
    policy: { kind: 'fixed', vote: 'for' },
  })),
  links: [
    [0, 1],
    [1, 2],
    [0, 2],
  ],
  connected: true,
  positions: Float64Array.of(0, 0, 10, 0, 5, 8.66),
  warnings: [],
};
const ring: ScenarioDraft = { ...DEFAULT_SCENARIO, topology: { agentCount: 3, builder: { kind: 'ring' } } };

describe('scenario edits', () => {
  it('materialise writes out the drawn swarm: agents pinned where they are drawn, links explicit, builder custom', () => {
    const m = materialise(ring, topology);
    expect(m.topology.builder).toEqual({ kind: 'custom' });
    expect(m.topology.agents?.map((a) => a.position)).toEqual([
      { x: 0, y: 0 },
      { x: 10, y: 0 },
      { x: 5, y: 8.7 },
    ]);
    expect(m.topology.links).toEqual([
      ['agent-1', 'agent-2'],
      ['agent-2', 'agent-3'],
      ['agent-1', 'agent-3'],
    ]);
    expect(materialise(m, topology)).toBe(m);
  });

  it('adds an agent with the first free id, where it was placed', () => {
    const [next, id] = addAgent(ring, topology, { x: 3.04159, y: -2 });
    expect(id).toBe('agent-4');
    expect(next.topology.agents?.at(-1)).toEqual({ id: 'agent-4', position: { x: 3, y: -2 } });
  });

  it('removes agents with their links and the faults that name them', () => {
    const withFault = { ...ring, network: { ...ring.network, faults: [{ kind: 'crash', atMs: 0, agent: 'agent-2' }] } };
    const next = removeAgents(withFault, topology, ['agent-2']);
    expect(next.topology.agents?.map((a) => a.id)).toEqual(['agent-1', 'agent-3']);
    expect(next.topology.links).toEqual([['agent-1', 'agent-3']]);
    expect(next.network.faults).toEqual([]);
  });

  it('toggles a link both ways and ignores self-links', () => {
    const m = materialise(ring, topology);
    const cut = toggleLink(m, topology, 'agent-3', 'agent-1');
    expect(cut.topology.links).toHaveLength(2);
    expect(toggleLink(cut, topology, 'agent-1', 'agent-3').topology.links).toHaveLength(3);
    expect(toggleLink(m, topology, 'agent-1', 'agent-1')).toBe(m);
  });

  it('updates fields without touching the topology builder, and moves pin a position', () => {
    const malicious = updateAgents(ring, topology, ['agent-2'], { behaviour: 'equivocate' });
    expect(malicious.topology.builder).toEqual({ kind: 'ring' });
    expect(malicious.topology.agents?.[1].behaviour).toBe('equivocate');
    expect(malicious.topology.agentCount).toBeUndefined();
    const moved = moveAgent(ring, topology, 'agent-1', { x: 100, y: 50 });
    expect(moved.topology.agents?.[0].position).toEqual({ x: 100, y: 50 });
  });

  it('never mutates the draft it is given', () => {
    const frozen = structuredClone(ring);
    Object.freeze(frozen.topology);
    expect(() => removeAgents(frozen, topology, ['agent-1'])).not.toThrow();
    expect(frozen).toEqual(ring);
  });
});
