/**
 * The message log speaks in agent ids, never in the trace's zero-based addresses: partition
 * groups, drop reasons (loss, partition, crash, no route, duplicate copy) and relays are
 * sentences naming the agents the rest of the page names.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario } from '../../../src/engine/scenario';
import { KIND } from '../../../src/engine/trace/events';
import { agentsInWords, dropWords, logRow, partitionWords } from '../../../src/store/inspectors/logRows';
import type { TraceColumns } from '../../../src/worker/protocol';

const ids = Array.from({ length: 10 }, (_, i) => `agent-${i + 1}`);

async function run(topology: object, network: object, run: object) {
  const { summary, trace } = await runScenario(
    parseScenario({ format: 'swarm-playground/scenario', version: 1, seed: 7, topology, network, run }),
  );
  return { ids: summary.agentIds, trace: trace as TraceColumns };
}

const rowsOf = (trace: TraceColumns, names: readonly string[], kind: number) =>
  Array.from({ length: trace.length }, (_, i) => i)
    .filter((i) => trace.kind[i] === kind)
    .map((i) => logRow(trace, i, names, null));

describe('agents in words', () => {
  it('names addresses by id, three or more numbered in a row as a range', () => {
    expect(agentsInWords([3, 4, 5], ids)).toBe('agent-4…agent-6');
    expect(agentsInWords([5, 3, 4, 8, 0, 1], ids)).toBe('agent-1, agent-2, agent-4…agent-6, agent-9');
    expect(agentsInWords([0, 2], ['expert-1', 'junior-1', 'junior-2'])).toBe('expert-1, junior-2');
    // Ids that are not numbered one after another are never joined into a range.
    expect(agentsInWords([0, 1, 2], ['expert-1', 'junior-1', 'junior-2'])).toBe('expert-1, junior-1, junior-2');
  });

  it('a partition names its groups, the rest of the swarm included, and a heal says so', () => {
    expect(partitionWords({ groups: [[3, 4, 5]], oneWay: [] }, ids)).toBe(
      'partition: agent-4…agent-6 cut off from agent-1…agent-3, agent-7…agent-10',
    );
    expect(partitionWords({ groups: [[0], [1], [2, 3, 4, 5, 6, 7, 8, 9]], oneWay: [] }, ids)).toBe(
      'partition into 3 groups that cannot reach each other: agent-1; agent-2; agent-3…agent-10',
    );
    expect(partitionWords({ groups: [], oneWay: [{ from: [0, 1], to: [9] }] }, ids)).toBe(
      'agent-1, agent-2 can no longer reach agent-10',
    );
    expect(partitionWords({ groups: [], oneWay: [] }, ids)).toBe('healed: every agent can reach every other again');
  });

  it('every drop reason is its own sentence naming the hop’s agents, never its code', () => {
    const reasons = ['loss', 'partition', 'crashed', 'sender-crashed', 'no-route', 'duplicate'] as const;
    const words = reasons.map((reason) => dropWords(reason, 'agent-2', 'agent-5'));
    for (const w of words) {
      expect(w).toMatch(/agent-(2|5)/);
      expect(w).not.toMatch(/sender-crashed|no-route/);
    }
    expect(new Set(words).size).toBe(reasons.length);
  });
});

describe('log rows of real runs', () => {
  it('a partition of agent-4…agent-6 reads as ids, not as the trace’s [[3,4,5]]', async () => {
    const r = await run(
      { agentCount: 10, builder: { kind: 'mesh' } },
      {
        faults: [
          { kind: 'partition', atMs: 0, groups: [['agent-4', 'agent-5', 'agent-6']] },
          { kind: 'heal', atMs: 50 },
        ],
      },
      { kind: 'flood' },
    );
    const rows = rowsOf(r.trace, r.ids, KIND.partitionChanged).map((row) => row.summary);
    expect(rows).toEqual([
      'partition: agent-4…agent-6 cut off from agent-1…agent-3, agent-7…agent-10',
      'healed: every agent can reach every other again',
    ]);
    const cut = rowsOf(r.trace, r.ids, KIND.messageDropped).map((row) => row.summary);
    expect(cut.length).toBeGreaterThan(0);
    for (const s of cut) expect(s).toMatch(/cut off by the partition: agent-\d+ cannot reach agent-\d+$/);
  });

  it('no route, a crashed receiver and loss are named with the agents', async () => {
    // A custom swarm without links: a flood from agent-1 has no path to anyone.
    const alone = await run(
      { agentCount: 3, builder: { kind: 'custom' } },
      {},
      { kind: 'consensus', algorithm: 'quorum', mode: 'simple', timeoutMs: 200 },
    );
    const noRoute = rowsOf(alone.trace, alone.ids, KIND.messageDropped).map((row) => row.summary);
    expect(noRoute.length).toBeGreaterThan(0);
    expect(noRoute.some((s) => /no path of links from agent-1 to agent-[23]$/.test(s))).toBe(true);

    const lossy = await run(
      { agentCount: 6, builder: { kind: 'mesh' } },
      { lossProbability: 0.3, faults: [{ kind: 'crash', atMs: 0, agent: 'agent-3' }] },
      { kind: 'flood' },
    );
    const drops = rowsOf(lossy.trace, lossy.ids, KIND.messageDropped).map((row) => row.summary);
    expect(drops.some((s) => /lost on the link from agent-\d+ to agent-\d+$/.test(s))).toBe(true);
    expect(drops.some((s) => s.endsWith('not delivered: agent-3 had crashed'))).toBe(true);
  });

  it('a relay is named, and so is a second copy a relay had already passed on', async () => {
    const ring = await run(
      { agentCount: 8, builder: { kind: 'ring' } },
      { duplicationProbability: 0.5 },
      { kind: 'consensus', algorithm: 'quorum', mode: 'simple' },
    );
    const relays = rowsOf(ring.trace, ring.ids, KIND.messageRelayed);
    expect(relays.length).toBeGreaterThan(0);
    for (const row of relays) expect(row.summary).toMatch(new RegExp(`— ${row.to} passes it on towards its receiver$`));
    const copies = rowsOf(ring.trace, ring.ids, KIND.messageDropped).filter((row) =>
      row.summary.includes('second copy'),
    );
    expect(copies.length).toBeGreaterThan(0);
    for (const row of copies) expect(row.summary).toContain(`${row.to} had already passed this message on`);
  });
});
