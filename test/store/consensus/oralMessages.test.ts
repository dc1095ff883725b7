import { describe, expect, it } from 'vitest';
import type { ConsensusSummary } from '../../../src/engine/consensus/runs';
import type { Behaviour } from '../../../src/engine/core/agent';
import { runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario } from '../../../src/engine/scenario';
import {
  draftGenerals,
  draftOralM,
  ic1Words,
  ic2Words,
  obeyedWords,
  readOralMessages,
} from '../../../src/store/consensus/oralMessages';
import { thresholdModel } from '../../../src/store/consensus/thresholds';
import { tallyAt, voteSteps } from '../../../src/store/consensus/voteTimeline';
import { DEFAULT_SCENARIO, type ScenarioDraft } from '../../../src/store/scenarioSlice';

function draft(n: number, run: Record<string, unknown>, behaviours: Record<number, Behaviour> = {}): ScenarioDraft {
  return {
    ...DEFAULT_SCENARIO,
    topology: {
      agents: Array.from({ length: n }, (_, i) => ({ id: `agent-${i + 1}`, behaviour: behaviours[i] ?? 'honest' })),
      builder: { kind: 'mesh' },
    },
    run: { kind: 'consensus', algorithm: 'oral-messages', ...run },
  };
}

async function run(d: ScenarioDraft) {
  const { summary, trace } = await runScenario(parseScenario(d));
  const result = (summary.result as ConsensusSummary).result;
  return { result, steps: voteSteps(trace), reading: readOralMessages(result) };
}

describe('the Consensus tab reading an OM(m) run', () => {
  it('the tally at the end is the loyal lieutenants’ decided orders: the result’s own counts', async () => {
    for (const [n, m, traitor] of [
      [3, 0, 0],
      [3, 1, 2],
      [4, 1, 2],
      [7, 2, 0],
    ] as const) {
      const { result, steps, reading } = await run(draft(n, { m }, { [traitor]: 'equivocate' }));
      const tally = tallyAt(steps, Number.POSITIVE_INFINITY, { oral: true });
      const what = `n = ${n}, m = ${m}`;
      expect([tally.for, tally.against, tally.abstain], what).toEqual([result.votesFor, result.votesAgainst, 0]);
      expect(tally.voters, what).toBe(reading?.decided.length);
      expect(tally.decision, what).toBe(result.decision);
      expect(thresholdModel(result).total, what).toBe(reading?.decided.length);
      // Nothing is counted before the lieutenants decide.
      expect(tallyAt(steps, -1, { oral: true }).voters, what).toBe(0);
    }
  });

  it('IC1 and IC2 in words, with the witnesses named', async () => {
    const classic = (await run(draft(3, { m: 1 }, { 2: 'equivocate' }))).reading;
    expect(classic && ic2Words(classic)).toEqual({
      held: false,
      title: 'IC2 violated',
      text: "the loyal commander agent-1 ordered 'attack', but agent-2 obeyed 'retreat'.",
    });
    expect(classic && ic1Words(classic).held).toBe(true);
    const split = (await run(draft(3, { m: 0 }, { 0: 'equivocate' }))).reading;
    expect(split && ic1Words(split)).toEqual({
      held: false,
      title: 'IC1 violated',
      text: "the loyal lieutenants obey different orders: agent-2 obeyed 'retreat', agent-3 obeyed 'attack'.",
    });
    expect(split && ic2Words(split).title).toBe('IC2 holds trivially');
    // Many witnesses are grouped by order.
    const many = Array.from({ length: 10 }, (_, i) => ({
      agentId: `agent-${i + 2}`,
      order: i < 7 ? ('attack' as const) : ('retreat' as const),
    }));
    expect(obeyedWords(many)).toBe(
      "7 obeyed 'attack' (agent-2, agent-3, agent-4, agent-5 and 3 more); 3 obeyed 'retreat' (agent-9, agent-10, agent-11)",
    );
  });

  it('the form’s m: run.m, else the older numRounds − 1, else ⌊(n − 1) / 3⌋ for the swarm', () => {
    expect(draftOralM(draft(3, {}), 3)).toEqual({ m: 0, isDefault: true });
    expect(draftOralM(draft(7, {}), 7)).toEqual({ m: 2, isDefault: true });
    expect(draftOralM(draft(3, { numRounds: 2 }), 3)).toEqual({ m: 1, isDefault: false });
    expect(draftOralM(draft(3, { m: 1 }), 3)).toEqual({ m: 1, isDefault: false });
    expect(draftGenerals(draft(5, { participants: ['agent-1', 'agent-2', 'agent-3'] }), 5)).toBe(3);
    expect(draftGenerals(draft(5, {}), undefined)).toBe(5);
  });
});
