import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The engine runs unchanged in Node, the worker and the CLI, and must be deterministic:
// no UI libraries, no worker plumbing, no wall clock and no unseeded randomness.
const ENGINE = join(__dirname, '..', 'src', 'engine');
const FORBIDDEN: [RegExp, string][] = [
  [/from\s+['"](react|react-dom|zustand|comlink|d3|d3-selection)(\/[^'"]*)?['"]/, 'imports a UI or worker library'],
  [/\bMath\.random\s*\(/, 'calls Math.random (use the run PRNG)'],
  [/\bDate\.now\s*\(/, 'calls Date.now (use simulated time)'],
  [/\bnew Date\s*\(\s*\)/, 'reads the wall clock'],
  [/\bsetTimeout\s*\(/, 'calls setTimeout (schedule a simulated event)'],
  [/\bsetInterval\s*\(/, 'calls setInterval'],
  [/\bperformance\.now\s*\(/, 'calls performance.now'],
  [/\b(window|document|localStorage|indexedDB)\./, 'touches the DOM or browser storage'],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('engine purity', () => {
  const sources = files(ENGINE);
  it('finds the engine sources', () => {
    expect(sources.length).toBeGreaterThan(5);
  });
  for (const file of sources) {
    it(`${relative(ENGINE, file)} is pure`, () => {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\/\/.*$/gm, '');
      const found = FORBIDDEN.filter(([re]) => re.test(code)).map(([, why]) => why);
      expect(found).toEqual([]);
    });
  }
});
