import type { ValidationError } from '../engine/core/errors';
import type { FieldIssue } from './protocol';

/**
 * Why an import, a link, a save or an export failed: one sentence for a person,
 * plus the fields it concerns (a scenario file can have many problems). Shown
 * next to the control the input came from.
 */
export interface Problem {
  message: string;
  issues: FieldIssue[];
}

/** The `field` of problems about a share link as a whole (its length, its encoding, its compression). */
export const LINK_FIELD = '(link)';

/** A problem that concerns the whole input rather than one field. */
export function problem(message: string, field = '', rule = message): Problem {
  return { message, issues: field ? [{ field, rule, message: `${field}: ${rule}` }] : [] };
}

/** The scenario validator's errors as a Problem. */
export function fromValidation(message: string, errors: readonly ValidationError[]): Problem {
  return { message, issues: errors.map((e) => ({ field: e.field, rule: e.rule, message: e.message })) };
}

/** Any thrown value as words. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
