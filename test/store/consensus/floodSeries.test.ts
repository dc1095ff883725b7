/** A flood's spread per hop, read from a real run's trace: hops are link distances, counts the engine's. */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario } from '../../../src/engine/scenario';
import { floodSeries, hopReached, informedBy } from '../../../src/store/consensus/floodSeries';

async function flood(agentCount: number, network: Record<string, unknown>) {
  return runScenario(
    parseScenario({
      format: 'swarm-playground/scenario',
      version: 1,
      seed: 3,
      topology: { agentCount, builder: { kind: 'ring' } },
      network,
      run: { kind: 'flood' },
    }),
  );
}

describe('floodSeries', () => {
  it('a ring of 6 with equal latencies: 1, 3, 5, 6 informed after hops 0 to 3, the cursor followed', async () => {
    const { summary, trace } = await flood(6, { latencyMsMin: 10, latencyMsMax: 10 });
    const series = floodSeries(summary, trace);
    if (!series) throw new Error('no series for a flood');
    expect(series.observed.map((p) => p.count)).toEqual([1, 3, 5, 6]);
    expect(series.observed.at(-1)?.value).toBe(1);
    expect(series.informed).toBe(6);
    expect(series.title).toBe('Informed share per hop from agent-1 (flood)');
    expect(informedBy(series, -1)).toBe(0);
    expect(informedBy(series, series.informedAt[0])).toBe(1);
    expect(hopReached(series, 1)).toBe(0);
    expect(informedBy(series, trace.length - 1)).toBe(6);
    expect(hopReached(series, 6)).toBe(3);
  });

  it('a lossy flood counts only the agents the trace informed, the same as the engine', async () => {
    const { summary, trace } = await flood(30, { lossProbability: 0.4 });
    const series = floodSeries(summary, trace);
    if (!series || summary.runKind !== 'flood') throw new Error('no series for a flood');
    expect(series.observed.at(-1)?.count).toBe(summary.result.informed);
    expect(series.informed).toBeLessThan(30);
  });

  it('is null for another kind of run', async () => {
    const { summary, trace } = await runScenario(
      parseScenario({
        format: 'swarm-playground/scenario',
        version: 1,
        seed: 3,
        topology: { agentCount: 5, builder: { kind: 'mesh' } },
        run: { kind: 'rumor', mode: 'push', fanout: 1 },
      }),
    );
    expect(floodSeries(summary, trace)).toBeNull();
  });
});
