import type { MemoryProvider } from '../../engine/memory';
import { StorageError } from '../../engine/memory';
import { IndexedDbProvider } from './indexedDbProvider';

/** Namespaces of the library's database: the autosave, and each named save's list entry and text. */
export const NS = { autosave: 'autosave', saveMeta: 'save-meta', saveText: 'save-text' } as const;

let memory: MemoryProvider | undefined;

/** The app's library storage (IndexedDB, its own database so other stores never collide with it). */
export function libraryMemory(): MemoryProvider {
  memory ??= new IndexedDbProvider({ dbName: 'swarm-playground-library', storeName: 'library' });
  return memory;
}

/** The provider's own words after the operation's name ("open: the database did not open…" → "the database…"). */
function detailOf(error: StorageError): string {
  const prefix = `${error.operation}: `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** A storage failure in words, saying what the user can do about it. */
export function storageMessage(error: unknown, what: string): string {
  if (error instanceof StorageError) {
    switch (error.kind) {
      case 'quota-exceeded':
        return `${what} failed: the browser's storage for this site is full. Delete some saves or export them as files.`;
      case 'unavailable':
        return `${what} failed: this browser does not let the page store data (${detailOf(error)}; private mode or storage disabled?). Your work is not saved in this browser: export it as a file to keep it.`;
      case 'blocked':
        return `${what} failed: another tab holds an older version of the library open. Close it and try again.`;
      default:
        return `${what} failed: ${error.message}`;
    }
  }
  return `${what} failed: ${error instanceof Error ? error.message : String(error)}`;
}
