import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/engine/core/errors';
import { StorageError } from '../../../src/engine/memory';
import { IndexedDbProvider, toStorageError } from '../../../src/store/persistence/indexedDbProvider';

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
