import '@vitest/web-worker';
import { afterEach, describe, expect, it } from 'vitest';
import { SimClient, WorkerAbortedError } from '../../src/worker/client';
import { buildTraceIndex } from '../../src/worker/traceIndex';
import { NodeWebWorker } from './nodeWebWorker';

const scenario = (agentCount: number, builder: object = { kind: 'ring' }) => ({
  format: 'swarm-playground/scenario',
  version: 1,
  seed: 5,
  topology: { agentCount, builder },
  network: { latencyMsMin: 1, latencyMsMax: 20 },
  run: { kind: 'flood' },
});

const makeWorker = () => new Worker(new URL('../../src/worker/sim.worker.ts', import.meta.url), { type: 'module' });

describe('the real simulation worker', () => {
  let client: SimClient;
  afterEach(() => client?.dispose());

  it('runs a scenario and returns the trace as typed-array columns', async () => {
    client = new SimClient(makeWorker);
    const outcome = await client.run(scenario(30), {});
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.summary.traceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(outcome.trace.kind).toBeInstanceOf(Uint8Array);
    expect(outcome.trace.length).toBe(outcome.summary.events);
    // The player's index comes built by the worker, the same as one built here.
    const here = buildTraceIndex(outcome.trace, outcome.summary.agents);
    expect(outcome.index.msgCount).toBe(here.msgCount);
    expect([...outcome.index.msgEnd]).toEqual([...here.msgEnd]);
    expect([...outcome.index.glyphChanges.event]).toEqual([...here.glyphChanges.event]);
  });

  it('reports validation problems as data with field paths', async () => {
    client = new SimClient(makeWorker);
    const outcome = await client.run({ ...scenario(5), seed: -1 }, {});
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure.issues.map((i) => i.field)).toContain('seed');
  });

  it('aborting mid-run (in a real thread) rejects the call, restarts the worker, and the next run works', async () => {
    const threads: NodeWebWorker[] = [];
    client = new SimClient(() => {
      threads.push(new NodeWebWorker(new URL('./nodeWorkerBoot.mjs', import.meta.url)));
      return threads.at(-1) as unknown as Worker;
    });
    // Warm up so the thread is mid-run (not still loading) when the abort comes.
    expect((await client.run(scenario(5), {})).ok).toBe(true);
    const controller = new AbortController();
    // A large mesh flood takes long enough to be caught in flight.
    const slow = client.run(scenario(2000, { kind: 'mesh' }), { record: false }, undefined, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 300);
    await expect(slow).rejects.toBeInstanceOf(WorkerAbortedError);
    expect(client.starts).toBe(2);
    expect(threads).toHaveLength(2);
    const again = await client.run(scenario(10), {});
    expect(again.ok).toBe(true);
  });

  it('gives the same hash as the API called directly in Node', async () => {
    client = new SimClient(makeWorker);
    const { simApi } = await import('../../src/worker/simApi');
    const direct = await simApi.run(scenario(40, { kind: 'small-world', k: 4, beta: 0.3 }), {});
    const viaWorker = await client.run(scenario(40, { kind: 'small-world', k: 4, beta: 0.3 }), {});
    expect(direct.ok && viaWorker.ok).toBe(true);
    if (direct.ok && viaWorker.ok) expect(viaWorker.summary.traceHash).toBe(direct.summary.traceHash);
  });
});
