import { describe, expect, it } from 'vitest';
import {
  InMemoryProvider,
  isStorageError,
  jsonBytes,
  runMemoryContract,
  StorageError,
  toJson,
  utf8Bytes,
} from '../../../src/engine/memory';
import { memoryProviderContract } from './contract';

memoryProviderContract('InMemoryProvider', () => new InMemoryProvider());

describe('InMemoryProvider quota', () => {
  it('rejects a store over quota with StorageError(quota-exceeded) and keeps the old value', async () => {
    const memory = new InMemoryProvider({ quotaBytes: 40 });
    await memory.store('ns', 'k', 'x'.repeat(20));
    const err = await memory.store('ns', 'k2', 'y'.repeat(30)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).kind).toBe('quota-exceeded');
    expect(isStorageError(err)).toBe(true);
    expect(await memory.listKeys('ns')).toEqual(['k']);
    expect(await memory.retrieve('ns', 'k')).toBe('x'.repeat(20));
  });

  it('counts bytes exactly and frees them on delete and clear', async () => {
    const memory = new InMemoryProvider();
    await memory.store('ns', 'ké', { a: 'é' });
    expect(memory.usedBytes).toBe(utf8Bytes('ké') + utf8Bytes('{"a":"é"}'));
    await memory.store('ns', 'ké', 1);
    expect(memory.usedBytes).toBe(utf8Bytes('ké') + 1);
    await memory.store('ns', 'other', [1, 2]);
    expect(await memory.delete('ns', 'ké')).toBe(true);
    expect(memory.usedBytes).toBe(5 + 5);
    expect(await memory.clearNamespace('ns')).toBe(1);
    expect(memory.usedBytes).toBe(0);
  });

  it('an overwrite that shrinks a value fits even when the store is full', async () => {
    const memory = new InMemoryProvider({ quotaBytes: 11 });
    await memory.store('ns', 'k', 'abcdefgh');
    await expect(memory.store('ns', 'k', 'abcdefghi')).rejects.toThrow(StorageError);
    await memory.store('ns', 'k', 'a');
    expect(await memory.retrieve('ns', 'k')).toBe('a');
  });
});

describe('JSON helpers', () => {
  it('utf8Bytes matches a real UTF-8 encoder', () => {
    for (const s of ['', 'abc', 'é', '€', '🐝', 'a🐝é€z', '\ud800 lone surrogate']) {
      expect(utf8Bytes(s)).toBe(Buffer.byteLength(s, 'utf8'));
    }
    expect(jsonBytes({ a: 1 })).toBe(7);
    expect(jsonBytes(undefined)).toBe(0);
  });

  it('toJson names the offending path', () => {
    expect(() => toJson({ a: [1, Number.POSITIVE_INFINITY] }, 'value')).toThrow('value.a[1]');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => toJson(cyclic, 'value')).toThrow('MAX_JSON_DEPTH');
  });
});

describe('the contract itself', () => {
  it('fails a provider that hands out its stored objects', async () => {
    class Aliasing extends InMemoryProvider {
      private readonly held = new Map<string, unknown>();
      override async store(namespace: string, key: string, value: unknown) {
        await super.store(namespace, key, value);
        this.held.set(`${namespace}\u0000${key}`, value);
      }
      override async retrieve(namespace: string, key: string) {
        await super.retrieve(namespace, key);
        return this.held.get(`${namespace}\u0000${key}`);
      }
    }
    const results = await runMemoryContract(() => new Aliasing());
    const copies = results.find((r) => r.name === 'stored and retrieved values are copies');
    expect(copies?.ok).toBe(false);
    expect(copies?.error).toContain('after mutating the input');
  });

  it('fails a provider whose listKeys is unsorted or leaks namespaces', async () => {
    class Leaky extends InMemoryProvider {
      override async listKeys(namespace: string) {
        const keys = await super.listKeys(namespace);
        return namespace === 'a' ? [...keys, ...(await super.listKeys('a:b'))] : keys.reverse();
      }
    }
    const failed = (await runMemoryContract(() => new Leaky())).filter((r) => !r.ok).map((r) => r.name);
    expect(failed).toContain('listKeys is sorted by code unit and limited to its namespace');
    expect(failed).toContain('namespaces that look alike stay apart');
  });
});
