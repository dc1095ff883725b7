import { describe, expect, it } from 'vitest';
import { LimitError, ValidationError } from '../../../src/engine/core/errors';
import { MAX_AGENTS, MAX_LINKS } from '../../../src/engine/core/limits';
import { Prng } from '../../../src/engine/core/prng';
import { makeAgent, SwarmCoordinator } from '../../../src/engine/core/swarmCoordinator';
import { DEFAULT_NETWORK } from '../../../src/engine/network/faults';
import { Network } from '../../../src/engine/network/network';
import { decodeAll, Trace } from '../../../src/engine/trace/trace';

function ring(n: number): SwarmCoordinator {
  return SwarmCoordinator.fromTopology({ kind: 'ring' }, n, new Prng(1));
}

function attached(s: SwarmCoordinator): { net: Network; got: [number, number, string, unknown][] } {
  const net = new Network(s.size, { ...DEFAULT_NETWORK, latencyMsMin: 5, latencyMsMax: 5 }, new Prng(7), new Trace());
  const got: [number, number, string, unknown][] = [];
  net.handlers = { deliver: (to, from, tag, payload) => got.push([to, from, tag, payload]) };
  s.attach(net);
  return { net, got };
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('agents', () => {
  it('makeAgent fills the documented defaults', () => {
    expect(makeAgent('x')).toEqual({
      id: 'x',
      label: 'x',
      weight: 1,
      capabilities: [],
      behaviour: 'honest',
      policy: { kind: 'fixed', vote: 'for' },
    });
  });

  it('addAgent picks the first free agent-N id and rejects duplicates and empty ids', () => {
    const s = ring(3);
    expect(s.addAgent().id).toBe('agent-4');
    s.removeAgent('agent-2');
    // agent-2 is free again, but ids count up from size + 1 first.
    expect(s.addAgent().id).toBe('agent-5');
    expect(s.addAgent({ id: 'scout', weight: 3 })).toMatchObject({ id: 'scout', label: 'scout', weight: 3 });
    const dup = caught(() => s.addAgent({ id: 'scout' }));
    expect(dup).toBeInstanceOf(ValidationError);
    expect((dup as ValidationError).field).toBe('agent.id');
    expect((caught(() => s.addAgent({ id: '' })) as ValidationError).field).toBe('agent.id');
    expect(s.index('scout')).toBe(s.size - 1);
  });

  it('index of an unknown id is a ValidationError naming agentId', () => {
    const e = caught(() => ring(3).index('nobody'));
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).field).toBe('agentId');
  });

  it('copies the agents it is given (later edits of the input do not leak in)', () => {
    const input = [makeAgent('a', { capabilities: ['x'] }), makeAgent('b')];
    const s = new SwarmCoordinator(input);
    input[0].capabilities.push('y');
    expect(s.agent('a').capabilities).toEqual(['x']);
  });

  it('removeAgent shifts later indices down and keeps every other link', () => {
    const s = SwarmCoordinator.fromTopology({ kind: 'mesh' }, 5, new Prng(1));
    s.disconnect('agent-4', 'agent-5');
    const before = s.links().map(([a, b]) => [s.agents[a].id, s.agents[b].id].join('-'));
    s.removeAgent('agent-2');
    expect(s.size).toBe(4);
    expect(s.agents.map((a) => a.id)).toEqual(['agent-1', 'agent-3', 'agent-4', 'agent-5']);
    expect(s.index('agent-3')).toBe(1);
    expect(s.index('agent-5')).toBe(3);
    expect(s.has('agent-2')).toBe(false);
    const after = s.links().map(([a, b]) => [s.agents[a].id, s.agents[b].id].join('-'));
    expect(after).toEqual(before.filter((l) => !/agent-2(?!\d)/.test(l)));
    expect(s.areLinked('agent-4', 'agent-5')).toBe(false);
    expect(s.linkCount).toBe(after.length);
    for (let i = 0; i < s.size; i++) for (const j of s.neighbourIndices(i)) expect(s.neighbourIndices(j)).toContain(i);
  });

  it('removing the last and the first agent keep the rest consistent', () => {
    const s = ring(5);
    s.removeAgent('agent-5');
    expect(s.neighbours('agent-1')).toEqual(['agent-2']);
    s.removeAgent('agent-1');
    expect(s.neighbours('agent-2')).toEqual(['agent-3']);
    expect(s.neighbourIndices(0)).toEqual([1]);
    expect(s.links()).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it('updateAgent changes fields but not the id or index', () => {
    const s = ring(3);
    s.updateAgent('agent-2', { weight: 5, behaviour: 'silent' });
    expect(s.agents[1]).toMatchObject({ id: 'agent-2', weight: 5, behaviour: 'silent' });
  });

  it('MAX_AGENTS: fromTopology and addAgent throw a LimitError naming it', () => {
    const e = caught(() => SwarmCoordinator.fromTopology({ kind: 'custom' }, MAX_AGENTS + 1, new Prng(1)));
    expect(e).toBeInstanceOf(LimitError);
    expect((e as LimitError).limit).toBe('MAX_AGENTS');
    expect((e as LimitError).actual).toBe(MAX_AGENTS + 1);
    const full = SwarmCoordinator.fromTopology({ kind: 'custom' }, MAX_AGENTS, new Prng(1));
    const e2 = caught(() => full.addAgent());
    expect(e2).toBeInstanceOf(LimitError);
    expect((e2 as LimitError).limit).toBe('MAX_AGENTS');
    expect(full.size).toBe(MAX_AGENTS);
  });

  it('fromTopology rejects an agent list of the wrong length', () => {
    const e = caught(() => SwarmCoordinator.fromTopology({ kind: 'ring' }, 3, new Prng(1), [makeAgent('a')]));
    expect((e as ValidationError).field).toBe('topology.agentCount');
  });
});

describe('links', () => {
  it('connect and disconnect by id, idempotently, keeping neighbour lists sorted', () => {
    const s = SwarmCoordinator.fromTopology({ kind: 'custom' }, 6, new Prng(1));
    for (const [a, b] of [
      [1, 5],
      [1, 3],
      [1, 6],
      [1, 2],
      [4, 1],
    ])
      s.connect(`agent-${a}`, `agent-${b}`);
    s.connect('agent-3', 'agent-1');
    expect(s.neighbours('agent-1')).toEqual(['agent-2', 'agent-3', 'agent-4', 'agent-5', 'agent-6']);
    expect(s.neighbours('agent-4')).toEqual(['agent-1']);
    expect(s.linkCount).toBe(5);
    s.disconnect('agent-1', 'agent-4');
    s.disconnect('agent-4', 'agent-1');
    s.disconnect('agent-2', 'agent-3');
    expect(s.linkCount).toBe(4);
    expect(s.neighbours('agent-4')).toEqual([]);
    expect(s.areLinked('agent-1', 'agent-4')).toBe(false);
    expect(s.areLinked('agent-5', 'agent-1')).toBe(true);
  });

  it('MAX_LINKS: the link over the limit is refused with a LimitError and not kept', () => {
    // A 2000-agent mesh holds 1 999 000 links; a new agent can add 1000 more before the limit.
    const s = SwarmCoordinator.fromTopology({ kind: 'mesh' }, 2000, new Prng(1));
    s.addAgent();
    const room = MAX_LINKS - s.linkCount;
    for (let i = 0; i < room; i++) s.link(2000, i);
    const e = caught(() => s.link(2000, room));
    expect(e).toBeInstanceOf(LimitError);
    expect((e as LimitError).limit).toBe('MAX_LINKS');
    expect((e as LimitError).actual).toBe(MAX_LINKS + 1);
    expect(s.linkCount).toBe(MAX_LINKS);
    expect(s.neighbourIndices(2000).length).toBe(room);
    expect(s.neighbourIndices(room)).not.toContain(2000);
    // An existing link is still a no-op, not a limit breach.
    s.link(0, 1);
    expect(s.linkCount).toBe(MAX_LINKS);
  });

  it('rejects a self-link and links to unknown agents, without changing anything', () => {
    const s = ring(4);
    const before = s.links();
    expect((caught(() => s.connect('agent-1', 'agent-1')) as ValidationError).field).toBe('links');
    expect(caught(() => s.connect('agent-1', 'ghost'))).toBeInstanceOf(ValidationError);
    expect(caught(() => s.link(0, 9))).toBeInstanceOf(ValidationError);
    expect(caught(() => s.link(-1, 2))).toBeInstanceOf(ValidationError);
    expect(caught(() => s.addLinks([[1, 2.5]]))).toBeInstanceOf(ValidationError);
    expect(s.links()).toEqual(before);
    for (let i = 0; i < s.size; i++) expect(s.neighbourIndices(i).every((j) => j >= 0 && j < 4)).toBe(true);
  });
});

describe('messaging over an attached network', () => {
  it('broadcast sends to every other agent, not only neighbours', () => {
    const s = ring(6);
    const { net, got } = attached(s);
    s.broadcast('agent-3', 'hello', { n: 1 });
    net.run();
    expect(got.map(([to]) => to).sort()).toEqual([0, 1, 3, 4, 5]);
    expect(
      got.every(([, from, tag, payload]) => from === 2 && tag === 'hello' && (payload as { n: number }).n === 1),
    ).toBe(true);
  });

  it('sendToNeighbours sends once to each neighbour', () => {
    const s = SwarmCoordinator.fromTopology({ kind: 'star', hub: 2 }, 6, new Prng(1));
    const { net, got } = attached(s);
    s.sendToNeighbours('agent-3', 'ping');
    s.sendToNeighbours('agent-6', 'pong');
    net.run();
    expect(got.filter(([, , tag]) => tag === 'ping').map(([to]) => to)).toEqual([0, 1, 3, 4, 5]);
    expect(got.filter(([, , tag]) => tag === 'pong').map(([to, from]) => [to, from])).toEqual([[2, 5]]);
    const sent = decodeAll(net.trace.columns()).filter((e) => e.kind === 'messageSent');
    expect(sent.length).toBe(6);
  });

  it('sending without a network is a ValidationError; attach checks the agent count', () => {
    const s = ring(3);
    expect((caught(() => s.broadcast('agent-1', 'x')) as ValidationError).field).toBe('network');
    expect((caught(() => s.sendToNeighbours('agent-1', 'x')) as ValidationError).field).toBe('network');
    const wrong = new Network(4, DEFAULT_NETWORK, new Prng(1), new Trace());
    expect((caught(() => s.attach(wrong)) as ValidationError).field).toBe('network');
  });

  it('the swarm cannot add or remove agents while attached, and can after detach', () => {
    const s = ring(3);
    attached(s);
    expect(caught(() => s.addAgent())).toBeInstanceOf(ValidationError);
    expect(caught(() => s.removeAgent('agent-1'))).toBeInstanceOf(ValidationError);
    expect(s.size).toBe(3);
    s.detach();
    s.addAgent();
    expect(s.size).toBe(4);
  });
});
