import { describe, expect, it } from 'vitest';
import { forceTicks, layoutSwarm, layoutSwarmWithNote, MIN_FORCE_TICKS } from '../../src/worker/layout';
import { simApi } from '../../src/worker/simApi';

const ring = (n: number) => ({
  agents: Array.from({ length: n }, () => ({})),
  links: Array.from({ length: n }, (_, i): [number, number] => [i, (i + 1) % n]),
});

describe('the swarm layout', () => {
  it('keeps the full force simulation for a small swarm, deterministically', () => {
    expect(forceTicks(50, 100)).toBe(300);
    expect(forceTicks(500, 500)).toBe(300);
    const a = layoutSwarmWithNote(ring(40));
    expect(a.note).toBeUndefined();
    expect(layoutSwarm(ring(40))).toEqual(a.positions);
    // Neighbours on the ring end up near each other, far from the opposite side.
    const d = (i: number, j: number) =>
      Math.hypot(a.positions[2 * i] - a.positions[2 * j], a.positions[2 * i + 1] - a.positions[2 * j + 1]);
    expect(d(0, 1)).toBeLessThan(d(0, 20) / 3);
  });

  it('gives big swarms fewer ticks, and none (a spiral) when agents and links are too many', () => {
    expect(forceTicks(2000, 4000)).toBeLessThan(150);
    expect(forceTicks(2000, 4000)).toBeGreaterThanOrEqual(MIN_FORCE_TICKS);
    expect(forceTicks(100_000, 100_000)).toBe(0);
    expect(forceTicks(2000, 1_999_000)).toBe(0);
  });

  it('lays out 100,000 agents on a spiral with a note, pinned agents kept, no two agents on one spot', () => {
    const input = ring(100_000);
    input.agents[5] = { position: { x: 1234, y: -99 } } as never;
    const { positions, note } = layoutSwarmWithNote(input);
    expect(note).toMatchObject({ field: 'topology', message: expect.stringContaining('100,000 agents') });
    expect(positions).toHaveLength(200_000);
    expect(positions.every(Number.isFinite)).toBe(true);
    expect([positions[10], positions[11]]).toEqual([1234, -99]);
    let closest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 300; i++)
      for (let j = i + 1; j < 300; j++) {
        if (i === 5 || j === 5) continue;
        const d = Math.hypot(positions[2 * i] - positions[2 * j], positions[2 * i + 1] - positions[2 * j + 1]);
        closest = Math.min(closest, d);
      }
    expect(closest).toBeGreaterThan(15);
  });

  it('the worker describes a 100,000-agent swarm with the layout note among its warnings', () => {
    const out = simApi.describe({
      format: 'swarm-playground/scenario',
      version: 1,
      seed: 1,
      topology: { agentCount: 100_000, builder: { kind: 'ring' } },
      run: { kind: 'flood' },
    });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.topology.positions).toHaveLength(200_000);
    expect(out.topology.warnings.map((w) => w.message).join('\n')).toMatch(/spiral without the force simulation/);
  });
});
