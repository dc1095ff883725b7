/**
 * The ShiViz import as tasks for the throw-away regex worker (regex.worker.ts):
 * the user's regexes run there, with a time budget, never in the simulation
 * worker that holds the current run. Failures come back as data, by field.
 */
import { LimitError, ValidationError } from '../../../engine/core/errors';
import type { FieldIssue } from '../../protocol';
import { checkShiVizOptions, parseShiViz, type ShiVizOptions } from './shivizImport';
import type { SpaceTimeModel } from './spaceTimeModel';

export type RegexOutcome<T> = { ok: true; value: T } | { ok: false; message: string; issues: FieldIssue[] };

/** A thrown ValidationError or LimitError as an outcome naming its field; anything else in words. */
export function regexFailure(error: unknown): { ok: false; message: string; issues: FieldIssue[] } {
  if (error instanceof ValidationError)
    return {
      ok: false,
      message: error.message,
      issues: [{ field: error.field, rule: error.rule, message: error.message }],
    };
  if (error instanceof LimitError) {
    const field = (error as LimitError & { field?: string }).field ?? error.limit;
    return { ok: false, message: error.message, issues: [{ field, rule: error.message, message: error.message }] };
  }
  return {
    ok: false,
    message: `The log could not be read: ${error instanceof Error ? error.message : String(error)}`,
    issues: [],
  };
}

function attempt<T>(fn: () => T): RegexOutcome<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return regexFailure(error);
  }
}

export const shivizTasks = {
  /** Reads a ShiViz text log with the user's parser (and delimiter) regex. */
  parseShiVizLog(text: string, options: ShiVizOptions): RegexOutcome<SpaceTimeModel> {
    return attempt(() => parseShiViz(text, options));
  },
  /** Checks the regexes alone (as they are typed); issues name `parser` or `delimiter`. */
  checkShiViz(options: ShiVizOptions): RegexOutcome<true> {
    return attempt(() => {
      checkShiVizOptions(options);
      return true as const;
    });
  },
};
