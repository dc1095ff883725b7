import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SHIVIZ_PARSER } from '../../src/worker/api/inspect/logFormats';
import type { shivizTasks } from '../../src/worker/api/inspect/shivizTasks';
import { checkShiViz, parseShiVizLog } from '../../src/worker/regexClient';
import { TaskWorker, WorkerTimeoutError } from '../../src/worker/taskWorker';
import { NodeWebWorker } from './nodeWebWorker';

/** The regex the issue found: nested repeats that backtrack exponentially on "a" × 40 + "!". */
const CATASTROPHIC = '(?<host>(a+)+)(?<clock>\\{\\})(?<event>.)';
const HOSTILE_LOG = `${'a'.repeat(40)}!`;
const GOOD_LOG = ['write x', 'agent-1 {"agent-1":1}'].join('\n');

/** A client over real threads (a stuck regex can only be stopped by ending its thread). */
function threadClient(budgetMs: number) {
  const threads: NodeWebWorker[] = [];
  const client = new TaskWorker<typeof shivizTasks>(() => {
    threads.push(new NodeWebWorker(new URL('./taskWorkerBoot.mjs', import.meta.url)));
    return threads.at(-1) as unknown as Worker;
  }, budgetMs);
  return { client, threads };
}

describe('the throw-away regex worker', () => {
  let dispose = () => {};
  afterEach(() => dispose());

  it('stops a catastrophically backtracking parser regex at its budget and says so next to the field', async () => {
    // A budget far above the time a sane regex needs here (the thread also loads TypeScript first).
    const { client, threads } = threadClient(3_000);
    dispose = () => client.dispose();
    expect((await parseShiVizLog(GOOD_LOG, { parser: DEFAULT_SHIVIZ_PARSER }, client)).ok).toBe(true);
    const out = await parseShiVizLog(HOSTILE_LOG, { parser: CATASTROPHIC }, client);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.message).toContain('The parser regex ran for more than 3 s');
    expect(out.issues.map((i) => i.field)).toEqual(['parser']);
    // The stuck thread was ended and the next task gets a fresh one that works.
    expect(threads).toHaveLength(1);
    const again = await parseShiVizLog(GOOD_LOG, { parser: DEFAULT_SHIVIZ_PARSER }, client);
    expect(again.ok).toBe(true);
    expect(client.starts).toBe(2);
  });

  it('answers tasks queued behind a stopped one, on the fresh worker', async () => {
    const { client } = threadClient(3_000);
    dispose = () => client.dispose();
    const stuck = parseShiVizLog(HOSTILE_LOG, { parser: CATASTROPHIC, delimiter: '---' }, client);
    const check = checkShiViz({ parser: '(?<host>x)' }, client);
    const after = parseShiVizLog(GOOD_LOG, { parser: DEFAULT_SHIVIZ_PARSER }, client);
    const [a, b, c] = await Promise.all([stuck, check, after]);
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.issues.map((i) => i.field)).toEqual(['parser', 'delimiter']);
    expect(b.ok).toBe(false);
    if (!b.ok) expect(b.issues[0].rule).toContain('missing: clock, event');
    expect(c.ok).toBe(true);
  });

  it('rejects with WorkerTimeoutError when a worker never answers', async () => {
    // A worker that takes every message and answers none: the budget alone must end the call.
    const silent = { postMessage() {}, terminate() {}, addEventListener() {} } as unknown as Worker;
    let terminated = 0;
    const client = new TaskWorker<typeof shivizTasks>(
      () => ({ ...silent, terminate: () => terminated++ }) as unknown as Worker,
      20,
    );
    const error = await client.call('checkShiViz', [{ parser: 'x' }], { what: 'The check' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerTimeoutError);
    expect((error as Error).message).toBe('The check took longer than 0.02 s and was stopped.');
    expect(terminated).toBe(1);
  });
});
