/**
 * Runs corpus files one by one and prints what came of each (a development aid;
 * the test is test/hostile/corpus.test.ts): `npx tsx scripts/hostile/run.ts [name-filter]`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostileCase } from './corpus';
import { runCorpusFile } from './runCase';

const DIR = fileURLToPath(new URL('../../test/hostile/corpus/', import.meta.url));

async function main(filter = ''): Promise<void> {
  const index = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as HostileCase[];
  for (const c of index.filter((x) => x.name.includes(filter))) {
    const r = await runCorpusFile(join(DIR, `${c.name}.json`));
    const mb = Math.round(r.rssGrowth / 1e6);
    console.log(
      `${c.name}\t${c.expect}${c.field ? `:${c.field}` : ''}\t${r.outcome}\t${r.cpuMs} ms cpu\t${r.ms} ms\t${mb} MB\t${r.message}`,
    );
  }
}

main(process.argv[2]);
