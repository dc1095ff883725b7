/**
 * Why a memory provider could not do what was asked. The UI shows `kind` as a
 * message next to the save control, so a failed write is never a silent loss.
 * - `quota-exceeded`: the store is full (the browser's quota, or the in-memory provider's `quotaBytes`).
 * - `blocked`: the database could not be opened or upgraded because another tab holds an older version open.
 * - `unavailable`: there is no storage at all (no IndexedDB, private mode, storage disabled).
 * - `failed`: any other storage failure; `cause` keeps the original error.
 */
export type StorageErrorKind = 'quota-exceeded' | 'blocked' | 'unavailable' | 'failed';

export const STORAGE_ERROR_KINDS: readonly StorageErrorKind[] = ['quota-exceeded', 'blocked', 'unavailable', 'failed'];

/**
 * A typed storage failure.
 * @example
 * try { await memory.store('swarm-001', 'counter', 42); }
 * catch (e) { if (e instanceof StorageError && e.kind === 'quota-exceeded') showFullMessage(); }
 */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly kind: StorageErrorKind,
    readonly operation: string,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(`${operation}: ${message}`);
  }
}

/** True for a StorageError, also across realms (a worker or an iframe) where `instanceof` fails. */
export function isStorageError(error: unknown): error is StorageError {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'StorageError' &&
    STORAGE_ERROR_KINDS.includes((error as { kind: StorageErrorKind }).kind)
  );
}
