import { describe, expect, it } from 'vitest';
import { ConflictResolver, detectConflicts, detectCrdtType } from '../../../src/engine/conflict';
import { sv } from './helpers';

// The seed's examples (section 2, "Vector Clock Conflict Resolution", "CRDT Advanced Patterns"),
// each with the output the seed states.
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

describe('seed: CRDT counter (section 2 basic usage, CRDT advanced patterns)', () => {
  const resolver = new ConflictResolver({ strategy: 'crdt' });
  const conflicts = [
    sv('task_count', 42, 1, T0, 'agent-1', { crdtType: 'counter' }),
    sv('task_count', 45, 2, T0 + 1000, 'agent-2', { crdtType: 'counter' }),
  ];

  it('merges 42 and 45 into 87', () => {
    const resolved = resolver.resolve('task_count', conflicts);
    expect(resolved.value).toBe(87);
    expect(resolved.agentId).toBe('coordinator');
    expect(resolved.version).toBe(3);
    expect(resolved.timestamp).toBe(T0 + 1000);
    expect(resolved.metadata.resolutionStrategy).toBe('crdt');
    expect(resolved.metadata.crdtType).toBe('counter');
    expect(resolved.metadata.mergedFromAgents).toEqual(['agent-1', 'agent-2']);
    expect(resolved.metadata.crdtState).toEqual({ type: 'counter', counts: { 'agent-1': 42, 'agent-2': 45 } });
  });

  it("still gives 87 when agent-1's 42 is delivered twice (a naive sum would say 129)", () => {
    const resolved = resolver.resolve('task_count', [conflicts[0], conflicts[1], conflicts[0]]);
    expect(resolved.value).toBe(87);
    const step = resolved.metadata.explanation?.find((s) => s.step === 'counter-merge');
    const a1 = { agentId: 'agent-1', version: 1, timestamp: T0 };
    const a2 = { agentId: 'agent-2', version: 2, timestamp: T0 + 1000 };
    expect(step?.comparison).toEqual({
      perAgent: [
        { agent: 'agent-1', values: [42, 42], from: [a1, a1], max: 42 },
        { agent: 'agent-2', values: [45], from: [a2], max: 45 },
      ],
      naiveSum: 129,
    });
    expect(step?.reason).toBe(
      'counter: per-agent max: agent-1 = 42, agent-2 = 45; sum = 87 (a naive sum of every version would say 129)',
    );
  });

  it('explains the counter merge step by step', () => {
    const steps = resolver.resolve('task_count', conflicts).metadata.explanation ?? [];
    expect(steps.map((s) => s.step)).toEqual(['crdt-type', 'counter-merge']);
    expect(steps[0]).toMatchObject({
      comparison: { source: 'metadata' },
      outcome: { crdtType: 'counter' },
      reason: "metadata.crdtType says 'counter'",
    });
    expect(steps[1].reason).toBe('counter: per-agent max: agent-1 = 42, agent-2 = 45; sum = 87');
    expect(steps[1].outcome).toEqual({ value: 87, counts: { 'agent-1': 42, 'agent-2': 45 } });
  });

  it('a merged 87 merged again with one of its inputs stays 87: the result carries its state, not a new contribution', () => {
    const merged = resolver.resolve('task_count', conflicts);
    const again = resolver.resolve('task_count', [merged, conflicts[0]]);
    expect(again.value).toBe(87);
    expect(again.metadata.crdtState).toEqual(merged.metadata.crdtState);
    expect(again.metadata.mergedFromAgents).toEqual(['agent-1', 'agent-2']);
    const step = again.metadata.explanation?.find((s) => s.step === 'counter-merge');
    expect(step?.reason).toBe(
      'counter: join of per-agent counts (coordinator v3 carries {agent-1: 42, agent-2: 45}); ' +
        'per-agent max: agent-1 = 42, agent-2 = 45; sum = 87 (a naive sum of every version would say 129)',
    );
    expect(
      step?.step === 'counter-merge' && step.inputs.contributions.map((c) => [c.agentId, c.value, c.source]),
    ).toEqual([
      ['agent-1', 42, 'value'],
      ['coordinator', 87, 'state'],
    ]);
  });

  it('join(join(a, b), join(b, c)) is a + b + c = 97, not 87', () => {
    const c = sv('task_count', 10, 1, T0 + 2000, 'agent-3', { crdtType: 'counter' });
    const ab = resolver.resolve('task_count', conflicts);
    const bc = resolver.resolve('task_count', [conflicts[1], c]);
    expect(resolver.resolve('task_count', [ab, bc]).value).toBe(97);
    expect(resolver.resolve('task_count', [ab, c, bc, conflicts[0]]).value).toBe(97);
  });
});

describe('merged maps keep each key’s own write stamp', () => {
  const resolver = new ConflictResolver({ strategy: 'crdt' });
  it('a key written at t = 50 beats the same key written at t = 0 after a partial merge with a later version', () => {
    const early = sv('config', { mode: 'old' }, 1, 0, 'agent-1', { crdtType: 'map' });
    const other = sv('config', { retries: 3 }, 1, 100, 'agent-2', { crdtType: 'map' });
    const late = sv('config', { mode: 'new' }, 1, 50, 'agent-3', { crdtType: 'map' });
    const partial = resolver.resolve('config', [early, other]);
    expect(partial.timestamp).toBe(100);
    const full = resolver.resolve('config', [partial, late]);
    expect(full.value).toEqual({ mode: 'new', retries: 3 });
    const step = full.metadata.explanation?.find((s) => s.step === 'map-key' && s.inputs.key === 'mode');
    expect(step?.reason).toBe(
      'map mode: "new" @ t=50 ms (agent-3) vs "old" @ t=0 ms (agent-1 in coordinator v2) ⇒ "new" (later timestamp (t=50 ms vs t=0 ms))',
    );
    expect(step?.step === 'map-key' && step.inputs.candidates.map((c) => c.heldBy.map((h) => h.agentId))).toEqual([
      ['agent-3'],
      ['coordinator'],
    ]);
  });
});

describe('seed: LWW strategy', () => {
  it('takes the latest timestamp and lists what it discarded', () => {
    const resolver = new ConflictResolver({ strategy: 'lww' });
    const resolved = resolver.resolve('config', [
      sv('config', { mode: 'a' }, 1, T0 + 2000, 'agent-1'),
      sv('config', { mode: 'b' }, 2, T0 + 1000, 'agent-2'),
    ]);
    expect(resolved.value).toEqual({ mode: 'a' });
    expect(resolved.agentId).toBe('agent-1');
    expect(resolved.metadata.resolutionStrategy).toBe('lww');
    expect(resolved.metadata.discardedVersions).toEqual([{ agentId: 'agent-2', version: 2, timestamp: T0 + 1000 }]);
    const [cmp, result] = resolved.metadata.explanation ?? [];
    expect(cmp).toEqual({
      step: 'lww-compare',
      inputs: {
        left: { agentId: 'agent-1', version: 1, timestamp: T0 + 2000 },
        right: { agentId: 'agent-2', version: 2, timestamp: T0 + 1000 },
      },
      comparison: { decidedBy: 'timestamp', left: T0 + 2000, right: T0 + 1000, cmp: '>' },
      outcome: { winner: { agentId: 'agent-1', version: 1, timestamp: T0 + 2000 } },
      reason: 'agent-1 v1 beats agent-2 v2: later timestamp (2025-01-01T12:00:02.000Z vs 2025-01-01T12:00:01.000Z)',
    });
    expect(result.step).toBe('lww-result');
  });
});

describe('seed: vector clock resolution', () => {
  const resolver = new ConflictResolver({ strategy: 'vector' });
  const docA = sv('document', 'Version A', 1, T0 + 1000, 'agent-1', { vectorClock: { 'agent-1': 5, 'agent-2': 3 } });
  const docB = sv('document', 'Version B', 2, T0 + 2000, 'agent-2', { vectorClock: { 'agent-1': 4, 'agent-2': 6 } });

  it('{agent-1:5, agent-2:3} vs {agent-1:4, agent-2:6} is concurrent ⇒ vector_concurrent_lww', () => {
    const resolved = resolver.resolve('document', [docA, docB]);
    expect(resolved.metadata.resolutionStrategy).toBe('vector_concurrent_lww');
    expect(resolved.value).toBe('Version B');
    expect(resolved.metadata.concurrentAgents).toEqual(['agent-1', 'agent-2']);
    expect(resolved.metadata.vectorClock).toEqual({ 'agent-1': 5, 'agent-2': 6 });
    const steps = resolved.metadata.explanation ?? [];
    expect(steps.map((s) => s.step)).toEqual([
      'vector-clocks',
      'vector-compare',
      'vector-maximal',
      'lww-compare',
      'lww-result',
    ]);
    const compare = steps[1];
    expect(compare.comparison).toEqual({
      entries: [
        { agent: 'agent-1', left: 5, right: 4, cmp: '>' },
        { agent: 'agent-2', left: 3, right: 6, cmp: '<' },
      ],
    });
    expect(compare.outcome).toEqual({ order: 'concurrent' });
    expect(compare.reason).toBe(
      'agent-1 {agent-1:5,agent-2:3} vs agent-2 {agent-1:4,agent-2:6}: agent-1: 5 > 4, agent-2: 3 < 6 ⇒ concurrent',
    );
    expect(steps[3].reason).toBe(
      'agent-2 v2 beats agent-1 v1: later timestamp (2025-01-01T12:00:02.000Z vs 2025-01-01T12:00:01.000Z)',
    );
  });

  it('a causally dominating version wins with vector_causal, whatever the timestamps', () => {
    const older = sv('document', 'Version C', 3, T0, 'agent-1', { vectorClock: { 'agent-1': 5, 'agent-2': 7 } });
    const resolved = resolver.resolve('document', [docB, older]);
    expect(resolved.metadata.resolutionStrategy).toBe('vector_causal');
    expect(resolved.value).toBe('Version C');
    expect(resolved.metadata.concurrentAgents).toBeUndefined();
    const steps = resolved.metadata.explanation ?? [];
    expect(steps.map((s) => s.step)).toEqual(['vector-clocks', 'vector-compare', 'vector-maximal']);
    expect(steps[1].reason).toBe(
      'agent-1 {agent-1:5,agent-2:7} vs agent-2 {agent-1:4,agent-2:6}: agent-1: 5 > 4, agent-2: 7 > 6 ⇒ agent-2 happened before agent-1',
    );
    expect(steps[2].outcome).toMatchObject({ causalWinner: { agentId: 'agent-1', version: 3 } });
  });

  it('works for three versions: one dominated, two concurrent maxima', () => {
    const old = sv('document', 'Version 0', 1, T0 + 9000, 'agent-3', { vectorClock: { 'agent-1': 1, 'agent-2': 1 } });
    const resolved = resolver.resolve('document', [old, docA, docB]);
    expect(resolved.metadata.resolutionStrategy).toBe('vector_concurrent_lww');
    expect(resolved.value).toBe('Version B');
    expect(resolved.metadata.concurrentAgents).toEqual(['agent-1', 'agent-2']);
    expect(resolved.metadata.discardedVersions?.map((d) => d.agentId)).toEqual(['agent-1', 'agent-3']);
  });

  it('takes a missing clock as {agentId: version}', () => {
    const resolved = resolver.resolve('document', [
      sv('document', 'x', 1, T0 + 5000, 'agent-1'),
      sv('document', 'y', 2, T0, 'agent-1'),
    ]);
    expect(resolved.metadata.resolutionStrategy).toBe('vector_causal');
    expect(resolved.value).toBe('y');
    expect(resolved.metadata.explanation?.[0]).toMatchObject({
      step: 'vector-clocks',
      outcome: { implicitFor: ['agent-1', 'agent-1'] },
    });
  });
});

describe('seed: CRDT set, map and type detection', () => {
  const resolver = new ConflictResolver({ strategy: 'crdt' });

  it('unions ["tag1","tag2"] and ["tag2","tag3"]', () => {
    const resolved = resolver.resolve('tags', [
      sv('tags', ['tag1', 'tag2'], 1, T0, 'agent-1', { crdtType: 'set' }),
      sv('tags', ['tag2', 'tag3'], 2, T0, 'agent-2', { crdtType: 'set' }),
    ]);
    expect(resolved.value).toEqual(['tag1', 'tag2', 'tag3']);
    const step = resolved.metadata.explanation?.[1];
    expect(step?.step).toBe('set-union');
    expect(step?.comparison).toEqual({
      elements: [
        { element: 'tag1', from: ['agent-1'] },
        { element: 'tag2', from: ['agent-1', 'agent-2'] },
        { element: 'tag3', from: ['agent-2'] },
      ],
    });
    expect(step?.reason).toBe(
      'set: union of ["tag1","tag2"] (agent-1) ∪ ["tag2","tag3"] (agent-2) = ["tag1","tag2","tag3"]',
    );
  });

  it('unions JavaScript Sets too ({"task1","task2"} ∪ {"task2","task3"})', () => {
    const resolved = resolver.resolve('tasks', [
      sv('tasks', new Set(['task1', 'task2']), 1, T0, 'agent-1', { crdtType: 'set' }),
      sv('tasks', new Set(['task2', 'task3']), 2, T0, 'agent-2'),
    ]);
    expect(resolved.value).toEqual(['task1', 'task2', 'task3']);
  });

  it('merges maps per key by LWW: {key1: v1, key2: v3, key3: v4}', () => {
    const resolved = resolver.resolve('config', [
      sv('config', { key1: 'v1', key2: 'v2' }, 1, new Date(Date.UTC(2025, 0, 1)), 'agent-1', { crdtType: 'map' }),
      sv('config', { key2: 'v3', key3: 'v4' }, 2, new Date(Date.UTC(2025, 0, 2)), 'agent-2', { crdtType: 'map' }),
    ]);
    expect(resolved.value).toEqual({ key1: 'v1', key2: 'v3', key3: 'v4' });
    const steps = resolved.metadata.explanation ?? [];
    expect(steps.map((s) => s.step)).toEqual(['crdt-type', 'map-key', 'map-key', 'map-key']);
    expect(steps[2]).toMatchObject({
      inputs: { key: 'key2' },
      comparison: { decidedBy: 'timestamp', cmp: '>' },
      outcome: { key: 'key2', value: 'v3', winner: { agentId: 'agent-2', version: 2 } },
      reason:
        'map key2: "v2" @ 2025-01-01T00:00:00.000Z (agent-1) vs "v3" @ 2025-01-02T00:00:00.000Z (agent-2) ⇒ "v3" (later timestamp (2025-01-02T00:00:00.000Z vs 2025-01-01T00:00:00.000Z))',
    });
    expect(steps[1].reason).toBe('map key1: only agent-1 v1 has it ⇒ "v1"');
  });

  it('detects the type from the value: number ⇒ counter, array ⇒ set, object ⇒ map, else register', () => {
    expect(detectCrdtType(42)).toBe('counter');
    expect(detectCrdtType(['a', 'b'])).toBe('set');
    expect(detectCrdtType(new Set(['a']))).toBe('set');
    expect(detectCrdtType({ k: 'v' })).toBe('map');
    expect(detectCrdtType('text')).toBe('register');
    expect(detectCrdtType(null)).toBe('register');
    const resolve = (a: unknown, b: unknown) =>
      resolver.resolve('k', [sv('k', a, 1, T0, 'agent-1'), sv('k', b, 2, T0 + 1, 'agent-2')]);
    expect(resolve(42, 45).metadata.crdtType).toBe('counter');
    expect(resolve(42, 45).value).toBe(87);
    expect(resolve(['a', 'b'], ['c']).value).toEqual(['a', 'b', 'c']);
    expect(resolve({ k: 'v' }, { j: 'w' }).value).toEqual({ j: 'w', k: 'v' });
    const register = resolve('text', 'newer');
    expect(register.metadata.crdtType).toBe('register');
    expect(register.value).toBe('newer');
    expect(register.metadata.explanation?.[0]).toMatchObject({
      step: 'crdt-type',
      comparison: { source: 'detected' },
      reason: 'no crdtType in metadata; every value looks like a register (anything else ⇒ register)',
    });
  });
});

describe('seed: detectConflicts', () => {
  it('finds ["counter"] for agent-1: 10 v1 and agent-2: 12 v2', () => {
    const states = {
      'agent-1': sv('counter', 10, 1, T0, 'agent-1'),
      'agent-2': sv('counter', 12, 2, T0, 'agent-2'),
    };
    expect(detectConflicts(states)).toEqual(['counter']);
    expect(new ConflictResolver({ strategy: 'crdt' }).detectConflicts(states)).toEqual(['counter']);
  });

  it('ignores identical copies and keys held by one agent, and sorts the keys', () => {
    const states = {
      'agent-1': [sv('b', 1, 1, T0, 'agent-1'), sv('a', [1, 2], 3, T0, 'agent-1'), sv('solo', 1, 1, T0, 'agent-1')],
      'agent-2': [sv('b', 2, 1, T0, 'agent-2'), sv('a', [1, 2], 3, T0 + 5, 'agent-2')],
      'agent-3': sv('same', { x: 1, y: 2 }, 1, T0, 'agent-3'),
      'agent-4': sv('same', { y: 2, x: 1 }, 1, T0, 'agent-4'),
    };
    expect(detectConflicts(states)).toEqual(['b']);
  });

  it('names the field of an invalid version', () => {
    expect(() => detectConflicts({ 'agent-1': sv('', 1, 1, T0, 'agent-1') })).toThrow(
      expect.objectContaining({ field: 'states.agent-1.stateKey' }),
    );
  });
});
