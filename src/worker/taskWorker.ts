/**
 * A small worker that answers one task at a time, each within a time budget:
 * a task that runs past its budget (a user's regex backtracking for ever, a
 * validator stuck on a hostile file) is stopped by terminating the worker, its
 * caller gets a WorkerTimeoutError, and the tasks queued after it run on a
 * fresh worker. Nothing else shares the worker, so nothing else is lost.
 * Plain messages (taskHost.ts is the other side), no Comlink.
 */
import type { TaskAnswer, TaskHandlers, TaskRequest } from './taskHost';

/** A task ran past its time budget and its worker was stopped. */
export class WorkerTimeoutError extends Error {
  override readonly name = 'WorkerTimeoutError';
  constructor(
    readonly budgetMs: number,
    what: string,
  ) {
    super(`${what} took longer than ${(budgetMs / 1000).toLocaleString('en-US')} s and was stopped.`);
  }
}

/** The task's worker died (out of memory, a load error); the next task starts a fresh one. */
export class TaskWorkerError extends Error {
  override readonly name = 'TaskWorkerError';
}

interface Task {
  request: TaskRequest;
  budgetMs: number;
  what: string;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export interface TaskOptions {
  /** Time the task may take once the worker starts it; default: the worker's own. */
  budgetMs?: number;
  /** What the task is, for the timeout message ("The parser regex"). */
  what?: string;
}

/**
 * The client of one task worker.
 * @example
 * const regex = new TaskWorker<typeof api>(() => new Worker(url, { type: 'module' }), 1500);
 * await regex.call('parseShiVizLog', [text, options], { what: 'The parser regex' });
 */
export class TaskWorker<H extends TaskHandlers> {
  private worker: Worker | undefined;
  private readonly queue: Task[] = [];
  private current: Task | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;
  /** Workers started so far (tests and diagnostics read it). */
  starts = 0;

  constructor(
    private readonly makeWorker: () => Worker,
    private readonly defaultBudgetMs: number,
  ) {}

  call<K extends keyof H & string>(
    method: K,
    args: Parameters<H[K]>,
    options: TaskOptions = {},
  ): Promise<Awaited<ReturnType<H[K]>>> {
    return new Promise((resolve, reject) => {
      this.queue.push({
        request: { id: this.nextId++, method, args },
        budgetMs: options.budgetMs ?? this.defaultBudgetMs,
        what: options.what ?? 'The task',
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.pump();
    });
  }

  /** Stops the worker; queued and running tasks are rejected. */
  dispose(): void {
    const all = [...(this.current ? [this.current] : []), ...this.queue.splice(0)];
    this.current = undefined;
    this.stop();
    for (const task of all) task.reject(new TaskWorkerError('The worker was stopped.'));
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const task = this.queue.shift() as Task;
    this.current = task;
    const worker = this.ensureWorker();
    const timeout = new WorkerTimeoutError(task.budgetMs, task.what);
    this.timer = setTimeout(() => this.finish(task, { ok: false, error: timeout }, true), task.budgetMs);
    try {
      worker.postMessage(task.request);
    } catch (error) {
      this.finish(task, { ok: false, error: error instanceof Error ? error : new Error(String(error)) }, false);
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.makeWorker();
    this.starts++;
    worker.addEventListener('message', (event: MessageEvent<TaskAnswer>) => {
      const task = this.current;
      if (!task || event.data?.id !== task.request.id) return;
      const answer = event.data;
      if (answer.ok) this.finish(task, { ok: true, value: answer.value }, false);
      else
        this.finish(task, { ok: false, error: Object.assign(new Error(answer.message), { name: answer.name }) }, false);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      const task = this.current;
      const error = new TaskWorkerError(`The worker stopped: ${event.message || 'error'}`);
      if (task) this.finish(task, { ok: false, error }, true);
      else this.stop();
    });
    this.worker = worker;
    return worker;
  }

  /** Settles the running task; `kill` stops its worker first (a fresh one serves the next task). */
  private finish(task: Task, outcome: { ok: true; value: unknown } | { ok: false; error: Error }, kill: boolean): void {
    if (this.current !== task) return;
    clearTimeout(this.timer);
    this.current = undefined;
    if (kill) this.stop();
    if (outcome.ok) task.resolve(outcome.value);
    else task.reject(outcome.error);
    this.pump();
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.worker?.terminate();
    this.worker = undefined;
  }
}
