import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConsensusSummary } from '../../../src/engine/consensus/runs';
import { runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario } from '../../../src/engine/scenario';
import { meanFieldMajority, roundAtCursor, spreadSeries } from '../../../src/store/consensus/spreadSeries';
import { thresholdModel } from '../../../src/store/consensus/thresholds';
import { decisionsAt, tallyAt, voteSteps } from '../../../src/store/consensus/voteTimeline';

const load = (name: string) => parseScenario(JSON.parse(readFileSync(`public/scenarios/${name}.json`, 'utf8')));

describe('tallies read from the trace', () => {
  it('at the decision, a quorum tally equals the counts the engine decided on (early decision included)', async () => {
    const { summary, trace } = await runScenario(load('quorum-supermajority'));
    const c = summary.result as ConsensusSummary;
    const steps = voteSteps(trace);
    const requester = summary.agents > 0 ? c.result.participants.indexOf(String(c.result.metadata.requester)) : -1;
    const decided = steps.find((s) => s.name === 'decided');
    expect(decided).toBeDefined();
    const tally = tallyAt(steps, decided?.index ?? -1, { requester });
    expect(tally.decision).toBe(c.result.decision);
    expect([tally.for, tally.against, tally.abstain]).toEqual([
      c.result.votesFor,
      c.result.votesAgainst,
      c.result.votesAbstain,
    ]);
    // Before the first event nothing is counted and nothing is decided.
    expect(tallyAt(steps, -1, { requester })).toMatchObject({ voters: 0, decidedIndex: -1 });
    expect(thresholdModel(c.result)).toMatchObject({ approveAt: 6, strict: false, total: 9 });
  });

  it('a weighted tally sums the weights of the counted votes', async () => {
    const { summary, trace } = await runScenario(load('weighted-experts'));
    const c = summary.result as ConsensusSummary;
    const weights = [2, 1.5, 1];
    const tally = tallyAt(voteSteps(trace), trace.length - 1, { requester: 0, weightOf: (i) => weights[i] });
    expect(tally.weightFor).toBe(c.result.metadata.weightFor);
  });

  it('a Byzantine tally from one agent is what reliable broadcast delivered to it', async () => {
    const { summary, trace } = await runScenario(load('byzantine-13'));
    const c = summary.result as ConsensusSummary;
    const steps = voteSteps(trace);
    const decisions = decisionsAt(steps, trace.length - 1);
    for (const [a, record] of (c.records ?? []).entries()) {
      if (!record.honest) continue;
      const tally = tallyAt(steps, trace.length - 1, { byzantine: true, perspective: a });
      const delivered = Object.values(record.delivered);
      expect(tally.for).toBe(delivered.filter((v) => v === 'for').length);
      expect(tally.against).toBe(delivered.filter((v) => v === 'against').length);
      expect(decisions.get(a)).toBe(record.decision);
    }
  });
});

describe('spread series', () => {
  it('rumor: the chart series is the engine summary and the cursor round reads the trace', async () => {
    const { summary, trace } = await runScenario(load('rumor-small-world'));
    const series = spreadSeries(summary, summary.agents);
    const r = summary.result as { informedPerRound: number[] };
    expect(series?.observed.map((p) => p.count)).toEqual(r.informedPerRound);
    const steps = voteSteps(trace);
    const ends = steps.filter((s) => s.name === 'roundEnd');
    const at = roundAtCursor(trace, steps, ends[1].index);
    expect(at).toMatchObject({ round: 2, informed: r.informedPerRound[2] });
  });

  it('majority gossip mean field: unanimity and a tie are fixed points; a majority grows', () => {
    expect(meanFieldMajority({ for: 10, against: 0, abstain: 0 }, 3, 3).at(-1)?.for).toBeCloseTo(1);
    expect(meanFieldMajority({ for: 5, against: 5, abstain: 0 }, 3, 3).at(-1)?.for).toBeCloseTo(0.5);
    const curve = meanFieldMajority({ for: 7, against: 3, abstain: 0 }, 3, 5);
    for (let r = 1; r < curve.length; r++) expect(curve[r].for).toBeGreaterThan(curve[r - 1].for);
    expect(curve.at(-1)?.for).toBeGreaterThan(0.95);
  });
});
