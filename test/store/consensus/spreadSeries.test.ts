/** The spread chart over a rumor that ran on the network: chart, round-end records and informed agents agree. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RumorSummary } from '../../../src/engine/consensus/runs';
import { runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario } from '../../../src/engine/scenario';
import { KIND } from '../../../src/engine/trace/events';
import { roundAtCursor, spreadSeries } from '../../../src/store/consensus/spreadSeries';
import { voteSteps } from '../../../src/store/consensus/voteTimeline';

const smallWorld = (network: Record<string, unknown> = {}, run: Record<string, unknown> = {}) => {
  const doc = JSON.parse(readFileSync('public/scenarios/rumor-small-world.json', 'utf8'));
  return parseScenario({ ...doc, network: { ...doc.network, ...network }, run: { ...doc.run, ...run } });
};

describe('spread series of a rumor on the network', () => {
  it('per round: the chart point, the roundEnd record and the informed events before it agree', async () => {
    const faults = [{ kind: 'partition', atMs: 300, groups: [['agent-1', 'agent-2', 'agent-3']] }];
    const { summary, trace } = await runScenario(smallWorld({ lossProbability: 0.2, faults }));
    const r = summary.result as RumorSummary;
    expect(r.model).toBe('network');
    const series = spreadSeries(summary, summary.agents);
    expect(series?.note).toBe(r.note);
    expect(series?.title).toContain('on the network');
    expect(series?.observed.map((p) => p.count)).toEqual(r.informedPerRound);
    for (const p of series?.observed ?? []) expect(p.value).toBeLessThanOrEqual(1);
    const steps = voteSteps(trace);
    const ends = steps.filter((s) => s.name === 'roundEnd');
    expect(ends).toHaveLength(r.rounds);
    const informedAt = (index: number) => {
      let count = 0;
      for (let i = 0; i <= index; i++)
        if (trace.kind[i] === KIND.engine && trace.strings[trace.d[i]] === 'informed') count++;
      return count;
    };
    for (const [k, end] of ends.entries()) {
      const at = roundAtCursor(trace, steps, end.index);
      expect(at).toMatchObject({ round: k + 1, informed: r.informedPerRound[k + 1] });
      expect(informedAt(end.index)).toBe(r.informedPerRound[k + 1]);
    }
  });

  it('a well-mixed aggregate run carries its note to the chart', async () => {
    const { summary } = await runScenario(smallWorld({}, { agentCount: 2_000 }));
    const series = spreadSeries(summary, summary.agents);
    expect(series?.title).toContain('well-mixed');
    expect(series?.note).toMatch(/well-mixed population of 2,000 agents/);
    expect(series?.observed.at(-1)?.value).toBe(1);
  });
});
