import { afterEach, describe, expect, it } from 'vitest';
import { SimClient, WorkerAbortedError } from '../../src/worker/client';
import { NodeWebWorker } from './nodeWebWorker';

const scenario = (agentCount: number, builder: object = { kind: 'ring' }) => ({
  format: 'swarm-playground/scenario',
  version: 1,
  seed: 5,
  topology: { agentCount, builder },
  network: { latencyMsMin: 1, latencyMsMax: 20 },
  run: { kind: 'flood' },
});

describe('cancelling a run', () => {
  let client: SimClient | undefined;
  afterEach(() => client?.dispose());

  it('rejects only the run: calls queued behind it are sent again to the restarted worker and answered', async () => {
    const threads: NodeWebWorker[] = [];
    client = new SimClient(() => {
      threads.push(new NodeWebWorker(new URL('./nodeWorkerBoot.mjs', import.meta.url)));
      return threads.at(-1) as unknown as Worker;
    });
    const sim = client;
    expect((await sim.validate(scenario(3))).ok).toBe(true);
    const controller = new AbortController();
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    // Aborted once the worker reports progress: the run is surely in flight, the other calls queued behind it.
    const run = sim.run(scenario(2000, { kind: 'mesh' }), { record: false }, () => started(), {
      signal: controller.signal,
    });
    const describe = sim.describe(scenario(7));
    const invalid = sim.validate({ ...scenario(4), seed: -1 });
    await running;
    controller.abort();
    await expect(run).rejects.toBeInstanceOf(WorkerAbortedError);
    const [described, validated] = await Promise.all([describe, invalid]);
    expect(described.ok).toBe(true);
    if (described.ok) expect(described.topology.agents).toHaveLength(7);
    expect(validated.ok).toBe(false);
    if (!validated.ok) expect(validated.issues.map((i) => i.field)).toContain('seed');
    expect(sim.starts).toBe(2);
    expect(threads).toHaveLength(2);
  });

  it('a crashed worker still rejects every call in flight (none is sent again to crash the next one)', async () => {
    const workers: EventTarget[] = [];
    client = new SimClient(() => {
      // A worker that never answers and can be made to fail.
      const fake = Object.assign(new EventTarget(), { postMessage() {}, terminate() {} });
      workers.push(fake);
      return fake as unknown as Worker;
    });
    const a = client.validate(scenario(3));
    const b = client.describe(scenario(3));
    const crash = new Event('error') as Event & { message: string };
    crash.message = 'out of memory';
    workers[0].dispatchEvent(crash);
    await expect(a).rejects.toThrow('out of memory');
    await expect(b).rejects.toThrow('out of memory');
    expect(client.starts).toBe(2);
  });
});
