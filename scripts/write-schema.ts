/** Writes public/scenario.schema.json (`npm run schema`); test/engine/scenario/jsonSchema.test.ts fails when it is stale. */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from './scenarioJsonSchema';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'scenario.schema.json');
writeFileSync(OUT, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
console.log(`wrote ${OUT}`);
