/** Raft's and PBFT's narration: every event and message of real runs in words, with no hole in them. */
import { describe, expect, it } from 'vitest';
import { RUN_CATALOGUE } from '../../../src/engine/runs/catalogue';
import { runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario } from '../../../src/engine/scenario';
import { decodeAll } from '../../../src/engine/trace/trace';

async function sentences(kind: 'raft' | 'pbft', run: Record<string, unknown>, agents: object) {
  const { summary, trace } = await runScenario(
    parseScenario({
      format: 'swarm-playground/scenario',
      version: 1,
      seed: 4,
      topology: { ...agents, builder: { kind: 'mesh' } },
      run: { kind, ...run },
    }),
  );
  const narrate = RUN_CATALOGUE[kind].narrate;
  if (!narrate) throw new Error('no narration');
  const id = (a: number) => summary.agentIds[a];
  const out: string[] = [];
  for (const e of decodeAll(trace)) {
    if (e.kind === 'engine') out.push(String(narrate(e.name, e.detail, id(e.agent), e.peer >= 0 ? id(e.peer) : null)));
    if (e.kind === 'messageSent')
      out.push(String(narrate('message', { tag: e.tag, payload: e.payload }, id(e.from), id(e.to))));
  }
  return out;
}

describe('the narration of leader-based runs', () => {
  it('Raft: every event and message in words, the election told as it happens', async () => {
    const words = await sentences(
      'raft',
      { durationMs: 4_000, commands: [{ atMs: 500, value: 'x=1' }], randomFaults: { crashes: 2, partitions: 1 } },
      { agentCount: 5 },
    );
    expect(words.length).toBeGreaterThan(100);
    for (const w of words) expect(w).not.toMatch(/undefined|null|NaN|\[object/);
    expect(words).toContainEqual(expect.stringMatching(/^agent-\d became leader in term \d+$/));
    expect(words).toContainEqual(expect.stringMatching(/^agent-\d voted for agent-\d in term \d+$/));
    expect(words).toContainEqual(expect.stringMatching(/^agent-\d applied 'x=1' \(entry 1\)$/));
    expect(words).toContainEqual(expect.stringMatching(/^a heartbeat of term \d+$/));
  });

  it('PBFT: a silent primary’s view change in words', async () => {
    const agents = [1, 2, 3, 4].map((i) => ({ id: `agent-${i}`, behaviour: i === 1 ? 'silent' : 'honest' }));
    const words = await sentences(
      'pbft',
      { viewChangeTimeoutMs: 300, commands: [{ atMs: 100, value: 'op' }] },
      { agents },
    );
    for (const w of words) expect(w).not.toMatch(/undefined|null|NaN|\[object/);
    expect(words).toContain('agent-2 gave up on the primary and asked for view 1');
    expect(words).toContainEqual(
      expect.stringMatching(/^the client has f \+ 1 matching replies: request 0 is committed as number \d+$/),
    );
    expect(words).toContainEqual(expect.stringMatching(/^a request to move to view 1$/));
  });
});
