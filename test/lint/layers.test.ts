/**
 * The layer fences are lint rules (biome.json): dependencies point one way, engine ← worker ←
 * store ← views, and views reach below the store only through src/worker/protocol.ts. Each case
 * writes a probe file with one back-import into its layer and expects Biome to refuse it.
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');

function lint(layerDir: string, source: string): string {
  const file = join(root, 'src', layerDir, `layerProbe${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, source);
  try {
    execFileSync('npx', ['biome', 'lint', file], { cwd: root, stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stdout?: Buffer }).stdout ?? '') + String((error as { stderr?: Buffer }).stderr ?? '');
  } finally {
    rmSync(file, { force: true });
  }
}

const CASES: [string, string, string][] = [
  ['engine', 'engine/core', "import { useStore } from '../../store/index';\nexport const probe = useStore;\n"],
  ['worker', 'worker', "import { useStore } from '../store/index';\nexport const probe = useStore;\n"],
  ['store', 'store', "import { App } from '../views/App';\nexport const probe = App;\n"],
  ['views', 'views', "import { Prng } from '../engine/core/prng';\nexport const probe = Prng;\n"],
  ['views (worker internals)', 'views', "import { simApi } from '../worker/simApi';\nexport const probe = simApi;\n"],
];

describe('layer fences', () => {
  it.each(CASES)(
    'lint refuses a back-import in the %s layer',
    (_name, dir, source) => {
      expect(lint(dir, source)).toContain('noRestrictedImports');
    },
    60_000,
  );

  it('lets views import the protocol', () => {
    expect(
      lint('views', "import { RUN_PRESETS } from '../worker/protocol';\nexport const probe = RUN_PRESETS;\n"),
    ).toBe('');
  }, 60_000);
});
