import * as v from 'valibot';
import { type ValidationError, ValidationErrors, ValidationError as VError } from '../core/errors';
import { MAX_VALIDATION_ERRORS } from '../core/limits';
import { FILE_FIELD } from './format';
import { issuesToErrors } from './issues';
import { tryMigrateScenario } from './migrate';
import { checkCollectionLimits, parseJsonText, scanData } from './preflight';
import { resolveScenario } from './resolve';
import { ScenarioFileSchema } from './schema';
import type { Scenario } from './types';

export type ScenarioValidation = { ok: true; scenario: Scenario } | { ok: false; errors: ValidationError[] };

/**
 * Validates a scenario file, given as JSON text or as already-parsed data, and
 * never throws for bad input: every problem comes back as a ValidationError
 * whose `field` is a path (`topology.agents[3].weight`, or `(file)` for the file
 * as a whole). Checks run cheapest first and stop at the first stage that fails:
 * size and nesting, JSON syntax, reserved keys, format and version, collection
 * limits, the schema, then the cross-field rules.
 *
 * Data passed as an object must be plain JSON-like data (what JSON.parse or
 * structuredClone produce); getters and proxies are not defended against.
 *
 * @example
 * const result = validateScenario(fileText);
 * if (!result.ok) for (const e of result.errors) console.log(`${e.field}: ${e.rule}`);
 */
export function validateScenario(input: unknown): ScenarioValidation {
  let data = input;
  if (typeof input === 'string') {
    const json = parseJsonText(input);
    if (!json.ok) return json;
    data = json.value;
  }
  const unsafe = scanData(data);
  if (unsafe.length > 0) return refuse(unsafe);
  const migrated = tryMigrateScenario(data);
  if (!migrated.ok) return migrated;
  const limits = checkCollectionLimits(migrated.doc);
  if (limits.length > 0) return refuse(limits);
  const parsed = v.safeParse(ScenarioFileSchema, migrated.doc);
  if (!parsed.success) {
    const { errors, total } = issuesToErrors(parsed.issues, MAX_VALIDATION_ERRORS);
    return refuse(errors, total);
  }
  const resolved = resolveScenario(parsed.output);
  return resolved.ok ? resolved : refuse(resolved.errors);
}

/** At most MAX_VALIDATION_ERRORS errors; the last says how many more there were. */
function refuse(errors: ValidationError[], total = errors.length): ScenarioValidation {
  if (total <= MAX_VALIDATION_ERRORS) return { ok: false, errors };
  const shown = errors.slice(0, MAX_VALIDATION_ERRORS - 1);
  const rest = total - shown.length;
  return { ok: false, errors: [...shown, new VError(FILE_FIELD, `has ${rest} more problems not listed here`)] };
}

/**
 * Parses and validates a scenario file (JSON text or parsed data) into a typed
 * Scenario with every default filled and every id checked; throws a
 * ValidationErrors listing each problem with its field path.
 *
 * @example
 * const scenario = parseScenario('{"format":"swarm-playground/scenario","version":1,"seed":42,' +
 *   '"topology":{"agentCount":5,"builder":{"kind":"ring"}},"run":{"kind":"flood"}}');
 * scenario.topology.agents[0].id; // 'agent-1'
 */
export function parseScenario(input: unknown): Scenario {
  const result = validateScenario(input);
  if (!result.ok) throw new ValidationErrors(result.errors);
  return result.scenario;
}
