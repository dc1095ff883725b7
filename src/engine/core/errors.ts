/**
 * Typed errors shared by every engine. Each names what was wrong so the UI can
 * show the message next to the control (or file field) it came from.
 */

/** Invalid input: `field` is a path such as `agents[3].weight`, `rule` says what it must be. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
  }
}

/** Several validation problems at once (a scenario file can have many). */
export class ValidationErrors extends Error {
  override readonly name = 'ValidationErrors';
  constructor(readonly issues: readonly ValidationError[]) {
    super(issues.map((i) => i.message).join('\n'));
  }
}

/** A named bound was exceeded; `actual` is what was asked for, `max` what is allowed. */
export class LimitError extends Error {
  override readonly name = 'LimitError';
  constructor(
    readonly limit: string,
    readonly max: number,
    readonly actual: number,
  ) {
    super(
      `${limit} is ${max.toLocaleString('en-US')}; this needs ${actual.toLocaleString('en-US')} (${(actual - max).toLocaleString('en-US')} over)`,
    );
  }
}

/** Throws a ValidationError unless `ok`. Keeps guard clauses one line long. */
export function check(ok: boolean, field: string, rule: string): asserts ok {
  if (!ok) throw new ValidationError(field, rule);
}

/** Throws a LimitError when `actual` exceeds `max`. */
export function checkLimit(limit: string, max: number, actual: number): void {
  if (actual > max) throw new LimitError(limit, max, actual);
}

/** An internal invariant broke: a bug in an engine, never a user mistake. */
export function invariant(ok: boolean, what: string): asserts ok {
  if (!ok) throw new Error(`invariant violated: ${what}`);
}
