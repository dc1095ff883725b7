/**
 * `npm run bench [file-prefix…]`: every bench/*.bench.ts case, each interleaved with the
 * calibration kernel and its peers (see harness.ts), printed as ratios, then absolute figures.
 * Sizes run in seconds by default; `FULL=1` runs the full sizes the targets name.
 */
import os from 'node:os';
import { type BenchCase, calibration, fmt, formatRows, runCase } from './harness';

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
  const load = os.loadavg().map((x) => x.toFixed(2));
  console.log(`Swarm Playground benchmarks — ${cpu}, ${os.cpus().length} cores, Node ${process.version}`);
  console.log(`load average at start: ${load.join(' / ')} (1 / 5 / 15 min)${process.env.FULL ? ', FULL sizes' : ''}`);
  const rows = [];
  for (const c of await loadCases()) {
    process.stderr.write(`running ${c.name}…\n`);
    rows.push(await runCase(c));
  }
  console.log(
    `calibration kernel: random reads+writes in a 4 MiB typed array; quietest ${fmt(calibration.quietestNs, 2)} ns/op this run`,
  );
  console.log(
    `load average at end: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' / ')}\n`,
  );
  console.log(formatRows(rows));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
