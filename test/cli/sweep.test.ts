import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runFile } from '../../src/cli/runFile';
import { rowLines, sweep } from '../../src/cli/sweep';
import { MAX_SWEEP_SEEDS, parseSweepArgs, planOf } from '../../src/cli/sweepArgs';
import { Prng } from '../../src/engine/core/prng';
import { planSeedAt, type SeedPlan, type SweepChunkResult, sweepChunk } from '../../src/worker/api/sweep';

/** Byzantine agreement, 13 agents, f = 3, four equivocators: agreement breaks on most seeds, not all. */
function tooManyLiars(): string {
  const s = JSON.parse(readFileSync('public/scenarios/byzantine-13.json', 'utf8'));
  s.topology.agents = Array.from({ length: 13 }, (_, i) => ({
    id: `agent-${i + 1}`,
    behaviour: i >= 9 ? 'equivocate' : 'honest',
    policy: { kind: 'fixed', vote: i >= 4 && i < 8 ? 'against' : 'for' },
  }));
  return JSON.stringify(s);
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a process, without blocking this one (several run side by side). */
function sim(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const seedOf = (line: string) => JSON.parse(line).seed as number;

describe('the sweep command line', () => {
  it('shards i/n take the seeds with (seed − A) mod n = i − 1: disjoint, and together the whole range', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(300), fc.integer({ min: 1, max: 40 }), (a, length, n) => {
        const b = a + length;
        const seen: number[] = [];
        for (let i = 1; i <= n; i++) {
          const plan = planOf({ first: a, last: b, shard: { index: i, count: n } });
          for (let k = 0; k < plan.count; k++) {
            const seed = planSeedAt(plan, k);
            expect((seed - a) % n).toBe(i - 1);
            seen.push(seed);
          }
        }
        expect(seen.toSorted((x, y) => x - y)).toEqual(Array.from({ length: length + 1 }, (_, k) => a + k));
      }),
    );
  });

  it('refuses bad arguments with one line naming the argument', () => {
    const problem = (...argv: string[]) => {
      try {
        parseSweepArgs(argv);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(parseSweepArgs(['s.json', '--seeds', '3..9', '--shard', '2/4', '--jobs', '3'])).toEqual({
      file: 's.json',
      first: 3,
      last: 9,
      shard: { index: 2, count: 4 },
      jobs: 3,
    });
    for (const [argv, named] of [
      [['s.json', '--seeds', '9..3'], '--seeds'],
      [['s.json', '--seeds', '1-3'], '--seeds'],
      [['s.json', '--seeds', '0..4294967296'], '--seeds'],
      [['s.json'], '--seeds'],
      [['s.json', '--seeds', '1..3', '--shard', '0/3'], '--shard'],
      [['s.json', '--seeds', '1..3', '--shard', '4/3'], '--shard'],
      [['s.json', '--seeds', '1..3', '--jobs', '0'], '--jobs'],
      [['s.json', '--seeds', '1..3', '--jobs'], '--jobs'],
      [['s.json', '--seeds', '1..3', '--trace', 't.json'], '--trace'],
      [['--seeds', '1..3'], '<scenario.json>'],
      [['s.json', '--seeds', `0..${MAX_SWEEP_SEEDS}`], '--seeds'],
    ] as const) {
      const message = problem(...argv);
      expect(message.startsWith(`${named}:`), `${argv.join(' ')} → ${message}`).toBe(true);
      expect(message).not.toContain('\n');
    }
    // Too many seeds for one process, but not for one shard of them.
    expect(problem('s.json', '--seeds', `0..${MAX_SWEEP_SEEDS}`, '--shard', '1/2')).toBe('accepted');
  });

  it('writes rows in seed order whatever order the threads finish in, and stops at a refused seed', async () => {
    const text = tooManyLiars();
    const plan: SeedPlan = { first: 50, step: 1, count: 70 };
    const oneCore = await sweepChunk(text, plan, 0, plan.count);
    expect(oneCore.failure).toBeUndefined();
    for (const jobs of [1, 2, 3]) {
      const rng = new Prng(jobs);
      let out = '';
      const end = await sweep({
        text,
        plan,
        jobs,
        // Each chunk answers after a drawn number of turns of the event loop: chunks finish out of order.
        runChunk: async (task) => {
          const result = await sweepChunk(task.text, task.plan, task.from, task.count);
          for (let i = rng.int(30); i > 0; i--) await new Promise((resolve) => setImmediate(resolve));
          return result;
        },
        // A slow output: lanes finish while it is busy.
        write: async (chunk) => {
          out += chunk;
          for (let i = rng.int(30); i > 0; i--) await new Promise((resolve) => setImmediate(resolve));
        },
      });
      expect(out, `${jobs} jobs`).toBe(rowLines(oneCore.rows));
      const violated = oneCore.rows.filter((r) => r.verdict === 'violated');
      expect(end).toEqual({
        kind: 'done',
        totals: { runs: 70, held: 70 - violated.length, violated: violated.length, firstViolated: violated[0].seed },
      });
    }
    // A seed refused in the middle: the rows before it are written, none after, on any number of threads.
    const refusedAt = 80;
    const refusing = async (task: { text: string; plan: SeedPlan; from: number; count: number }) => {
      const result = await sweepChunk(task.text, task.plan, task.from, task.count);
      const at = result.rows.findIndex((r) => r.seed === refusedAt);
      if (at < 0) return result;
      const failure = { kind: 'limit' as const, message: 'over budget', issues: [] };
      return { rows: result.rows.slice(0, at), failure: { seed: refusedAt, failure } } satisfies SweepChunkResult;
    };
    let out = '';
    const slowly = async (chunk: string) => {
      out += chunk;
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    };
    const end = await sweep({ text, plan, jobs: 3, runChunk: refusing, write: slowly });
    expect(end).toMatchObject({ kind: 'failed', seed: refusedAt, totals: { runs: refusedAt - plan.first } });
    expect(out).toBe(rowLines(oneCore.rows.slice(0, refusedAt - plan.first)));
  });

  it('as processes: shards 1/3, 2/3 and 3/3 together give the unsharded JSON lines, as sets and in seed order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarm-sweep-'));
    const file = join(dir, 'liars.json');
    writeFileSync(file, tooManyLiars());
    const range = ['--seeds', '100..159'];
    const [whole, ...shards] = await Promise.all([
      sim('sweep', file, ...range, '--jobs', '2'),
      ...[1, 2, 3].map((i) => sim('sweep', file, ...range, '--shard', `${i}/3`, '--jobs', String(i === 2 ? 2 : 1))),
    ]);
    for (const run of [whole, ...shards]) expect(run.status, run.stderr).toBe(0);
    const all = lines(whole.stdout);
    expect(all.map(seedOf)).toEqual(Array.from({ length: 60 }, (_, k) => 100 + k));
    const parts = shards.map((s) => lines(s.stdout));
    parts.forEach((part, i) => {
      // Each shard in seed order, and only its own seeds.
      expect(part.map(seedOf)).toEqual(all.map(seedOf).filter((seed) => (seed - 100) % 3 === i));
    });
    const merged = parts.flat();
    expect(new Set(merged)).toEqual(new Set(all));
    expect(merged).toHaveLength(all.length);
    expect(merged.toSorted((a, b) => seedOf(a) - seedOf(b))).toEqual(all);
    // A row is the run the plain command gives for that seed.
    const row = JSON.parse(all[7]);
    const single = await runFile(tooManyLiars(), { seed: row.seed });
    expect(single.ok && single.summary.traceHash).toBe(row.traceHash);
    for (const r of all.map((l) => JSON.parse(l)))
      expect(r.verdict).toBe(Object.values(r.properties).includes('violated') ? 'violated' : 'held');
    expect(all.some((l) => JSON.parse(l).verdict === 'violated')).toBe(true);
    // The summary is one JSON line on stderr; stdout holds the rows alone.
    const summary = JSON.parse(whole.stderr.trim()).summary;
    expect(summary).toMatchObject({ seeds: '100..159', shard: '1/1', jobs: 2, end: 'done', runs: 60 });
    expect(summary.held + summary.violated).toBe(60);
    expect(summary.firstViolated).toBe(all.map((l) => JSON.parse(l)).find((r) => r.verdict === 'violated').seed);
  });

  it('as a process: bad arguments exit 2 with one line; a refused run exits 1 naming the field and the seed', async () => {
    const bad = await sim('sweep', 'public/scenarios/byzantine-13.json', '--seeds', '1..3', '--shard', '3/2');
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^--shard: [^\n]+$/);
    const dir = mkdtempSync(join(tmpdir(), 'swarm-sweep-'));
    const huge = join(dir, 'huge.json');
    writeFileSync(
      huge,
      JSON.stringify({
        format: 'swarm-playground/scenario',
        version: 1,
        seed: 1,
        topology: { agentCount: 100, builder: { kind: 'mesh' } },
        run: { kind: 'sync', mode: 'full', keys: 1_000_000 },
      }),
    );
    const refused = await sim('sweep', huge, '--seeds', '5..500', '--jobs', '2');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`${huge} (seed 5): the scenario is not valid`);
    expect(refused.stderr).toMatch(/^ {2}run\.keys: /m);
    expect(refused.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
    const missing = await sim('sweep', join(dir, 'nope.json'), '--seeds', '1..2');
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe(`Cannot read ${join(dir, 'nope.json')}: no such file or directory`);
  });
});
