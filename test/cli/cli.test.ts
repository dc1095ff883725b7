import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeFailure, parseArgs, runFile } from '../../src/cli/runFile';
import { writeTraceFile } from '../../src/cli/traceFile';
import { DROP_REASONS, KIND } from '../../src/engine/trace/events';
import { decodeAll, type TraceColumns } from '../../src/engine/trace/trace';

const SCENARIOS = join(__dirname, '..', '..', 'public', 'scenarios');
const read = (name: string) => readFileSync(join(SCENARIOS, name), 'utf8');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8' });

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

  it('streams the trace event by event: the file parses back to the same events', async () => {
    const out = await runFile(read('flood-small-world.json'), { trace: 'x.json' });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const path = join(mkdtempSync(join(tmpdir(), 'swarm-cli-')), 'trace.json');
    const written = writeTraceFile(path, out.summary, out.trace);
    expect(written.ok).toBe(true);
    const text = readFileSync(path, 'utf8');
    const parsed = JSON.parse(text);
    expect(parsed.summary.traceHash).toBe(out.summary.traceHash);
    expect(parsed.events).toHaveLength(out.summary.events);
    expect(parsed.events).toEqual(JSON.parse(JSON.stringify(decodeAll(out.trace))));
    expect(parsed.events[0]).toMatchObject({ kind: 'engine', name: 'informed' });
    // One event per line: the writer never builds the whole trace as one string.
    expect(text.split('\n').length).toBe(out.summary.events + 3);
  });

  it('streams a big trace in bounded memory (FULL=1: five million events)', () => {
    const n = process.env.FULL ? 5_000_000 : 400_000;
    const trace = syntheticTrace(n);
    const path = join(mkdtempSync(join(tmpdir(), 'swarm-cli-')), 'big.json');
    const before = process.memoryUsage().rss;
    const written = writeTraceFile(path, { events: n }, trace);
    const grown = process.memoryUsage().rss - before;
    expect(written.ok).toBe(true);
    if (!written.ok) return;
    expect(statSync(path).size).toBe(written.bytes);
    // The whole trace as one string (and its event objects) would be several times the file.
    expect(grown).toBeLessThan(written.bytes);
    const text = readFileSync(path, 'utf8');
    expect(text.slice(-4)).toBe('\n]}\n');
    expect(JSON.parse(text.slice(text.lastIndexOf('\n', text.length - 5) + 1, -4))).toEqual({
      kind: 'messageDropped',
      t: n - 1,
      from: (n - 1) % 7,
      to: 3,
      msg: n - 1,
      tag: 'gossip',
      reason: 'loss',
    });
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

  it('refuses a run over its work budget before running it, naming the field', async () => {
    const huge = JSON.stringify({
      format: 'swarm-playground/scenario',
      version: 1,
      seed: 1,
      topology: { agentCount: 100, builder: { kind: 'mesh' } },
      run: { kind: 'sync', mode: 'full', keys: 1_000_000 },
    });
    const out = await runFile(huge, {});
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(describeFailure('huge.json', out.failure)).toMatch(/^ {2}run\.keys: .*; the limit is [\d,]+/m);
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
    // Through npx once, as the README runs it; the other process tests start node directly (faster).
    const good = execFileSync('npx', ['tsx', 'src/cli/main.ts', join(SCENARIOS, 'quorum-supermajority.json')], {
      encoding: 'utf8',
    });
    expect(JSON.parse(good)).toMatchObject({ runKind: 'consensus', result: { result: { decision: 'rejected' } } });
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{"format": "swarm-playground/scenario", "version": 1, "seed": 1, "topology": {');
    const bad = cli(file);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/not valid JSON/);
  });

  it('as a process: a trace path that is a directory or has no parent is one line naming it, before the run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarm-cli-'));
    const scenario = join(SCENARIOS, 'flood-small-world.json');
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'plain'), 'x');
    for (const [target, reason] of [
      [join(dir, 'out'), 'it is a directory'],
      [join(dir, 'missing', 'trace.json'), 'no such file or directory'],
      [join(dir, 'plain', 'trace.json'), 'is not a directory'],
    ]) {
      const r = cli(scenario, '--trace', target);
      expect(r.status, target).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n'), target).toHaveLength(1);
      expect(r.stderr).toContain(`Cannot write the trace to ${target}: `);
      expect(r.stderr).toContain(reason);
      expect(r.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
    }
  });

  it('as a process: an unreadable input is one line naming it; bytes that are not UTF-8 are refused as (file)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarm-cli-'));
    const missing = cli(join(dir, 'nope.json'));
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe(`Cannot read ${join(dir, 'nope.json')}: no such file or directory`);
    const folder = cli(dir);
    expect(folder.stderr.trim()).toBe(`Cannot read ${dir}: it is a directory`);
    const utf16 = join(dir, 'utf16.json');
    writeFileSync(
      utf16,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(read('flood-small-world.json'), 'utf16le')]),
    );
    const r = cli(utf16);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^ {2}\(file\): is UTF-16 text/m);
  });

  it('as a process: --trace writes a file that parses back, with the summary it printed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarm-cli-'));
    const target = join(dir, 't.json');
    const r = cli(join(SCENARIOS, 'flood-small-world.json'), '--trace', target);
    expect(r.status).toBe(0);
    const printed = JSON.parse(r.stdout);
    const trace = JSON.parse(readFileSync(target, 'utf8'));
    expect(trace.summary).toEqual(printed);
    expect(trace.events).toHaveLength(printed.events);
  });
});

/** `n` dropped-message events (no values), built directly as columns: a big trace without a big run. */
function syntheticTrace(n: number): TraceColumns {
  const t = new Float64Array(n).map((_, i) => i);
  return {
    length: n,
    hash: '0',
    kind: new Uint8Array(n).fill(KIND.messageDropped),
    t,
    a: new Int32Array(n).map((_, i) => i % 7),
    b: new Int32Array(n).fill(3),
    c: new Int32Array(n).map((_, i) => i),
    d: new Int32Array(n).fill(0),
    e: new Int32Array(n).fill(DROP_REASONS.indexOf('loss')),
    strings: ['gossip'],
    tagMeanings: [null],
    values: [],
  };
}
