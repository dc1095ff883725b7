import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConsensusSummary } from '../../../src/engine/consensus/runs';
import { runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario } from '../../../src/engine/scenario';
import {
  buildByzantineIndex,
  buildByzantineIndexSliced,
  byzantineAt,
  verdictVisible,
} from '../../../src/store/consensus/byzantineTimeline';

type Doc = {
  seed: number;
  topology: { agents: Record<string, unknown>[] };
  network: Record<string, unknown>;
  run: Record<string, unknown>;
};
const base = (): Doc => JSON.parse(readFileSync('public/scenarios/byzantine-13.json', 'utf8'));

/** A variant of the seed's 13-agent Byzantine scenario. */
function variant(edit: (doc: Doc) => void = () => {}) {
  const doc = base();
  edit(doc);
  return parseScenario(doc);
}

async function run(doc = variant()) {
  const { summary, trace } = await runScenario(doc);
  const c = summary.result as ConsensusSummary;
  const ids = doc.topology.agents.map((a) => a.id);
  const records = c.records ?? [];
  expect(records.length).toBeGreaterThan(0);
  return { c, trace, ids, records, index: buildByzantineIndex(trace, records, ids) };
}

/** What the matrix showed before it followed the cursor: the engine's records of the honest agents. */
const honestRecords = (c: ConsensusSummary) =>
  (c.records ?? [])
    .filter((r) => r.honest)
    .map(({ agentId, received, delivered, flags, decision }) => ({ agentId, received, delivered, flags, decision }));

const behaviours = (ids: number[], behaviour: string) => (doc: Doc) => {
  for (const i of ids) doc.topology.agents[i].behaviour = behaviour;
};

/** Honest votes split 6 for / 4 against (agents 5–8 against), as in the e2e journey. */
const splitVotes = (doc: Doc) => {
  for (const i of [4, 5, 6, 7]) doc.topology.agents[i].policy = { kind: 'fixed', vote: 'against' };
};

describe('the Byzantine matrix read from the trace', () => {
  const cases: [string, (doc: Doc) => void][] = [
    ['three equivocators (f = 3)', () => {}],
    [
      'five equivocators, split votes, another seed',
      (d) => {
        behaviours([8, 9], 'equivocate')(d);
        splitVotes(d);
        d.seed = 4;
      },
    ],
    [
      'flip, random, lie-in-relay',
      (d) => {
        behaviours([10], 'flip')(d);
        behaviours([11], 'random')(d);
        behaviours([12], 'lie-in-relay')(d);
      },
    ],
    [
      'silent and stubborn agents, lossy network',
      (d) => {
        behaviours([10], 'silent')(d);
        behaviours([11], 'stubborn')(d);
        d.network.lossProbability = 0.05;
        d.network.duplicationProbability = 0.05;
        d.network.faults = [
          { kind: 'crash', atMs: 15, agent: 'agent-4' },
          { kind: 'recover', atMs: 60, agent: 'agent-4' },
        ];
      },
    ],
    [
      'an honest agent crashed at the start and one during the run',
      (d) => {
        d.network.faults = [
          { kind: 'crash', atMs: 0, agent: 'agent-2' },
          { kind: 'crash', atMs: 20, agent: 'agent-3' },
        ];
        d.run.faultTolerance = 2;
      },
    ],
  ];
  for (const [name, edit] of cases) {
    it(`at the last event equals the engine's records: ${name}`, async () => {
      const { c, trace, index } = await run(variant(edit));
      const end = byzantineAt(index, trace.length - 1);
      expect(end.atEnd).toBe(true);
      expect(end.rows).toEqual(honestRecords(c));
      // Past the end reads the same.
      expect(byzantineAt(index, trace.length + 10).rows).toEqual(end.rows);
    });
  }

  it('fills as the cursor moves: nothing before the first event, monotone, decisions only once taken', async () => {
    const { c, trace, index } = await run();
    const start = byzantineAt(index, -1);
    expect(start).toMatchObject({ receivedCells: 0, deliveredCells: 0, decided: 0, flags: 0, atEnd: false });
    expect(start.rows.every((r) => r.decision === 'pending')).toBe(true);
    const firstDecision = Math.min(...Array.from(index.decidedAt).filter((i) => i >= 0));
    const before = byzantineAt(index, firstDecision - 1);
    expect(before.decided).toBe(0);
    expect(before.rows.every((r) => r.decision === 'pending')).toBe(true);
    const end = byzantineAt(index, trace.length - 1);
    expect(before.deliveredCells).toBeLessThan(end.deliveredCells);
    expect(before.receivedCells).toBeGreaterThan(0);
    expect(byzantineAt(index, firstDecision).decided).toBeGreaterThanOrEqual(1);
    let last = start;
    for (let i = 0; i < trace.length; i += Math.max(1, trace.length >> 6)) {
      const m = byzantineAt(index, i);
      expect(m.receivedCells).toBeGreaterThanOrEqual(last.receivedCells);
      expect(m.deliveredCells).toBeGreaterThanOrEqual(last.deliveredCells);
      expect(m.decided).toBeGreaterThanOrEqual(last.decided);
      last = m;
    }
    expect(end.decided).toBe(c.records?.filter((r) => r.honest && r.decision !== 'undecided').length);
    // Between two changes the same object comes back (React.memo keeps the table).
    const k = index.changes[3];
    expect(byzantineAt(index, k)).toBe(byzantineAt(index, index.changes[4] - 1));
  });

  it('a received cell fills at the SEND delivered to the agent, with the vote its tag carries', async () => {
    const { trace, index, ids } = await run();
    const n = index.n;
    // agent-1 ← agent-2 (both honest): the first messageDelivered tagged send:*:1 from 1 to 0.
    const cell = 0 * n + 1;
    const at = index.receivedAt[cell];
    expect(at).toBeGreaterThanOrEqual(0);
    expect(trace.a[at]).toBe(1);
    expect(trace.b[at]).toBe(0);
    expect(trace.strings[trace.d[at]]).toMatch(/^send:(for|against|abstain):1$/);
    expect(byzantineAt(index, at - 1).rows[0].received[ids[1]]).toBeUndefined();
    expect(byzantineAt(index, at).rows[0].received[ids[1]]).toBe(trace.strings[trace.d[at]].split(':')[1]);
  });

  it('the disagreement shows once both witnesses have decided, and at the end', async () => {
    // The e2e counterexample: 5 equivocators > f = 3; find a seed where honest agents disagree.
    let found: Awaited<ReturnType<typeof run>> | undefined;
    for (let seed = 1; seed <= 60 && !found; seed++) {
      const r = await run(
        variant((d) => {
          behaviours([8, 9], 'equivocate')(d);
          splitVotes(d);
          d.seed = seed;
        }),
      );
      if (r.c.agreement && !r.c.agreement.agreed) found = r;
    }
    if (!found) throw new Error('no disagreement in 60 seeds');
    const { c, trace, index } = found;
    const agreement = c.agreement as NonNullable<ConsensusSummary['agreement']>;
    const w = agreement.witnesses as NonNullable<typeof agreement.witnesses>;
    expect(byzantineAt(index, trace.length - 1).rows).toEqual(honestRecords(c));
    const local = (id: string) => index.ids.indexOf(id);
    const both = Math.max(index.decidedAt[local(w.approvedBy)], index.decidedAt[local(w.rejectedBy)]);
    expect(both).toBeGreaterThan(0);
    expect(verdictVisible(byzantineAt(index, both - 1), agreement)).toBe(false);
    expect(verdictVisible(byzantineAt(index, both), agreement)).toBe(true);
    expect(verdictVisible(byzantineAt(index, trace.length - 1), agreement)).toBe(true);
  });

  it('an agreement shows once every honest agent that decides has decided', async () => {
    const { c, trace, index } = await run();
    const agreement = c.agreement as NonNullable<ConsensusSummary['agreement']>;
    expect(agreement.agreed).toBe(true);
    const lastDecision = Math.max(...Array.from(index.decidedAt));
    expect(verdictVisible(byzantineAt(index, lastDecision - 1), agreement)).toBe(false);
    expect(verdictVisible(byzantineAt(index, lastDecision), agreement)).toBe(true);
    expect(verdictVisible(byzantineAt(index, trace.length - 1), agreement)).toBe(true);
  });

  it('the sliced build gives the same index and stops when cancelled', async () => {
    const { trace, records, ids, index } = await run();
    const sliced = await buildByzantineIndexSliced(trace, records, ids, { cancelled: false });
    expect(sliced).toEqual(index);
    // A build whose job was cancelled (a newer trace came) gives nothing rather than a partial index.
    expect(await buildByzantineIndexSliced(trace, records, ids, { cancelled: true })).toBeNull();
  });
});
