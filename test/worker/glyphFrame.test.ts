import { describe, expect, it } from 'vitest';
import { Trace } from '../../src/engine/trace/trace';
import { runsApi } from '../../src/worker/api/runs';
import { FLIGHT_KINDS, flightKindCodes } from '../../src/worker/flightKinds';
import { glyphsAt, runVocabulary } from '../../src/worker/glyphFrame';
import { AGENT_MARKS, buildTraceIndex, DECISION_CODES, VOTE_CODES } from '../../src/worker/traceIndex';

/** A Byzantine (reliable broadcast) run on 7 agents, agent-7 equivocating, run by the real engine. */
async function byzantineRun() {
  const agents = Array.from({ length: 7 }, (_, i) => ({
    id: `agent-${i + 1}`,
    ...(i === 6 ? { behaviour: 'equivocate' as const } : {}),
  }));
  const out = await runsApi.run({
    format: 'swarm-playground/scenario',
    version: 1,
    seed: 3,
    topology: { agents, builder: { kind: 'mesh' } },
    network: { latencyMsMin: 5, latencyMsMax: 20, faults: [] },
    run: { kind: 'consensus', algorithm: 'byzantine', faultTolerance: 1, numRounds: 3 },
  });
  if (!out.ok) throw new Error(out.failure.message);
  return { out, index: buildTraceIndex(out.trace, out.summary.agents) };
}

describe('flight kinds', () => {
  it('names each tag by the meaning its engine gave it, without parsing it', () => {
    const trace = new Trace();
    const echo = trace.describeTag('echo:for:12', { kind: 'echo', phase: 'echo', vote: 'for', owner: 12 });
    for (const tag of [echo, 'consensus_request', 'rumor-push', 'ae_digest', 'om-relay', 'something-new'])
      trace.messageSent(0, 0, 1, 0, tag);
    const cols = trace.columns();
    const kinds = flightKindCodes(cols.tagMeanings);
    expect(cols.strings.map((_, i) => FLIGHT_KINDS[kinds[i]])).toEqual([
      'echo',
      'request',
      'rumor',
      'sync',
      'relay',
      'other',
    ]);
  });

  it('tags every flight of a trace with its message kind', () => {
    const trace = new Trace();
    trace.describeTag('echo:for:0', { kind: 'echo', phase: 'echo', vote: 'for', owner: 0 });
    trace.messageSent(0, 0, 1, 0, 'echo:for:0');
    trace.messageSent(0, 0, 2, 1, 'consensus_request');
    trace.messageDelivered(10, 0, 1, 0, 'echo:for:0');
    trace.messageDelivered(12, 0, 2, 1, 'consensus_request');
    const index = buildTraceIndex(trace.columns(), 3);
    expect([...index.msgKind].map((k) => FLIGHT_KINDS[k])).toEqual(['echo', 'request']);
    expect(runVocabulary(index).flightKinds).toEqual(['request', 'echo']);
  });
});

describe('the glyph model', () => {
  it('follows a Byzantine run: votes, phase ring filling SEND → ECHO → READY, then decisions', async () => {
    const { out, index } = await byzantineRun();
    const start = glyphsAt(index, -1);
    expect([...start.vote].every((v) => v === -1)).toBe(true);
    expect(start.phases && Math.max(...start.phases)).toBe(0);
    const end = glyphsAt(index, out.trace.length - 1);
    // Every honest agent voted, sent its SEND, echoed and readied everyone's vote, and decided.
    for (let a = 0; a < 6; a++) {
      expect(VOTE_CODES[end.vote[a]]).toBe('for');
      expect(DECISION_CODES[end.decision[a]]).toBe('approved');
      expect(end.phases?.[3 * a]).toBe(1);
      expect(end.phases?.[3 * a + 1]).toBeGreaterThan(0.5);
      expect(end.phases?.[3 * a + 2]).toBeGreaterThan(0.5);
    }
    // Half-way, some agent has echoed but not yet readied everything: the ring is in between.
    const mid = glyphsAt(index, Math.floor(out.trace.length / 3));
    const echoes = Array.from({ length: 7 }, (_, a) => mid.phases?.[3 * a + 1] ?? 0);
    expect(echoes.some((e) => e > 0 && e < 1)).toBe(true);
    const v = runVocabulary(index);
    expect(v.phases).toBe(true);
    expect(v.decisions).toContain('approved');
    expect(v.flightKinds).toEqual(expect.arrayContaining(['vote', 'echo', 'ready']));
  });

  it('moves a frame forward change by change to the same state as a frame built from the start', async () => {
    const { out, index } = await byzantineRun();
    const snapshot = (g: ReturnType<typeof glyphsAt>) =>
      JSON.stringify([g.mark, g.vote, g.decision, g.round, g.crashed, g.phases].map((a) => [...(a ?? [])]));
    let moving = glyphsAt(index, -1);
    const arrays = moving.vote;
    for (let cursor = 0; cursor < out.trace.length; cursor += 97) {
      moving = glyphsAt(index, cursor, moving);
      expect(snapshot(moving)).toBe(snapshot(glyphsAt(index, cursor)));
    }
    // Its arrays were reused, and going back rebuilds it (still the same arrays).
    expect(moving.vote).toBe(arrays);
    expect(snapshot(glyphsAt(index, 5, moving))).toBe(snapshot(glyphsAt(index, 5)));
  });

  it('numbers the round each agent was informed in, and greys crashed agents', () => {
    const trace = new Trace();
    trace.engine(0, 'informed', 0, -1, { round: 0 });
    trace.engine(10, 'informed', 2, 0, { round: 1 });
    trace.agentCrashed(15, 1);
    trace.engine(20, 'informed', 1, 2, { round: 2 });
    trace.agentRecovered(30, 1);
    const index = buildTraceIndex(trace.columns(), 3);
    const at = (i: number) => glyphsAt(index, i);
    expect([...at(1).round]).toEqual([0, -1, 1]);
    expect(AGENT_MARKS[at(1).mark[2]]).toBe('informed');
    expect([...at(2).crashed]).toEqual([0, 1, 0]);
    expect([...at(4).crashed]).toEqual([0, 0, 0]);
    expect(runVocabulary(index)).toMatchObject({ maxRound: 2, crashes: true, phases: false, votes: [] });
  });
});
