/**
 * Runs one case's own side (no calibration, no peers) a few times, for a profiler:
 * `node --import tsx --cpu-prof --cpu-prof-dir=prof bench/profile.ts FILE-PREFIX "CASE TEXT" [runs]`,
 * then `npx tsx bench/profileTop.ts prof/*.cpuprofile`.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchCase } from './harness';

const [prefix, text, runsArg] = process.argv.slice(2);
const dir = fileURLToPath(new URL('.', import.meta.url));
const file = readdirSync(dir).find((f) => f.startsWith(prefix ?? '') && f.endsWith('.bench.ts'));
if (!file) throw new Error(`no bench/${prefix}*.bench.ts`);
const { cases } = (await import(pathToFileURL(`${dir}/${file}`).href)) as { cases: BenchCase[] };
const c = cases.find((x) => x.name.includes(text ?? ''));
if (!c) throw new Error(`no case containing "${text}" in ${file}`);
for (let r = 0; r < Number(runsArg ?? 3); r++) {
  const prepared = c.ours.prepare ? await c.ours.prepare() : undefined;
  const start = performance.now();
  c.ours.run(prepared);
  console.log(`${c.name}: ${(performance.now() - start).toFixed(1)} ms`);
}
