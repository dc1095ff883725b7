import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every source file under `dir`, as a path relative to the repository. */
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|tsx|mts|mjs)$/.test(entry.name) ? [path] : [];
  });

describe('the worker boundary', () => {
  it('only the worker-boundary files import Comlink at run time (src/worker/README.md names them)', () => {
    // A type-only import (`import type { Remote } from 'comlink'`) is erased: it starts no worker and sends nothing.
    const runtimeImport = /^\s*(import(?!\s+type\b)[^;]*?from\s*|import\s*\(\s*|import\s+)['"]comlink['"]/m;
    const importers = sources('src').filter((file) => runtimeImport.test(readFileSync(file, 'utf8')));
    expect(importers.toSorted()).toEqual([
      'src/worker/client.ts',
      'src/worker/pool.ts',
      'src/worker/pool.worker.ts',
      'src/worker/sim.worker.ts',
    ]);
  });
});
