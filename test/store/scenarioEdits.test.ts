import { beforeEach, describe, expect, it } from 'vitest';
import { changeAgentCount, changeBuilder } from '../../src/store/editing';
import { useStore } from '../../src/store/index';
import {
  addAgent,
  drawnFor,
  faultsWithout,
  materialise,
  moveAgent,
  removeAgents,
  resizeSwarm,
  switchBuilder,
  toggleLink,
  updateAgents,
} from '../../src/store/scenarioEdits';
import { DEFAULT_SCENARIO, type ScenarioDraft } from '../../src/store/scenarioSlice';
import { runsApi } from '../../src/worker/api/runs';
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

/** The swarm as the worker draws it, for real (build + layout), as the store would hold it. */
function drawn(draft: ScenarioDraft): DrawnTopology {
  const out = runsApi.describe(draft);
  if (!out.ok) throw new Error(JSON.stringify(out.issues));
  return out.topology;
}

const ring8: ScenarioDraft = { ...DEFAULT_SCENARIO, topology: { agentCount: 8, builder: { kind: 'ring' } } };
/** A ring of 8 where agent-2 and agent-7 lie and agent-3 weighs 3. */
const liars = (() => {
  const t = drawn(ring8);
  let d = updateAgents(ring8, t, ['agent-2', 'agent-7'], { behaviour: 'equivocate' });
  d = updateAgents(d, t, ['agent-3'], { weight: 3, label: 'Expert' });
  return d;
})();
const behaviours = (d: ScenarioDraft) => d.topology.agents?.map((a) => a.behaviour ?? 'honest');

describe('a count change keeps what the user made', () => {
  it('growing keeps every agent as it was and adds default agents', () => {
    const next = resizeSwarm(liars, drawn(liars), 12);
    expect(next.topology.builder).toEqual({ kind: 'ring' });
    expect(next.topology.agents).toHaveLength(12);
    expect(next.topology.agents?.slice(0, 8)).toEqual(liars.topology.agents);
    expect(next.topology.agents?.slice(8)).toEqual(
      ['agent-9', 'agent-10', 'agent-11', 'agent-12'].map((id) => ({ id })),
    );
    expect(
      drawn(next)
        .agents.filter((a) => a.behaviour === 'equivocate')
        .map((a) => a.id),
    ).toEqual(['agent-2', 'agent-7']);
  });

  it('shrinking keeps the agents that remain and drops the faults of those that went', () => {
    const withFaults: ScenarioDraft = {
      ...liars,
      network: {
        ...liars.network,
        faults: [
          { kind: 'crash', atMs: 0, agent: 'agent-6' },
          { kind: 'crash', atMs: 5, agent: 'agent-2' },
          { kind: 'partition', atMs: 10, groups: [['agent-1', 'agent-5'], ['agent-7']] },
        ],
      },
    };
    const next = resizeSwarm(withFaults, drawn(withFaults), 5);
    expect(behaviours(next)).toEqual(['honest', 'equivocate', 'honest', 'honest', 'honest']);
    expect(next.topology.agents?.[2]).toMatchObject({ weight: 3, label: 'Expert' });
    expect(next.network.faults).toEqual([
      { kind: 'crash', atMs: 5, agent: 'agent-2' },
      { kind: 'partition', atMs: 10, groups: [['agent-1', 'agent-5']] },
    ]);
    expect(() => drawn(next)).not.toThrow();
  });

  it('a swarm of default agents stays a plain count, and the same count changes nothing', () => {
    expect(resizeSwarm(ring8, drawn(ring8), 20).topology).toEqual({ agentCount: 20, builder: { kind: 'ring' } });
    expect(resizeSwarm(liars, drawn(liars), 8)).toBe(liars);
  });

  it('in a custom swarm, links among the remaining agents stay and no mesh appears', () => {
    const custom = materialise(ring8, drawn(ring8));
    const smaller = resizeSwarm(custom, drawn(custom), 5);
    expect(smaller.topology.builder).toEqual({ kind: 'custom' });
    expect(smaller.topology.links).toEqual(custom.topology.links?.filter(([a, b]) => a <= 'agent-5' && b <= 'agent-5'));
    expect(drawn(smaller).links).toHaveLength(4); // the ring's path 1–2–3–4–5, not 10 mesh links
    const bigger = resizeSwarm(custom, drawn(custom), 10);
    expect(bigger.topology.links).toEqual(custom.topology.links);
    expect(drawn(bigger).links).toHaveLength(8);
    // New agents are pinned near the swarm, the old ones stay where they were.
    expect(bigger.topology.agents?.slice(0, 8)).toEqual(custom.topology.agents);
    for (const a of bigger.topology.agents?.slice(8) ?? []) expect(a.position).toBeDefined();
  });
});

describe('switching the builder', () => {
  it('"Custom" starts from the links as drawn', () => {
    const t = drawn(liars);
    const custom = switchBuilder(liars, t, { kind: 'custom' });
    expect(custom.topology.builder).toEqual({ kind: 'custom' });
    expect(custom.topology.links).toHaveLength(8);
    expect(drawn(custom).links).toEqual(t.links);
    expect(behaviours(custom)).toEqual(behaviours(liars));
  });

  it('a drawn swarm that is not the draft’s (still being laid out) is never written out as its links', () => {
    const stale = drawn(ring8);
    const twelve = resizeSwarm(ring8, stale, 12);
    expect(drawnFor(twelve, stale)).toBeNull();
    expect(drawnFor(ring8, stale)).toBe(stale);
  });

  it('another builder keeps the agents’ fields, and lays them out anew', () => {
    const custom = moveAgent(liars, drawn(liars), 'agent-1', { x: 500, y: 500 });
    const star = switchBuilder(custom, drawn(custom), { kind: 'star' });
    expect(star.topology.builder).toEqual({ kind: 'star' });
    expect(star.topology.links).toBeUndefined();
    expect(behaviours(star)).toEqual(behaviours(liars));
    expect(star.topology.agents?.every((a) => a.position === undefined)).toBe(true);
    expect(switchBuilder(ring8, drawn(ring8), { kind: 'star' }).topology).toEqual({
      agentCount: 8,
      builder: { kind: 'star' },
    });
  });

  it('faults lose only the agents that went', () => {
    const gone = new Set(['agent-3']);
    expect(
      faultsWithout(
        [
          { kind: 'one-way', atMs: 0, from: ['agent-3'], to: ['agent-1'] },
          { kind: 'one-way', atMs: 0, from: ['agent-2', 'agent-3'], to: ['agent-1'] },
          { kind: 'heal', atMs: 9 },
        ],
        gone,
      ),
    ).toEqual([
      { kind: 'one-way', atMs: 0, from: ['agent-2'], to: ['agent-1'] },
      { kind: 'heal', atMs: 9 },
    ]);
  });
});

describe('count changes from the store', () => {
  const initial = useStore.getState();
  beforeEach(() => useStore.setState(initial, true));

  it('typing 20 over 8 passes through 2 but keeps the behaviours of agents 3 to 8', () => {
    const s = () => useStore.getState();
    s().setScenario(liars);
    useStore.setState({ topology: drawn(liars) });
    changeAgentCount(2);
    useStore.setState({ topology: drawn(s().scenario) });
    changeAgentCount(20);
    expect(s().scenario.topology.agents?.slice(0, 8)).toEqual(liars.topology.agents);
    expect(s().scenario.topology.agents).toHaveLength(20);
    // A different edit ends the row: the next count change starts from what is there.
    changeAgentCount(2);
    s().setSeed(5);
    changeAgentCount(8);
    expect(behaviours(s().scenario)?.slice(2)).toEqual(Array(6).fill('honest'));
  });

  it('switching to Custom from the UI uses the drawn swarm in the store', () => {
    const s = () => useStore.getState();
    s().setScenario(ring8);
    useStore.setState({ topology: drawn(ring8) });
    changeBuilder({ kind: 'custom' });
    expect(s().scenario.topology.links).toHaveLength(8);
    changeAgentCount(10);
    expect(s().scenario.topology.links).toHaveLength(8);
  });
});
