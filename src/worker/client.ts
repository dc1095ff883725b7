/**
 * The UI's one way into the engines: wraps the simulation worker once and owns
 * its lifecycle. Every call can be aborted (the worker is terminated and a fresh
 * one started, since a busy worker cannot be interrupted); only the aborted call
 * is rejected, the others in flight are sent again to the fresh worker. A worker
 * that dies rejects every pending call with WorkerCrashedError and is restarted.
 */
import { proxy, type Remote, wrap } from 'comlink';
import type { SearchOutcome, SearchRequest } from './api/search';
import type { RunOptions } from './protocol';
import type { SimApi } from './sim.worker';
import type { DescribeOutcome, RunOutcome, ValidateOutcome } from './simApi';
import type { TraceIndex } from './traceIndex';

/** A run as the worker returns it: with the player's index over the trace, built in the worker. */
export type PlayableRunOutcome =
  | (Extract<RunOutcome, { ok: true }> & { index: TraceIndex })
  | Extract<RunOutcome, { ok: false }>;

export class WorkerAbortedError extends Error {
  override readonly name = 'WorkerAbortedError';
  constructor() {
    super('Cancelled');
  }
}

export class WorkerCrashedError extends Error {
  override readonly name = 'WorkerCrashedError';
  constructor(detail: string) {
    super(`The simulation worker stopped unexpectedly (${detail}). It has been restarted; your scenario is intact.`);
  }
}

export interface CallOptions {
  signal?: AbortSignal;
}

type WorkerFactory = () => Worker;

const defaultFactory: WorkerFactory = () =>
  new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'simulation' });

/** A call in flight: kept so that it can be sent again to a restarted worker. */
interface PendingCall {
  invoke: (remote: Remote<SimApi>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  /** Which worker the call was sent to; answers from an older one are ignored. */
  sentTo: number;
}

export class SimClient {
  private worker!: Worker;
  private remote!: Remote<SimApi>;
  private readonly pending = new Set<PendingCall>();
  /** How many times a worker was started (1 after construction); tests and diagnostics read it. */
  starts = 0;

  constructor(private readonly makeWorker: WorkerFactory = defaultFactory) {
    this.start();
  }

  /**
   * Calls one API method. Aborting rejects this call with WorkerAbortedError and
   * terminates the worker (a busy worker cannot be interrupted); the other calls
   * in flight are not lost: they are sent again to the fresh worker.
   */
  call<T>(invoke: (remote: Remote<SimApi>) => Promise<T>, options: CallOptions = {}): Promise<T> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new WorkerAbortedError());
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        if (!this.pending.has(entry)) return;
        this.settle(entry);
        reject(new WorkerAbortedError());
        this.restart();
      };
      const entry: PendingCall = {
        invoke,
        resolve: (value) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(value as T);
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
        sentTo: 0,
      };
      this.pending.add(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.send(entry);
    });
  }

  validate(input: unknown, options?: CallOptions): Promise<ValidateOutcome> {
    return this.call((api) => api.validate(input) as Promise<ValidateOutcome>, options);
  }

  describe(input: unknown, options?: CallOptions): Promise<DescribeOutcome> {
    return this.call((api) => api.describe(input) as Promise<DescribeOutcome>, options);
  }

  /** Runs a scenario; `onProgress` is called from the worker with fractions in [0, 1]. */
  run(
    input: unknown,
    runOptions: RunOptions,
    onProgress?: (fraction: number) => void,
    options?: CallOptions,
  ): Promise<PlayableRunOutcome> {
    const progress = onProgress ? proxy(onProgress) : undefined;
    return this.call((api) => api.run(input, runOptions, progress) as Promise<PlayableRunOutcome>, options);
  }

  /** Searches seeds for a run that breaks the scenario's property; `onProgress` gets (fraction, seeds tried). */
  searchCounterexample(
    input: unknown,
    request: SearchRequest,
    onProgress?: (fraction: number, tried: number) => void,
    options?: CallOptions,
  ): Promise<SearchOutcome> {
    const progress = onProgress ? proxy(onProgress) : undefined;
    return this.call((api) => api.searchCounterexample(input, request, progress) as Promise<SearchOutcome>, options);
  }

  dispose(): void {
    this.worker.terminate();
    this.rejectAll(new WorkerAbortedError());
  }

  private start(): void {
    this.worker = this.makeWorker();
    this.starts++;
    this.worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      this.crashed(event.message || 'error');
    });
    this.worker.addEventListener('messageerror', () => this.crashed('a message could not be read'));
    this.remote = wrap<SimApi>(this.worker);
  }

  /** Sends a call to the current worker; its answer counts only if that worker is still the current one. */
  private send(entry: PendingCall): void {
    const worker = this.starts;
    entry.sentTo = worker;
    let answer: Promise<unknown>;
    try {
      answer = entry.invoke(this.remote);
    } catch (error) {
      answer = Promise.reject(error);
    }
    answer.then(
      (value) => {
        if (entry.sentTo !== worker || !this.pending.has(entry)) return;
        this.settle(entry);
        entry.resolve(value);
      },
      (error: unknown) => {
        if (entry.sentTo !== worker || !this.pending.has(entry)) return;
        this.settle(entry);
        entry.reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  }

  private settle(entry: PendingCall): void {
    this.pending.delete(entry);
  }

  /** A dead worker may have died of any call in flight: all of them are rejected, none is re-sent. */
  private crashed(detail: string): void {
    this.worker.terminate();
    this.rejectAll(new WorkerCrashedError(detail));
    this.start();
  }

  /** A fresh worker after an abort: the calls still in flight are sent to it again. */
  private restart(): void {
    this.worker.terminate();
    this.start();
    for (const entry of [...this.pending]) this.send(entry);
  }

  private rejectAll(error: Error): void {
    const all = [...this.pending];
    this.pending.clear();
    for (const entry of all) entry.reject(error);
  }
}
