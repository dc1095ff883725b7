import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFailure, parseArgs, runFile } from '../../src/cli/runFile';

const SCENARIOS = join(__dirname, '..', '..', 'public', 'scenarios');
const read = (name: string) => readFileSync(join(SCENARIOS, name), 'utf8');

describe('the headless CLI', () => {
  it('runs every example scenario, twice with the same hash, and a different seed changes it', async () => {
    for (const file of readdirSync(SCENARIOS).filter((f) => f.endsWith('.json') && !f.includes('million'))) {
      const a = await runFile(read(file), {});
      const b = await runFile(read(file), {});
      expect(a.ok && b.ok, file).toBe(true);
      if (!a.ok || !b.ok) continue;
      expect(b.summary.traceHash, file).toBe(a.summary.traceHash);
      const other = await runFile(read(file), { seed: a.summary.seed + 1 });
      expect(other.ok && other.summary.traceHash !== a.summary.traceHash, file).toBe(true);
    }
  });

  it('writes the decoded trace when asked', async () => {
    const out = await runFile(read('flood-small-world.json'), { trace: 'x.json' });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.traceJson.events).toHaveLength(out.summary.events);
    expect(out.traceJson.events[0]).toMatchObject({ kind: 'engine', name: 'informed' });
  });

  it('explains a bad file field by field', async () => {
    const bad = JSON.stringify({
      format: 'swarm-playground/scenario',
      version: 1,
      seed: -3,
      topology: { builder: { kind: 'ring' } },
      run: { kind: 'flood' },
    });
    const out = await runFile(bad, {});
    expect(out.ok).toBe(false);
    if (out.ok) return;
    const text = describeFailure('bad.json', out.failure);
    expect(text).toContain('bad.json: the scenario is not valid');
    expect(text).toMatch(/^ {2}seed: /m);
  });

  it('parses its arguments and refuses bad ones', () => {
    expect(parseArgs(['a.json', '--seed', '7', '--trace', 't.json'])).toEqual({
      file: 'a.json',
      seed: 7,
      trace: 't.json',
    });
    expect(() => parseArgs([])).toThrow(/usage/);
    expect(() => parseArgs(['a.json', '--seed', 'x'])).toThrow(/--seed/);
    expect(() => parseArgs(['a.json', '--nope'])).toThrow(/unknown option/);
  });

  it('as a process: prints the JSON summary and exits 0; a bad file exits 1 with the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarm-cli-'));
    const good = execFileSync('npx', ['tsx', 'src/cli/main.ts', join(SCENARIOS, 'quorum-supermajority.json')], {
      encoding: 'utf8',
    });
    expect(JSON.parse(good)).toMatchObject({ runKind: 'consensus', result: { result: { decision: 'rejected' } } });
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"format": "swarm-playground/scenario", "version": 1, "seed": 1, "topology": {');
    const bad = spawnSync('npx', ['tsx', 'src/cli/main.ts', file], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/not valid JSON/);
  });
});
