import { check } from '../core/errors';

/**
 * Where the swarm's state is kept between syncs and page loads (the seed's
 * `MemoryProvider`). Values are plain JSON; every method is async because the
 * browser's storage is. Keys live in namespaces (a swarm id), so one swarm can be
 * cleared without touching another.
 *
 * Contract (checked by `runMemoryContract` for every implementation):
 * - `retrieve` of a missing key resolves to `undefined`; `0`, `false`, `''` and `null` are values.
 * - a stored value is a copy: mutating the argument or a retrieved value changes nothing stored.
 * - `listKeys` resolves to the namespace's keys in code-unit order (`[...keys].sort()`).
 * - `delete` resolves to whether the key existed; `clearNamespace` to how many keys it removed.
 * - an empty namespace or key, or a value that is not JSON, rejects with a ValidationError and stores nothing.
 * - storage failures reject with a `StorageError` (`quota-exceeded`, `blocked`, `unavailable`, `failed`).
 *
 * @example
 * const memory: MemoryProvider = new InMemoryProvider();
 * await memory.store('swarm-001', 'task_queue', ['t1', 't2']);
 * await memory.retrieve('swarm-001', 'task_queue'); // ['t1', 't2']
 * await memory.listKeys('swarm-001'); // ['task_queue']
 */
export interface MemoryProvider {
  store(namespace: string, key: string, value: unknown): Promise<void>;
  retrieve(namespace: string, key: string): Promise<unknown>;
  listKeys(namespace: string): Promise<string[]>;
  delete(namespace: string, key: string): Promise<boolean>;
  clearNamespace(namespace: string): Promise<number>;
}

/** Checks a namespace or key argument; shared by every provider so they reject the same inputs. */
export function checkName(value: unknown, field: 'namespace' | 'key'): asserts value is string {
  check(typeof value === 'string' && value.length > 0, field, 'must be a non-empty string');
}
