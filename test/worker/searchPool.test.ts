import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Prng } from '../../src/engine/core/prng';
import { type SearchChunkResult, type SearchRequest, searchApi, searchChunk } from '../../src/worker/api/search';
import { WorkerAbortedError } from '../../src/worker/client';
import { poolSizeFor, SearchPool } from '../../src/worker/pool';
import { chunking } from '../../src/worker/poolChunks';
import { runSchedule } from '../../src/worker/poolSchedule';
import { searchInChunks } from '../../src/worker/poolSearch';
import { NodeWebWorker } from './nodeWebWorker';

const scenarioFile = (name: string) => JSON.parse(readFileSync(`public/scenarios/${name}`, 'utf8'));

/** Byzantine agreement, 13 agents, f = 3, with `liars` equivocators (more than 3 break agreement on most seeds). */
const byzantine = (liars: number, seed = 1) => {
  const s = scenarioFile('byzantine-13.json');
  s.seed = seed;
  s.topology.agents = Array.from({ length: 13 }, (_, i) => ({
    id: `agent-${i + 1}`,
    behaviour: i >= 13 - liars ? 'equivocate' : 'honest',
    policy: { kind: 'fixed', vote: i >= 4 && i < 8 ? 'against' : 'for' },
  }));
  return s;
};

/** Gossip vote "within 5 rounds": broken by a few seeds only, the first of them well inside the range. */
const rareBreak = () => ({ scenario: scenarioFile('gossip-vote.json'), request: { withinRounds: 5, firstSeed: 1 } });

/**
 * Runs chunks in process but lets them finish in an order drawn from `seed`: each chunk's
 * answer is held until the driver releases it, picked at random among those held.
 */
function shuffledChunks(input: unknown, request: SearchRequest, seed: number) {
  const rng = new Prng(seed);
  const held: (() => void)[] = [];
  const order: number[] = [];
  const release = () => {
    if (held.length > 0) held.splice(rng.int(held.length), 1)[0]();
    setImmediate(release);
  };
  const timer = setImmediate(release);
  return {
    order,
    stop: () => clearImmediate(timer),
    runChunk: async (chunk: { index: number; from: number; count: number }): Promise<SearchChunkResult> => {
      const result = await searchChunk(input, request, chunk.from, chunk.count);
      await new Promise<void>((resolve) => held.push(resolve));
      order.push(chunk.index);
      return result;
    },
  };
}

describe('the schedule of chunks', () => {
  it('runs every chunk once, at most `lanes` at a time and never past the window', async () => {
    const rng = new Prng(7);
    let running = 0;
    let most = 0;
    let lowestOpen = 0;
    const finished = new Set<number>();
    const seen: number[] = [];
    await runSchedule({
      chunks: 40,
      lanes: 3,
      window: 5,
      run: async (chunk) => {
        expect(chunk).toBeLessThan(lowestOpen + 5);
        most = Math.max(most, ++running);
        for (let i = rng.int(20); i > 0; i--) await Promise.resolve();
        running--;
        return chunk * 10;
      },
      done: (chunk, result) => {
        expect(result).toBe(chunk * 10);
        seen.push(chunk);
        finished.add(chunk);
        while (finished.has(lowestOpen)) lowestOpen++;
      },
    });
    expect(most).toBe(3);
    expect(seen.toSorted((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(seen).not.toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('starts no chunk past a limit set while running, and settles without waiting for those past it', async () => {
    let limit = 100;
    const started: number[] = [];
    let never!: () => void;
    await runSchedule({
      chunks: 100,
      lanes: 2,
      limit: () => limit,
      run: (chunk) => {
        started.push(chunk);
        // Chunk 5 never finishes: the schedule must not wait for it once the limit is 5.
        if (chunk === 5) return new Promise<number>((resolve) => (never = () => resolve(chunk)));
        return Promise.resolve(chunk);
      },
      done: (chunk) => {
        if (chunk === 4) limit = 5;
      },
    });
    expect(started.filter((c) => c > 5)).toEqual([]);
    never();
  });

  it('rejects with the first error and starts nothing after it', async () => {
    const started: number[] = [];
    const run = runSchedule({
      chunks: 50,
      lanes: 2,
      run: async (chunk) => {
        started.push(chunk);
        if (chunk === 3) throw new Error('chunk 3 failed');
        return chunk;
      },
      done: () => {},
    });
    await expect(run).rejects.toThrow('chunk 3 failed');
    expect(Math.max(...started)).toBeLessThan(6);
  });
});

describe('the counterexample search on a pool', () => {
  it('sizes the pool as one worker per core but one, at least one', () => {
    expect([poolSizeFor(1), poolSizeFor(2), poolSizeFor(8), poolSizeFor(undefined)]).toEqual([1, 1, 7, 1]);
    expect(new SearchPool(4).workersFor({ maxSeeds: 1 })).toBe(1);
    expect(new SearchPool(4).workersFor({ maxSeeds: 1000 })).toBe(4);
  });

  it('reports exactly what one core reports, whatever order the chunks finish in', async () => {
    const { scenario, request } = rareBreak();
    const cases: [unknown, SearchRequest][] = [
      [scenario, { ...request, maxSeeds: 60 }],
      [byzantine(3), { maxSeeds: 24 }],
      [byzantine(4, 85), { maxSeeds: 40 }],
      [{ nope: true }, { maxSeeds: 10 }],
    ];
    let reordered = false;
    for (const [input, req] of cases) {
      const oneCore = await searchApi.searchCounterexample(input, req);
      for (const [workers, seed] of [
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
      ]) {
        const shuffled = shuffledChunks(input, req, seed);
        const pooled = await searchInChunks({ total: req.maxSeeds ?? 0, workers, runChunk: shuffled.runChunk });
        shuffled.stop();
        expect(pooled, `${workers} workers`).toEqual(oneCore);
        if (workers > 1) reordered ||= shuffled.order.some((chunk, i) => i > 0 && chunk < shuffled.order[i - 1]);
      }
    }
    expect(reordered).toBe(true);
    const found = await searchApi.searchCounterexample(scenario, { ...request, maxSeeds: 60 });
    // The case that matters: the lowest breaking seed is deep in the range, past chunks that finish after it.
    expect(found.ok && found.found && found.tried).toBeGreaterThan(chunking(60, 4).size * 4);
  });

  it('on real worker threads: two workers find the same seed, with the same summary, as one core', async () => {
    const { scenario, request } = rareBreak();
    const req = { ...request, maxSeeds: 80 };
    const oneCore = await searchApi.searchCounterexample(scenario, req);
    const pool = new SearchPool(2, () => new NodeWebWorker(new URL('./nodePoolBoot.mjs', import.meta.url)) as never);
    const seen: number[] = [];
    const pooled = await pool.search(scenario, req, (_fraction, tried) => seen.push(tried));
    expect(pooled).toEqual(oneCore);
    expect(pool.started).toBe(2);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((tried, i) => i === 0 || tried > seen[i - 1])).toBe(true);
  });

  describe('cancelling', () => {
    const threads: NodeWebWorker[] = [];
    afterEach(() => {
      for (const t of threads.splice(0)) t.terminate();
    });

    it('terminates every worker of the pool and rejects with WorkerAbortedError', async () => {
      const terminated: number[] = [];
      const pool = new SearchPool(2, () => {
        const thread = new NodeWebWorker(new URL('./nodePoolBoot.mjs', import.meta.url));
        threads.push(thread);
        const stop = thread.terminate.bind(thread);
        thread.terminate = () => {
          terminated.push(thread.threadId);
          stop();
        };
        return thread as never;
      });
      const controller = new AbortController();
      let progressed!: () => void;
      const underway = new Promise<void>((resolve) => (progressed = resolve));
      // Three equivocators never break agreement: the search would try every seed.
      const search = pool.search(byzantine(3), { maxSeeds: 640 }, () => progressed(), { signal: controller.signal });
      await underway;
      controller.abort();
      await expect(search).rejects.toBeInstanceOf(WorkerAbortedError);
      expect(terminated.toSorted()).toEqual(threads.map((t) => t.threadId).toSorted());
    });
  });
});
