/**
 * Runs one case's own side (no calibration, no peers) a few times, for a profiler:
 * `node --import tsx --cpu-prof --cpu-prof-dir=prof bench/profile.ts FILE-PREFIX "CASE TEXT" [runs]`,
 * then `npx tsx bench/profileTop.ts prof/*.cpuprofile`. tsx puts a module on one line, so for
 * per-line figures bundle an entry that imports the case (`npx esbuild … --bundle --platform=node
 * --packages=external`, written inside bench/ so the packages resolve) and profile the bundle.
 *
 * `--harness` instead runs that one case through the harness (interleaved with the calibration
 * kernel, as `npm run bench` does) and prints its row: a before/after figure for one case
 * without running every case of the file.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchCase, calibration, fmt, formatRows, runCase } from './harness';

const harness = process.argv.includes('--harness');
const [prefix, text, runsArg] = process.argv.slice(2).filter((a) => a !== '--harness');
const dir = fileURLToPath(new URL('.', import.meta.url));
const file = readdirSync(dir).find((f) => f.startsWith(prefix ?? '') && f.endsWith('.bench.ts'));
if (!file) throw new Error(`no bench/${prefix}*.bench.ts`);
const { cases } = (await import(pathToFileURL(`${dir}/${file}`).href)) as { cases: BenchCase[] };
const c = cases.find((x) => x.name.includes(text ?? ''));
if (!c) throw new Error(`no case containing "${text}" in ${file}`);
if (harness) {
  const row = await runCase(c);
  console.log(`calibration kernel: quietest ${fmt(calibration.quietestNs, 2)} ns/op this run\n`);
  console.log(formatRows([row]));
} else
  for (let r = 0; r < Number(runsArg ?? 3); r++) {
    const prepared = c.ours.prepare ? await c.ours.prepare() : undefined;
    const start = performance.now();
    c.ours.run(prepared);
    console.log(`${c.name}: ${(performance.now() - start).toFixed(1)} ms`);
  }
