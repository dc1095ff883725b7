/**
 * User-supplied regexes (the ShiViz log import) run in a worker of their own
 * with a time budget: past REGEX_BUDGET_MS the worker is terminated and the
 * user is told in words, next to the regex field. The simulation worker, the
 * current run, the scenario and the diagram already drawn are never touched.
 */
import type { ShiVizOptions } from './api/inspect/shivizImport';
import type { RegexOutcome, shivizTasks } from './api/inspect/shivizTasks';
import type { SpaceTimeModel } from './api/inspect/spaceTimeModel';
import { TaskWorker, WorkerTimeoutError } from './taskWorker';

/** Time one regex task may take (a log of MAX_LOG_CHARS with a sane regex reads in well under this). */
export const REGEX_BUDGET_MS = 1_500;

export type RegexWorker = TaskWorker<typeof shivizTasks>;

/** A fresh regex worker client (the worker itself starts on first use). */
export function createRegexWorker(budgetMs = REGEX_BUDGET_MS): RegexWorker {
  return new TaskWorker(
    () => new Worker(new URL('./regex.worker.ts', import.meta.url), { type: 'module', name: 'user-regex' }),
    budgetMs,
  );
}

let shared: RegexWorker | undefined;

/** The app's regex worker. */
export function regexWorker(): RegexWorker {
  shared ??= createRegexWorker();
  return shared;
}

/** A stopped or failed task as an outcome naming the regex fields, so the form shows it where it belongs. */
function stopped(error: unknown, options: ShiVizOptions): RegexOutcome<never> {
  const fields = options.delimiter ? ['parser', 'delimiter'] : ['parser'];
  if (error instanceof WorkerTimeoutError) {
    const seconds = (error.budgetMs / 1000).toLocaleString('en-US');
    const which = options.delimiter ? 'The parser or delimiter regex' : 'The parser regex';
    const rule = `ran for more than ${seconds} s on this log and was stopped; nested repeats like (a+)+ can take for ever on some text`;
    return {
      ok: false,
      message: `${which} ${rule}. Nothing was changed.`,
      issues: fields.map((field) => ({ field, rule, message: `${field}: ${rule}` })),
    };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { ok: false, message: `The log could not be read: ${text}`, issues: [] };
}

/**
 * Reads a ShiViz text log with the user's regexes in the regex worker.
 * @example
 * const out = await parseShiVizLog('a+!', { parser: '(?<host>(a+)+)(?<clock>\\{\\})(?<event>.)' });
 * out.ok // false after REGEX_BUDGET_MS if the regex backtracks for ever
 */
export async function parseShiVizLog(
  text: string,
  options: ShiVizOptions,
  worker: RegexWorker = regexWorker(),
): Promise<RegexOutcome<SpaceTimeModel>> {
  try {
    return await worker.call('parseShiVizLog', [text, options], { what: 'The parser regex' });
  } catch (error) {
    return stopped(error, options);
  }
}

/** Checks the regexes alone (compiles them and reads their group names), in the regex worker. */
export async function checkShiViz(
  options: ShiVizOptions,
  worker: RegexWorker = regexWorker(),
): Promise<RegexOutcome<true>> {
  try {
    return await worker.call('checkShiViz', [options], { what: 'The regex check' });
  } catch (error) {
    return stopped(error, options);
  }
}
