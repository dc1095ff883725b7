/**
 * The UI's one way into the engines: wraps the simulation worker once and owns
 * its lifecycle. Every call can be aborted (the worker is terminated and a fresh
 * one started, since a busy worker cannot be interrupted); a worker that dies
 * rejects every pending call with WorkerCrashedError and is restarted.
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

export class SimClient {
  private worker!: Worker;
  private remote!: Remote<SimApi>;
  private readonly pending = new Set<(error: Error) => void>();
  /** How many times a worker was started (1 after construction); tests and diagnostics read it. */
  starts = 0;

  constructor(private readonly makeWorker: WorkerFactory = defaultFactory) {
    this.start();
  }

  /** Calls one API method; aborting terminates the worker and rejects with WorkerAbortedError. */
  call<T>(invoke: (remote: Remote<SimApi>) => Promise<T>, options: CallOptions = {}): Promise<T> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new WorkerAbortedError());
    return new Promise<T>((resolve, reject) => {
      const fail = (error: Error) => {
        cleanup();
        reject(error);
      };
      // Terminating the worker also ends every other call in flight: they are cancelled too.
      const onAbort = () => this.restart(new WorkerAbortedError());
      const cleanup = () => {
        this.pending.delete(fail);
        signal?.removeEventListener('abort', onAbort);
      };
      this.pending.add(fail);
      signal?.addEventListener('abort', onAbort, { once: true });
      invoke(this.remote).then(
        (value) => {
          cleanup();
          resolve(value);
        },
        (error: unknown) => fail(error instanceof Error ? error : new Error(String(error))),
      );
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

  private crashed(detail: string): void {
    this.restart(new WorkerCrashedError(detail));
  }

  private restart(reason: Error): void {
    this.worker.terminate();
    this.rejectAll(reason);
    this.start();
  }

  private rejectAll(error: Error): void {
    for (const fail of [...this.pending]) fail(error);
  }
}
