/// <reference lib="webworker" />
/**
 * The worker side of a task worker (see taskWorker.ts): plain messages, no
 * Comlink, so a small worker bundles only the functions it serves. Each request
 * `{ id, method, args }` gets one answer `{ id, ok, value }` or
 * `{ id, ok: false, name, message }`.
 */

/** What a task worker serves: plain functions of structured-cloneable arguments. */
// biome-ignore lint/suspicious/noExplicitAny: a table of functions of any signature, typed at the call site.
export type TaskHandlers = Record<string, (...args: any[]) => unknown>;

export interface TaskRequest {
  id: number;
  method: string;
  args: unknown[];
}

export type TaskAnswer =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; name: string; message: string };

/** Answers one request with `handlers` (an unknown method or a throw is an answer too, never silence). */
export async function answerTask(handlers: TaskHandlers, request: TaskRequest): Promise<TaskAnswer> {
  const { id, method, args } = request;
  try {
    const handler = Object.hasOwn(handlers, method) ? handlers[method] : undefined;
    if (!handler) throw new Error(`this worker has no task “${method}”`);
    return { id, ok: true, value: await handler(...args) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { id, ok: false, name: e.name, message: e.message };
  }
}

/** Serves `handlers` on the worker's global scope. */
export function serveTasks(handlers: TaskHandlers): void {
  const scope = self as unknown as DedicatedWorkerGlobalScope;
  scope.addEventListener('message', (event: MessageEvent<TaskRequest>) => {
    void answerTask(handlers, event.data).then((answer) => scope.postMessage(answer));
  });
}
