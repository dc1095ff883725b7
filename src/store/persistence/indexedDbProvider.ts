import { get, promisifyRequest, set, type UseStore } from 'idb-keyval';
import { checkName, type MemoryProvider, StorageError, toJson } from '../../engine/memory';

export interface IndexedDbProviderOptions {
  /** Database name; one per app (tests give each run its own). */
  dbName?: string;
  storeName?: string;
  /** The IndexedDB factory; defaults to the global one. Absent ⇒ every call rejects with `unavailable`. */
  indexedDB?: IDBFactory;
  /** The key-range constructor that goes with `indexedDB`; defaults to the global one. */
  keyRange?: typeof IDBKeyRange;
  /** How long opening the database may take before every call rejects with `unavailable`. */
  openTimeoutMs?: number;
}

/** Opening the database normally takes milliseconds; one that never opens must not hold the page up. */
export const OPEN_TIMEOUT_MS = 3_000;

type Key = [namespace: string, key: string];

/**
 * Turns whatever IndexedDB threw into a StorageError the UI can show. Validation
 * errors (our own input checks) and StorageErrors pass through unchanged.
 * @example toStorageError(new DOMException('full', 'QuotaExceededError'), 'store').kind // 'quota-exceeded'
 */
export function toStorageError(error: unknown, operation: string): Error {
  if (error instanceof StorageError || (error as { name?: unknown })?.name === 'ValidationError') return error as Error;
  const name = (error as { name?: unknown })?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError') return new StorageError('quota-exceeded', operation, message, error);
  // Firefox's private mode and disabled storage fail opening with these.
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError') {
    return new StorageError('unavailable', operation, message, error);
  }
  if (name === 'VersionError') return new StorageError('blocked', operation, message, error);
  return new StorageError('failed', operation, `${String(name)}: ${message}`, error);
}

/**
 * An idb-keyval `UseStore`, like its `createStore`, but it reports what
 * `createStore` cannot: a `blocked` open (another tab holds an older version
 * open) rejects with StorageError('blocked') instead of hanging, and our own
 * connection closes on `versionchange` so we never block another tab. It also
 * adds the object store when the database exists without it.
 */
function openStore(factory: IDBFactory, dbName: string, storeName: string, timeoutMs: number): UseStore {
  let dbp: Promise<IDBDatabase> | undefined;
  const open = (version?: number): Promise<IDBDatabase> =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = version === undefined ? factory.open(dbName) : factory.open(dbName, version);
      // Once the caller has been told (blocked, too slow), a database that opens after all is closed again.
      const giveUp = (error: StorageError) => {
        clearTimeout(timer);
        reject(error);
        request.onsuccess = () => request.result.close();
      };
      const timer = setTimeout(
        () =>
          giveUp(
            new StorageError('unavailable', 'open', `the browser's database did not open within ${timeoutMs / 1000} s`),
          ),
        timeoutMs,
      );
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(storeName)) request.result.createObjectStore(storeName);
      };
      request.onblocked = () =>
        giveUp(new StorageError('blocked', 'open', `${dbName} is held open at an older version by another tab`));
      request.onsuccess = () => {
        clearTimeout(timer);
        resolve(request.result);
      };
      request.onerror = () => {
        clearTimeout(timer);
        reject(toStorageError(request.error, 'open'));
      };
    }).then((db) => {
      if (db.objectStoreNames.contains(storeName)) return db;
      const next = db.version + 1;
      db.close();
      return open(next);
    });
  const getDb = (): Promise<IDBDatabase> => {
    if (dbp) return dbp;
    dbp = open().then((db) => {
      db.onversionchange = () => {
        db.close();
        dbp = undefined;
      };
      db.onclose = () => {
        dbp = undefined;
      };
      return db;
    });
    dbp.catch(() => {
      dbp = undefined;
    });
    return dbp;
  };
  return (txMode, callback) => getDb().then((db) => callback(db.transaction(storeName, txMode).objectStore(storeName)));
}

/**
 * The browser's MemoryProvider: IndexedDB through idb-keyval, one object store,
 * keys `[namespace, key]` (array keys, so a namespace never collides with another
 * that shares a prefix, and `listKeys` is one key-range query). Passes the same
 * contract as `InMemoryProvider` (`runMemoryContract`). Failures reject with a
 * StorageError: `quota-exceeded`, `blocked`, `unavailable` (no IndexedDB, private
 * mode) or `failed`.
 * @example
 * const memory = new IndexedDbProvider({ dbName: 'swarm-playground' });
 * await memory.store('swarm-001', 'counter', 87);
 * // after a reload:
 * await new IndexedDbProvider({ dbName: 'swarm-playground' }).retrieve('swarm-001', 'counter'); // 87
 */
export class IndexedDbProvider implements MemoryProvider {
  private readonly useStore: UseStore | undefined;
  private readonly keyRange: typeof IDBKeyRange | undefined;
  /** Why there is no database, in words (every call rejects with it). */
  private readonly missing: string = 'this browser has no IndexedDB';

  constructor(options: IndexedDbProviderOptions = {}) {
    let factory: IDBFactory | undefined;
    try {
      // Reading the global itself can throw (SecurityError in some privacy modes and sandboxed frames).
      factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
      this.keyRange = options.keyRange ?? (globalThis as { IDBKeyRange?: typeof IDBKeyRange }).IDBKeyRange;
    } catch (error) {
      const name = (error as { name?: unknown })?.name;
      this.missing = `the browser refused access to its storage (${typeof name === 'string' ? name : 'error'})`;
      return;
    }
    if (factory && this.keyRange) {
      this.useStore = openStore(
        factory,
        options.dbName ?? 'swarm-playground',
        options.storeName ?? 'memory',
        options.openTimeoutMs ?? OPEN_TIMEOUT_MS,
      );
    }
  }

  async store(namespace: string, key: string, value: unknown): Promise<void> {
    checkName(namespace, 'namespace');
    checkName(key, 'key');
    // Stored as the parsed JSON, so exactly what the contract allows goes in and comes out.
    const copy = JSON.parse(toJson(value, 'value'));
    await this.guard('store', (store) => set([namespace, key] satisfies Key, copy, store));
  }

  async retrieve(namespace: string, key: string): Promise<unknown> {
    checkName(namespace, 'namespace');
    checkName(key, 'key');
    return this.guard('retrieve', (store) => get([namespace, key] satisfies Key, store));
  }

  async listKeys(namespace: string): Promise<string[]> {
    checkName(namespace, 'namespace');
    const keys = await this.guard('listKeys', (store) =>
      store('readonly', (s) => promisifyRequest(s.getAllKeys(this.range(namespace)))),
    );
    return (keys as Key[]).map((k) => k[1]);
  }

  async delete(namespace: string, key: string): Promise<boolean> {
    checkName(namespace, 'namespace');
    checkName(key, 'key');
    const id: Key = [namespace, key];
    const existed = await this.guard('delete', (store) =>
      store('readwrite', async (s) => {
        const count = s.count(id);
        s.delete(id);
        await promisifyRequest(s.transaction);
        return count.result > 0;
      }),
    );
    return existed;
  }

  async clearNamespace(namespace: string): Promise<number> {
    checkName(namespace, 'namespace');
    return this.guard('clearNamespace', (store) =>
      store('readwrite', async (s) => {
        const range = this.range(namespace);
        const count = s.count(range);
        s.delete(range);
        await promisifyRequest(s.transaction);
        return count.result;
      }),
    );
  }

  /** Every `[namespace, key]`: arrays sort after strings, so `[ns, []]` is above every string key. */
  private range(namespace: string): IDBKeyRange {
    return (this.keyRange as typeof IDBKeyRange).bound([namespace], [namespace, []]);
  }

  private async guard<T>(operation: string, run: (store: UseStore) => Promise<T>): Promise<T> {
    if (!this.useStore) throw new StorageError('unavailable', operation, this.missing);
    try {
      return await run(this.useStore);
    } catch (error) {
      throw toStorageError(error, operation);
    }
  }
}
