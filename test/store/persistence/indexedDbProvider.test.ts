import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/engine/core/errors';
import { StorageError } from '../../../src/engine/memory';
import { IndexedDbProvider, toStorageError } from '../../../src/store/persistence/indexedDbProvider';
import { storageMessage } from '../../../src/store/persistence/libraryMemory';

// The full contract runs in real Chromium (Playwright); Node has no IndexedDB, which is itself a case to cover.
describe('IndexedDbProvider without IndexedDB', () => {
  it('rejects every call with StorageError(unavailable), never a silent loss', async () => {
    const memory = new IndexedDbProvider({ dbName: 'test' });
    for (const call of [
      () => memory.store('ns', 'k', 1),
      () => memory.retrieve('ns', 'k'),
      () => memory.listKeys('ns'),
      () => memory.delete('ns', 'k'),
      () => memory.clearNamespace('ns'),
    ]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageError);
      expect((err as StorageError).kind).toBe('unavailable');
    }
  });

  it('still rejects bad input with ValidationError first', async () => {
    const memory = new IndexedDbProvider();
    await expect(memory.store('', 'k', 1)).rejects.toThrow(ValidationError);
    await expect(memory.store('ns', 'k', Number.NaN)).rejects.toThrow(ValidationError);
  });
});

describe('toStorageError', () => {
  const dom = (name: string) => Object.assign(new Error(`${name} happened`), { name });
  it.each([
    ['QuotaExceededError', 'quota-exceeded'],
    ['InvalidStateError', 'unavailable'],
    ['SecurityError', 'unavailable'],
    ['UnknownError', 'unavailable'],
    ['VersionError', 'blocked'],
    ['AbortError', 'failed'],
  ])('%s becomes %s', (name, kind) => {
    const err = toStorageError(dom(name), 'store') as StorageError;
    expect(err).toBeInstanceOf(StorageError);
    expect(err.kind).toBe(kind);
    expect(err.operation).toBe('store');
    expect(err.message).toContain(`${name} happened`);
  });

  it('passes our own errors through', () => {
    const v = new ValidationError('key', 'must be a non-empty string');
    expect(toStorageError(v, 'store')).toBe(v);
    const s = new StorageError('blocked', 'open', 'held');
    expect(toStorageError(s, 'store')).toBe(s);
  });
});

describe('IndexedDbProvider when the browser refuses or never answers', () => {
  it('a throwing `indexedDB` getter (SecurityError) is no throw from the constructor: every call says why', async () => {
    const refused = Object.assign(new Error('The operation is insecure.'), { name: 'SecurityError' });
    Object.defineProperty(globalThis, 'indexedDB', {
      configurable: true,
      get() {
        throw refused;
      },
    });
    try {
      const memory = new IndexedDbProvider({ dbName: 'refused' });
      const err = (await memory.retrieve('ns', 'k').catch((e: unknown) => e)) as StorageError;
      expect(err).toBeInstanceOf(StorageError);
      expect(err.kind).toBe('unavailable');
      expect(err.message).toContain('refused access to its storage (SecurityError)');
      expect(storageMessage(err, 'Autosave')).toMatch(
        /^Autosave failed: this browser does not let the page store data/,
      );
    } finally {
      Reflect.deleteProperty(globalThis, 'indexedDB');
    }
  });

  /** An IndexedDB whose open requests never fire: the database neither opens nor fails. */
  function silentFactory() {
    const requests: Record<string, unknown>[] = [];
    const factory = {
      open: () => {
        const request: Record<string, unknown> = {};
        requests.push(request);
        return request;
      },
    } as unknown as IDBFactory;
    const keyRange = { bound: () => ({}) } as unknown as typeof IDBKeyRange;
    return { factory, keyRange, requests };
  }

  it('a database that never opens rejects with `unavailable` at the deadline instead of hanging', async () => {
    const { factory, keyRange } = silentFactory();
    const memory = new IndexedDbProvider({ indexedDB: factory, keyRange, openTimeoutMs: 20 });
    const err = (await memory.store('ns', 'k', 1).catch((e: unknown) => e)) as StorageError;
    expect(err).toBeInstanceOf(StorageError);
    expect(err.kind).toBe('unavailable');
    expect(err.message).toContain('did not open within 0.02 s');
  });

  it('a database that opens after the deadline is closed again (the caller was already told)', async () => {
    const { factory, keyRange, requests } = silentFactory();
    const memory = new IndexedDbProvider({ indexedDB: factory, keyRange, openTimeoutMs: 20 });
    await memory.retrieve('ns', 'k').catch(() => {});
    let closed = 0;
    const request = requests[0] as { result?: unknown; onsuccess: () => void };
    request.result = { close: () => closed++ };
    request.onsuccess();
    expect(closed).toBe(1);
  });
});
