import { toJson, utf8Bytes } from './jsonValue';
import { checkName, type MemoryProvider } from './memoryProvider';
import { StorageError } from './storageError';

export interface InMemoryProviderOptions {
  /**
   * Total UTF-8 bytes of keys and JSON values it may hold; a store that would
   * exceed it rejects with `StorageError('quota-exceeded')` and changes nothing.
   * Lets engines and tests exercise the quota path the browser has.
   */
  quotaBytes?: number;
}

/**
 * A MemoryProvider in a Map, for engines, the CLI and tests. It keeps each value
 * as JSON text, so what is stored is a copy and every retrieve returns a fresh one.
 * @example
 * const memory = new InMemoryProvider({ quotaBytes: 1_000_000 });
 * await memory.store('swarm-001', 'counter', 87);
 */
export class InMemoryProvider implements MemoryProvider {
  private readonly namespaces = new Map<string, Map<string, string>>();
  private bytes = 0;
  private readonly quotaBytes: number;

  constructor(options: InMemoryProviderOptions = {}) {
    this.quotaBytes = options.quotaBytes ?? Number.POSITIVE_INFINITY;
  }

  /** Bytes currently held (keys plus JSON values). */
  get usedBytes(): number {
    return this.bytes;
  }

  async store(namespace: string, key: string, value: unknown): Promise<void> {
    checkName(namespace, 'namespace');
    checkName(key, 'key');
    const json = toJson(value, 'value');
    const entries = this.namespaces.get(namespace);
    const old = entries?.get(key);
    const delta = utf8Bytes(json) - (old === undefined ? -utf8Bytes(key) : utf8Bytes(old));
    if (this.bytes + delta > this.quotaBytes) {
      throw new StorageError(
        'quota-exceeded',
        'store',
        `${namespace}/${key} needs ${delta} more bytes; ${this.quotaBytes - this.bytes} of ${this.quotaBytes} left`,
      );
    }
    this.bytes += delta;
    if (entries) entries.set(key, json);
    else this.namespaces.set(namespace, new Map([[key, json]]));
  }

  async retrieve(namespace: string, key: string): Promise<unknown> {
    checkName(namespace, 'namespace');
    checkName(key, 'key');
    const json = this.namespaces.get(namespace)?.get(key);
    return json === undefined ? undefined : JSON.parse(json);
  }

  async listKeys(namespace: string): Promise<string[]> {
    checkName(namespace, 'namespace');
    return [...(this.namespaces.get(namespace)?.keys() ?? [])].sort();
  }

  async delete(namespace: string, key: string): Promise<boolean> {
    checkName(namespace, 'namespace');
    checkName(key, 'key');
    const entries = this.namespaces.get(namespace);
    const old = entries?.get(key);
    if (!entries || old === undefined) return false;
    entries.delete(key);
    this.bytes -= utf8Bytes(key) + utf8Bytes(old);
    if (entries.size === 0) this.namespaces.delete(namespace);
    return true;
  }

  async clearNamespace(namespace: string): Promise<number> {
    checkName(namespace, 'namespace');
    const entries = this.namespaces.get(namespace);
    if (!entries) return 0;
    for (const [key, json] of entries) this.bytes -= utf8Bytes(key) + utf8Bytes(json);
    this.namespaces.delete(namespace);
    return entries.size;
  }
}
