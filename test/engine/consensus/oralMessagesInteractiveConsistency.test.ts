import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultOralM, judgeOrders, OralMessages, oralMRule } from '../../../src/engine/consensus/oralMessages';
import type { OrderWitnessById } from '../../../src/engine/consensus/oralMessagesAlgorithm';
import type { ConsensusSummary } from '../../../src/engine/consensus/runs';
import type { Behaviour } from '../../../src/engine/core/agent';
import { ValidationError, ValidationErrors } from '../../../src/engine/core/errors';
import { describeScenario, runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario } from '../../../src/engine/scenario';

/** What the engine puts in an oral-messages result's metadata about IC1 and IC2. */
interface Verdict {
  m: number;
  commander: string;
  commanderOrder: string;
  traitors: string[];
  decisions: Record<string, string>;
  ic1: { held: boolean; witnesses: OrderWitnessById[] };
  ic2: { held: boolean; applies: boolean; commander: OrderWitnessById; witnesses: OrderWitnessById[] };
  violation?: { rule: string; witnesses: OrderWitnessById[] };
}

/** A scenario file as the UI exports it: n generals on a mesh, all voting 'for' (the commander orders attack). */
function file(n: number, run: Record<string, unknown>, behaviours: Record<number, Behaviour> = {}, seed = 1) {
  return {
    format: 'swarm-playground/scenario',
    version: 1,
    seed,
    topology: {
      agents: Array.from({ length: n }, (_, i) => ({ id: `agent-${i + 1}`, behaviour: behaviours[i] ?? 'honest' })),
      builder: { kind: 'mesh' },
    },
    run: { kind: 'consensus', algorithm: 'oral-messages', ...run },
  };
}

/** Parse, advise and run the file the way the worker does; returns the consensus summary. */
async function run(input: ReturnType<typeof file>) {
  const scenario = parseScenario(input);
  const described = describeScenario(scenario);
  if (described.problem) throw described.problem;
  const { summary } = await runScenario(scenario);
  const consensus = summary.result as ConsensusSummary;
  return { result: consensus.result, meta: consensus.result.metadata as unknown as Verdict };
}

/** The ValidationError a scenario gets, from the file parser or the engines' advice before the run. */
function problemOf(input: ReturnType<typeof file>): ValidationError | undefined {
  try {
    return describeScenario(parseScenario(input)).problem;
  } catch (e) {
    if (e instanceof ValidationErrors) return e.issues[0];
    throw e;
  }
}

describe('OM(m) with m chosen by the user: IC1 and IC2 with their witnesses', () => {
  it('three generals, OM(1), a traitorous lieutenant: IC2 fails on every seed, the loyal commander and lieutenant named', async () => {
    // Lamport, Shostak and Pease's figure 1: the commander says attack, lieutenant agent-3 says it heard retreat;
    // agent-2 holds {attack, retreat}, a tie, and falls back to retreat.
    for (const behaviour of ['equivocate', 'flip', 'lie-in-relay'] as const) {
      for (let seed = 1; seed <= 10; seed++) {
        const { result, meta } = await run(file(3, { m: 1 }, { 2: behaviour }, seed));
        const what = `${behaviour}, seed ${seed}`;
        expect(meta.m, what).toBe(1);
        expect(meta.traitors, what).toEqual(['agent-3']);
        expect(meta.decisions, what).toEqual({ 'agent-2': 'retreat' });
        expect(meta.ic1, what).toEqual({ held: true, witnesses: [{ agentId: 'agent-2', order: 'retreat' }] });
        expect(meta.ic2, what).toEqual({
          held: false,
          applies: true,
          commander: { agentId: 'agent-1', order: 'attack' },
          witnesses: [{ agentId: 'agent-2', order: 'retreat' }],
        });
        expect(meta.violation?.rule, what).toBe('IC2');
        // The result's counts are the loyal lieutenants' orders.
        expect([result.votesFor, result.votesAgainst, result.decision], what).toEqual([0, 1, 'rejected']);
      }
    }
  });

  it('the example file public/scenarios/byzantine-generals-om1.json does what its description says', async () => {
    const example = JSON.parse(readFileSync('public/scenarios/byzantine-generals-om1.json', 'utf8'));
    const { meta } = await run(example);
    expect(meta.violation?.rule).toBe('IC2');
    expect([meta.ic2.commander, meta.ic2.witnesses]).toEqual([
      { agentId: 'agent-1', order: 'attack' },
      [{ agentId: 'agent-2', order: 'retreat' }],
    ]);
    expect(example.description).toContain("IC2 is violated (agent-1 ordered 'attack', agent-2 obeyed 'retreat')");
    // "With a fourth general OM(1) holds."
    example.topology.agents.push({ id: 'agent-4' });
    const four = await run(example);
    expect([four.meta.ic1.held, four.meta.ic2.held]).toEqual([true, true]);
  });

  it('three generals with a traitorous commander: OM(0) breaks IC1 (the witnesses obey different orders), OM(1) holds', async () => {
    const om0 = await run(file(3, { m: 0 }, { 0: 'equivocate' }));
    expect(om0.meta.ic1).toEqual({
      held: false,
      witnesses: [
        { agentId: 'agent-2', order: 'retreat' },
        { agentId: 'agent-3', order: 'attack' },
      ],
    });
    expect(om0.meta.ic2).toMatchObject({ held: true, applies: false });
    expect(om0.meta.violation?.rule).toBe('IC1');
    expect([om0.result.votesFor, om0.result.votesAgainst]).toEqual([1, 1]);
    // With one relay round each lieutenant holds both of the commander's stories, so both fall back to retreat.
    const om1 = await run(file(3, { m: 1 }, { 0: 'equivocate' }));
    expect(om1.meta.decisions).toEqual({ 'agent-2': 'retreat', 'agent-3': 'retreat' });
    expect(om1.meta.ic1.held).toBe(true);
    expect(om1.meta.ic2).toMatchObject({ held: true, applies: false });
    expect(om1.meta.violation).toBeUndefined();
  });

  it('four generals with one traitor and OM(1) agree wherever the traitor stands, whatever it does', async () => {
    for (let traitor = 0; traitor < 4; traitor++) {
      for (const behaviour of ['equivocate', 'flip', 'lie-in-relay', 'random'] as const) {
        const { meta, result } = await run(file(4, { m: 1 }, { [traitor]: behaviour }, traitor + 1));
        const what = `traitor agent-${traitor + 1} (${behaviour})`;
        expect(meta.ic1.held, what).toBe(true);
        expect(meta.ic2.held, what).toBe(true);
        expect(meta.ic2.applies, what).toBe(traitor !== 0);
        expect(meta.violation, what).toBeUndefined();
        expect(new Set(Object.values(meta.decisions)).size, what).toBe(1);
        if (traitor !== 0) expect(result.decision, what).toBe('approved');
      }
    }
  });

  it('m defaults to ⌊(n − 1) / 3⌋, and older files with numRounds run m = numRounds − 1', async () => {
    expect([1, 2, 3, 4, 6, 7, 10].map(defaultOralM)).toEqual([0, 0, 0, 1, 1, 2, 3]);
    expect((await run(file(3, {}))).meta.m).toBe(0);
    expect((await run(file(4, {}))).meta.m).toBe(1);
    expect((await run(file(7, {}))).meta.m).toBe(2);
    const old = await run(file(3, { numRounds: 2 }, { 2: 'flip' }));
    expect(old.meta.m).toBe(1);
    expect(old.meta.violation?.rule).toBe('IC2');
    expect((await run(file(3, { m: 1, numRounds: 2 }))).meta.m).toBe(1);
  });

  it('m is refused with a field path and a rule in words: too large for n, not whole, at odds with numRounds', () => {
    const tooLarge = problemOf(file(3, { m: 2 }));
    expect(tooLarge).toBeInstanceOf(ValidationError);
    expect(tooLarge?.field).toBe('run.m');
    expect(tooLarge?.rule).toMatch(/^must be at most n − 2 = 1 for 3 generals/);
    expect(problemOf(file(4, { m: 2 }))).toBeUndefined();
    expect(problemOf(file(4, { m: 3 }))?.rule).toMatch(/n − 2 = 2 for 4 generals/);
    // A participants list makes the generals fewer than the swarm.
    expect(problemOf(file(5, { m: 2, participants: ['agent-1', 'agent-2', 'agent-3'] }))?.field).toBe('run.m');
    for (const m of [-1, 1.5, 'one']) expect(problemOf(file(3, { m }))?.field, String(m)).toBe('run.m');
    const mismatch = problemOf(file(4, { m: 1, numRounds: 3 }));
    expect([mismatch?.field, mismatch?.rule]).toEqual([
      'run.m',
      'must be run.numRounds − 1 (2) when both are given; numRounds is the older way to say m + 1 rounds, so remove it',
    ]);
    const oldTooLarge = problemOf(file(3, { numRounds: 3 }));
    expect(oldTooLarge?.field).toBe('run.numRounds');
    expect(oldTooLarge?.rule).toMatch(/^makes m = numRounds − 1 = 2, which must be at most n − 2 = 1/);
    // More messages than the engine simulates: said on run.m before anything runs (M(20, 6) is 1.3 · 10⁹).
    const huge = problemOf(file(20, { m: 6 }));
    expect(huge?.field).toBe('run.m');
    expect(huge?.rule).toMatch(/MAX_ORAL_MESSAGES/);
  });

  it('the in-memory rule agrees: m ≤ n − 2, and IC1/IC2 are judged the same way', () => {
    expect([oralMRule(0, 2), oralMRule(1, 3), oralMRule(0, 1)]).toEqual([undefined, undefined, undefined]);
    expect(oralMRule(2, 3)).toMatch(/n − 2 = 1/);
    expect(() => new OralMessages({ generals: 3, m: 2 })).toThrow(ValidationError);
    const classic = new OralMessages({ generals: 3, m: 1, traitors: [2], traitorStrategy: 'equivocate' }).run();
    expect(classic.ic2).toEqual({
      held: false,
      applies: true,
      commander: { general: 0, order: 'attack' },
      witnesses: [{ general: 1, order: 'retreat' }],
    });
    expect(judgeOrders({ 1: 'attack', 2: 'retreat', 3: 'attack' }, true, 'attack')).toMatchObject({
      agreement: false,
      validity: false,
      ic2: { witnesses: [{ general: 2, order: 'retreat' }] },
      violation: { rule: 'IC1' },
    });
  });
});
