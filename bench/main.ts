/**
 * `npm run bench`: every engine's benchmark cases, timed in this process next to
 * the calibration kernel and printed as a table with ratios to it.
 */
import os from 'node:os';
import { type BenchCase, calibrate, formatRows, runCase } from './harness';

async function loadCases(): Promise<BenchCase[]> {
  const { readdirSync } = await import('node:fs');
  const { fileURLToPath, pathToFileURL } = await import('node:url');
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const only = process.argv.slice(2);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort();
  const all: BenchCase[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(`${dir}/${f}`).href)) as { cases: BenchCase[] };
    all.push(...mod.cases);
  }
  return all;
}

async function main(): Promise<void> {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Swarm Playground benchmarks — ${cpu}, ${os.cpus().length} cores, Node ${process.version}`);
  const cal = calibrate();
  console.log(
    `calibration kernel: ${cal.toFixed(2)} ns per random typed-array read+write (ratios below are ns/op ÷ this)\n`,
  );
  const rows = [];
  for (const c of await loadCases()) {
    process.stderr.write(`running ${c.name}…\n`);
    rows.push(runCase(c, cal));
  }
  console.log(formatRows(rows));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
