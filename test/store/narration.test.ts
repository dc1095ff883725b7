/**
 * The narration of the current moment, read from real runs: each sentence is checked against the
 * trace event it tells (who, to whom, what), not against canned text.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/engine/runs/runScenario';
import { parseScenario } from '../../src/engine/scenario';
import { decodeEvent } from '../../src/engine/trace/trace';
import { narrationProgress } from '../../src/store/narration';
import { currentNarration } from '../../src/store/narrationState';
import { listNames, partitionSentence } from '../../src/store/narrationWords';
import { buildTraceIndex } from '../../src/worker/traceIndex';

type Doc = Record<string, unknown>;

function scenario(topology: Doc, run: Doc, network: Doc = {}, seed = 7) {
  return parseScenario({ format: 'swarm-playground/scenario', version: 1, seed, topology, network, run });
}

async function play(doc: ReturnType<typeof parseScenario>) {
  const { summary, trace } = await runScenario(doc);
  const traceIndex = buildTraceIndex(trace, summary.agents);
  const at = (cursor: number) => {
    const n = currentNarration({ summary, trace, traceIndex }, cursor);
    if (!n) throw new Error('no narration for a current run');
    return n;
  };
  const engineIndex = (name: string) => {
    for (let i = 0; i < trace.length; i++) {
      const e = decodeEvent(trace, i);
      if (e.kind === 'engine' && e.name === name) return i;
    }
    return -1;
  };
  return { summary, trace, at, engineIndex, ids: summary.agentIds };
}

const agents = (n: number, behaviours: Record<number, string> = {}) =>
  Array.from({ length: n }, (_, i) => ({ id: `agent-${i + 1}`, behaviour: behaviours[i + 1] ?? 'honest' }));

describe('narration words', () => {
  it('lists names with "and", and counts the rest past the limit', () => {
    expect(listNames(['agent-1'])).toBe('agent-1');
    expect(listNames(['agent-1', 'agent-2'])).toBe('agent-1 and agent-2');
    expect(listNames(['a', 'b', 'c', 'd', 'e', 'f'], 4)).toBe('a, b, c, d and 2 more');
  });

  it('a partition names its groups and "the rest"; a heal says every agent can reach every other', () => {
    const speaker = { ids: ['agent-1', 'agent-2', 'agent-3', 'agent-4'] };
    expect(partitionSentence({ groups: [[0, 1]], oneWay: [] }, speaker)).toBe(
      'partition: {agent-1 and agent-2} | the rest',
    );
    expect(partitionSentence({ groups: [[0], [1, 2, 3]], oneWay: [] }, speaker)).toBe(
      'partition: {agent-1} | {agent-2, agent-3 and agent-4}',
    );
    expect(partitionSentence({ groups: [], oneWay: [] }, speaker)).toMatch(/healed/);
    expect(partitionSentence({ groups: [], oneWay: [{ from: [0], to: [3] }] }, speaker)).toBe(
      'one-way cut: {agent-1} cannot reach {agent-4}',
    );
  });
});

describe('narration of real runs', () => {
  it("an equivocating agent: \"agent-4 sent 'for' to … and 'against' to …\", exactly its sends at that moment", async () => {
    const doc = scenario(
      { agents: agents(7, { 4: 'equivocate' }), builder: { kind: 'mesh' } },
      { kind: 'consensus', algorithm: 'byzantine', faultTolerance: 1, numRounds: 3 },
    );
    const { trace, at, ids } = await play(doc);
    const pattern = /^agent-4 sent '(for|against)' to (.+) and '(for|against)' to (.+)$/;
    let found = -1;
    for (let i = 0; i < trace.length && found < 0; i++) if (at(i).lines.some((l) => pattern.test(l))) found = i;
    expect(found, 'a moment where agent-4 sends two different votes').toBeGreaterThanOrEqual(0);
    // The sentence's receivers are the SEND messages agent-4 sent at that moment, by the vote each carried.
    const line = at(found).lines.find((l) => pattern.test(l)) ?? '';
    const t = trace.t[found];
    const sent = new Map<string, string[]>();
    for (let i = 0; i <= found; i++) {
      const e = decodeEvent(trace, i);
      if (e.kind !== 'messageSent' || e.t !== t || ids[e.from] !== 'agent-4' || !e.tag.startsWith('send:')) continue;
      const vote = e.tag.split(':')[1];
      sent.set(vote, [...(sent.get(vote) ?? []), ids[e.to]]);
    }
    expect(sent.size).toBe(2);
    for (const [vote, to] of sent) expect(line).toContain(`'${vote}' to ${listNames(to)}`);
  });

  it('a decision: "agent-1 decided: approved", as the engine decided', async () => {
    const doc = scenario({ agentCount: 5, builder: { kind: 'mesh' } }, { kind: 'consensus', algorithm: 'quorum' });
    const { summary, at, engineIndex } = await play(doc);
    const decided = engineIndex('decided');
    const decision = summary.runKind === 'consensus' ? summary.result.result.decision : '';
    expect(at(decided).lines.at(-1)).toBe(`agent-1 decided: ${decision}`);
    expect(at(decided).headline).toContain('1 agent decided');
    expect(at(decided - 1).headline).not.toContain('decided');
  });

  it('rumor rounds: "round r: k of 200 informed", k counted from the trace', async () => {
    const doc = scenario(
      { agentCount: 200, builder: { kind: 'small-world', k: 4, beta: 0.1 } },
      { kind: 'rumor', mode: 'push-pull', fanout: 1 },
    );
    const { trace, at } = await play(doc);
    const informed = new Set<number>();
    let checked = 0;
    for (let i = 0; i < trace.length; i++) {
      const e = decodeEvent(trace, i);
      if (e.kind !== 'engine') continue;
      if (e.name === 'informed') informed.add(e.agent);
      if (e.name !== 'roundEnd') continue;
      const round = (e.detail as { round: number }).round;
      expect(at(i).headline).toBe(`round ${round}: ${informed.size} of 200 informed`);
      checked++;
    }
    expect(checked).toBeGreaterThan(2);
  });

  it('a crash and a partition are told at their events, the partition in the headline while it lasts', async () => {
    const doc = scenario(
      { agentCount: 6, builder: { kind: 'ring' } },
      { kind: 'flood' },
      {
        faults: [
          { kind: 'partition', atMs: 5, groups: [['agent-1', 'agent-2']] },
          { kind: 'crash', atMs: 6, agent: 'agent-3' },
          { kind: 'heal', atMs: 400 },
        ],
      },
    );
    const { trace, at } = await play(doc);
    const index = (kind: string) => {
      for (let i = 0; i < trace.length; i++) if (decodeEvent(trace, i).kind === kind) return i;
      return -1;
    };
    const cut = index('partitionChanged');
    expect(at(cut).lines.at(-1)).toBe('partition: {agent-1 and agent-2} | the rest');
    expect(at(cut).headline).toContain('partition: {agent-1 and agent-2} | the rest');
    expect(at(index('agentCrashed')).lines.at(-1)).toBe('agent-3 crashed');
  });

  it('a relay hop: "agent-2 relayed \'for\' from agent-1 towards agent-3" names the relay, the sender and the receiver', async () => {
    const doc = scenario({ agentCount: 6, builder: { kind: 'ring' } }, { kind: 'consensus', algorithm: 'quorum' });
    const { trace, at, ids } = await play(doc);
    let relay = -1;
    for (let i = 0; i < trace.length && relay < 0; i++) if (decodeEvent(trace, i).kind === 'messageRelayed') relay = i;
    expect(relay).toBeGreaterThan(0);
    const hop = decodeEvent(trace, relay);
    if (hop.kind !== 'messageRelayed') throw new Error('not a relay');
    let sent = relay;
    while (sent >= 0) {
      const e = decodeEvent(trace, sent);
      if (e.kind === 'messageSent' && e.msg === hop.msg) break;
      sent--;
    }
    const origin = decodeEvent(trace, sent);
    if (origin.kind !== 'messageSent') throw new Error('no origin');
    const what = origin.tag === 'vote' ? `'${(origin.payload as { vote: string }).vote}'` : 'a request to vote';
    expect(at(relay).lines.at(-1)).toBe(
      `${ids[hop.to]} relayed ${what} from ${ids[origin.from]} towards ${ids[origin.to]}`,
    );
  });

  it('no route: a message to an agent no link reaches is dropped, and the narration says so', async () => {
    const doc = scenario(
      {
        agents: agents(4),
        builder: { kind: 'custom' },
        links: [
          ['agent-1', 'agent-2'],
          ['agent-2', 'agent-3'],
        ],
      },
      { kind: 'consensus', algorithm: 'quorum' },
    );
    const { trace, at } = await play(doc);
    let drop = -1;
    for (let i = 0; i < trace.length && drop < 0; i++) {
      const e = decodeEvent(trace, i);
      if (e.kind === 'messageDropped' && e.reason === 'no-route') drop = i;
    }
    expect(drop).toBeGreaterThanOrEqual(0);
    expect(at(drop).lines.at(-1)).toMatch(
      /^no route from agent-1 to agent-4: no path of links, so the .+ was dropped$/,
    );
  });

  it('a kind without its own words is still narrated from the event names', async () => {
    const doc = scenario({ agentCount: 4, builder: { kind: 'mesh' } }, { kind: 'flood' });
    const { summary, trace } = await runScenario(doc);
    const traceIndex = buildTraceIndex(trace, summary.agents);
    const { narrate } = await import('../../src/store/narration');
    const informed = trace.strings.indexOf('informed');
    let i = 0;
    while (!(trace.kind[i] === 8 && trace.d[i] === informed)) i++;
    const bare = narrate(trace, traceIndex, narrationProgress(trace), i, summary.agents, { ids: summary.agentIds });
    expect(bare.lines.at(-1)).toBe(`${summary.agentIds[trace.a[i]]}: informed`);
  });
});
