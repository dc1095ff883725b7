/**
 * The hostile-scenario corpus (test/hostile/corpus/, written by
 * scripts/hostile/generate.ts; INDEX.md says what each file probes), run
 * through the CLI's own path: read the bytes, decode, parse, check the work
 * budget, run without recording. Each file must end in a clean refusal whose
 * problems name field paths (never a constant, never an engine failure or an
 * exception) or in a clean run, as its index entry says; under 20 s of CPU
 * (CPU, not wall-clock time: a loaded CI machine must not fail it); with
 * bounded memory. By default a sample (every file that takes well under a
 * second, which covers every category); FULL=1 runs every file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, type HostileCase } from '../../scripts/hostile/corpus';
import { CONSTANT_NAME, FIELD_PATH, runCorpusFile } from '../../scripts/hostile/runCase';

const DIR = join(__dirname, 'corpus');
const INDEX = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as Omit<HostileCase, 'content'>[];
const FULL = Boolean(process.env.FULL);
const SAMPLE = INDEX.filter((c) => FULL || !c.heavy);

/** Generous: a run may keep what it built (V8 returns memory lazily), but never gigabytes. */
const RSS_GROWTH_MAX = 1_500_000_000;
const CPU_MAX_MS = 20_000;

describe('the hostile-scenario corpus', () => {
  it('has at least 150 files, every one listed once in the index with what it probes', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'index.json');
    expect(INDEX.length).toBeGreaterThanOrEqual(150);
    expect(files.sort()).toEqual(INDEX.map((c) => `${c.name}.json`).sort());
    for (const c of INDEX) expect(c.probes.length, c.name).toBeGreaterThan(5);
    expect(
      readFileSync(join(DIR, 'INDEX.md'), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('| `')),
    ).toHaveLength(INDEX.length);
  });

  it('samples every category by default', () => {
    const sampled = new Set(INDEX.filter((c) => !c.heavy).map((c) => c.category));
    expect([...sampled].sort()).toEqual([...CATEGORIES].sort());
  });

  it.each(SAMPLE.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const r = await runCorpusFile(join(DIR, `${c.name}.json`));
    const seen = `${c.name} (${c.probes}): ${r.outcome} in ${r.cpuMs} ms of CPU (${r.ms} ms) — ${r.message}`;
    expect(['ran', 'refused'], seen).toContain(r.outcome);
    if (c.expect === 'refused') expect(r.outcome, seen).toBe('refused');
    if (c.expect === 'runs') expect(r.outcome, seen).toBe('ran');
    if (r.outcome === 'refused') {
      expect(r.fields.length, seen).toBeGreaterThan(0);
      for (const field of r.fields) {
        expect(field, seen).toMatch(FIELD_PATH);
        expect(field, seen).not.toMatch(CONSTANT_NAME);
      }
      if (c.field !== undefined) expect(r.fields[0], seen).toBe(c.field);
    }
    expect(r.cpuMs, seen).toBeLessThan(CPU_MAX_MS);
    expect(r.rssGrowth, seen).toBeLessThan(RSS_GROWTH_MAX);
  });
});
