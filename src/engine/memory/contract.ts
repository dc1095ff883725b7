import { canonicalJson } from '../core/hash';
import type { MemoryProvider } from './memoryProvider';

/** One contract check: runs against a fresh provider and throws (with a message) on failure. */
export interface MemoryContractCase {
  name: string;
  run(provider: MemoryProvider): Promise<void>;
}

/** The outcome of one case, plain data so a browser page can hand it to Playwright. */
export interface MemoryContractResult {
  name: string;
  ok: boolean;
  error?: string;
}

function fail(message: string): never {
  throw new Error(message);
}

function expectJson(actual: unknown, expected: unknown, what: string): void {
  const a = actual === undefined ? 'undefined' : canonicalJson(actual);
  const e = expected === undefined ? 'undefined' : canonicalJson(expected);
  if (a !== e) fail(`${what}: expected ${e}, got ${a}`);
}

/** Awaits `promise` and checks that it rejects with an error called `errorName`. */
async function expectRejects(promise: Promise<unknown>, errorName: string, what: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    const name = (error as { name?: unknown })?.name;
    if (name !== errorName) fail(`${what}: expected a ${errorName}, got ${String(name)}: ${String(error)}`);
    return;
  }
  fail(`${what}: expected a ${errorName}, but it resolved`);
}

const NESTED = {
  text: 'héllo – 🐝 swarm',
  numbers: [0, -1, 3.25, 1e21, Number.MAX_SAFE_INTEGER],
  flags: { on: true, off: false, nothing: null },
  deep: [[{ a: [1, [2, [3]]] }]],
};

/** Every check a MemoryProvider must pass, whatever it stores into. */
export const memoryContractCases: readonly MemoryContractCase[] = [
  {
    name: 'a missing key retrieves undefined and an unknown namespace lists no keys',
    async run(p) {
      expectJson(await p.retrieve('ns-missing', 'nothing'), undefined, 'retrieve');
      expectJson(await p.listKeys('ns-missing'), [], 'listKeys');
    },
  },
  {
    name: 'nested JSON round-trips exactly',
    async run(p) {
      await p.store('ns', 'nested', NESTED);
      expectJson(await p.retrieve('ns', 'nested'), NESTED, 'retrieve');
    },
  },
  {
    name: 'falsy values are values, not misses',
    async run(p) {
      const values: [string, unknown][] = [
        ['zero', 0],
        ['false', false],
        ['empty', ''],
        ['null', null],
        ['emptyArray', []],
      ];
      for (const [key, value] of values) await p.store('ns', key, value);
      for (const [key, value] of values) expectJson(await p.retrieve('ns', key), value, `retrieve ${key}`);
      expectJson(await p.listKeys('ns'), ['empty', 'emptyArray', 'false', 'null', 'zero'], 'listKeys');
    },
  },
  {
    name: 'store overwrites the previous value',
    async run(p) {
      await p.store('ns', 'k', { v: 1 });
      await p.store('ns', 'k', [2]);
      expectJson(await p.retrieve('ns', 'k'), [2], 'retrieve');
      expectJson(await p.listKeys('ns'), ['k'], 'listKeys');
    },
  },
  {
    name: 'stored and retrieved values are copies',
    async run(p) {
      const input = { list: [1, 2], inner: { x: 1 } };
      await p.store('ns', 'k', input);
      input.list.push(3);
      input.inner.x = 99;
      const first = (await p.retrieve('ns', 'k')) as typeof input;
      expectJson(first, { list: [1, 2], inner: { x: 1 } }, 'after mutating the input');
      first.list.push(4);
      expectJson(await p.retrieve('ns', 'k'), { list: [1, 2], inner: { x: 1 } }, 'after mutating a retrieved value');
    },
  },
  {
    name: 'listKeys is sorted by code unit and limited to its namespace',
    async run(p) {
      const keys = ['b', 'a', 'B', 'a:b', 'é', '10', '9', 'a b'];
      for (const key of keys) await p.store('ns', key, key);
      await p.store('other', 'zzz', 1);
      expectJson(await p.listKeys('ns'), [...keys].sort(), 'listKeys');
    },
  },
  {
    name: 'namespaces that look alike stay apart',
    async run(p) {
      await p.store('a', 'b:c', 1);
      await p.store('a:b', 'c', 2);
      await p.store('a:b:c', 'x', 3);
      await p.store('ab', 'c', 4);
      expectJson(await p.retrieve('a', 'b:c'), 1, 'a / b:c');
      expectJson(await p.retrieve('a:b', 'c'), 2, 'a:b / c');
      expectJson(await p.listKeys('a'), ['b:c'], 'listKeys a');
      expectJson(await p.listKeys('a:b'), ['c'], 'listKeys a:b');
      expectJson(await p.clearNamespace('a'), 1, 'clearNamespace a');
      expectJson(await p.retrieve('a:b', 'c'), 2, 'a:b / c after clearing a');
      expectJson(await p.retrieve('ab', 'c'), 4, 'ab / c after clearing a');
    },
  },
  {
    name: 'delete says whether the key existed and leaves the others',
    async run(p) {
      await p.store('ns', 'keep', 1);
      await p.store('ns', 'drop', 2);
      expectJson(await p.delete('ns', 'drop'), true, 'delete existing');
      expectJson(await p.delete('ns', 'drop'), false, 'delete again');
      expectJson(await p.delete('ns', 'never'), false, 'delete missing');
      expectJson(await p.retrieve('ns', 'drop'), undefined, 'retrieve deleted');
      expectJson(await p.listKeys('ns'), ['keep'], 'listKeys');
    },
  },
  {
    name: 'clearNamespace removes one namespace and counts what it removed',
    async run(p) {
      for (let i = 0; i < 5; i++) await p.store('swarm-001', `k${i}`, i);
      await p.store('swarm-002', 'k0', 'other');
      expectJson(await p.clearNamespace('swarm-001'), 5, 'clearNamespace');
      expectJson(await p.listKeys('swarm-001'), [], 'listKeys cleared');
      expectJson(await p.retrieve('swarm-002', 'k0'), 'other', 'other namespace');
      expectJson(await p.clearNamespace('swarm-001'), 0, 'clearNamespace again');
    },
  },
  {
    name: 'invalid names and non-JSON values reject with ValidationError and store nothing',
    async run(p) {
      await expectRejects(p.store('', 'k', 1), 'ValidationError', 'empty namespace');
      await expectRejects(p.store('ns', '', 1), 'ValidationError', 'empty key');
      await expectRejects(p.retrieve('ns', ''), 'ValidationError', 'retrieve empty key');
      await expectRejects(p.store('ns', 'nan', Number.NaN), 'ValidationError', 'NaN');
      await expectRejects(p.store('ns', 'undef', undefined), 'ValidationError', 'undefined');
      await expectRejects(p.store('ns', 'fn', { f: () => 1 }), 'ValidationError', 'function inside');
      await expectRejects(p.store('ns', 'date', { at: new Map() }), 'ValidationError', 'class instance');
      expectJson(await p.listKeys('ns'), [], 'listKeys');
    },
  },
  {
    name: 'concurrent stores all land',
    async run(p) {
      await Promise.all(Array.from({ length: 50 }, (_, i) => p.store('ns', `key-${String(i).padStart(2, '0')}`, i)));
      const keys = await p.listKeys('ns');
      expectJson(keys.length, 50, 'key count');
      const values = await Promise.all(keys.map((k) => p.retrieve('ns', k)));
      expectJson(
        values,
        Array.from({ length: 50 }, (_, i) => i),
        'values',
      );
    },
  },
  {
    name: 'a 200-key state survives store, list and retrieve',
    async run(p) {
      const state: Record<string, number> = {};
      for (let i = 0; i < 200; i++) state[`state-${i}`] = i * i;
      for (const [k, v] of Object.entries(state)) await p.store('big', k, { version: v, value: [k, v] });
      const keys = await p.listKeys('big');
      expectJson(keys, Object.keys(state).sort(), 'listKeys');
      expectJson(await p.retrieve('big', 'state-199'), { version: 199 * 199, value: ['state-199', 199 * 199] }, 'last');
    },
  },
];

/** Runs one case against a fresh provider, catching its failure as data. */
export async function runMemoryCase(
  testCase: MemoryContractCase,
  makeProvider: () => MemoryProvider | Promise<MemoryProvider>,
): Promise<MemoryContractResult> {
  try {
    await testCase.run(await makeProvider());
    return { name: testCase.name, ok: true };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { name: testCase.name, ok: false, error: message };
  }
}

/**
 * Runs the whole MemoryProvider contract, each case on a fresh provider from
 * `makeProvider` (give each an empty store: a new database name for IndexedDB).
 * Plain async code with plain results, so the same contract runs in vitest and
 * in a real browser page driven by Playwright.
 * @example
 * const results = await runMemoryContract(() => new InMemoryProvider());
 * results.every((r) => r.ok) // true
 */
export async function runMemoryContract(
  makeProvider: () => MemoryProvider | Promise<MemoryProvider>,
): Promise<MemoryContractResult[]> {
  const results: MemoryContractResult[] = [];
  for (const testCase of memoryContractCases) results.push(await runMemoryCase(testCase, makeProvider));
  return results;
}
