import { ValidationError, ValidationErrors } from '../core/errors';
import { FILE_FIELD, SCENARIO_FORMAT, SCENARIO_VERSION } from './format';
import { fmt } from './rules';

/**
 * Upgrades from version `i + 1` to `i + 2`. Empty while version 1 is the only
 * one; when the format changes, version 2 adds its step here and old files keep
 * opening.
 */
const MIGRATIONS: readonly ((doc: Record<string, unknown>) => Record<string, unknown>)[] = [];

export type MigrationResult = { ok: true; doc: Record<string, unknown> } | { ok: false; errors: ValidationError[] };

/** Like migrateScenario, but returns the problems instead of throwing them. */
export function tryMigrateScenario(doc: unknown): MigrationResult {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return refuse(FILE_FIELD, 'must be a JSON object (a Swarm Playground scenario file)');
  }
  const record = doc as Record<string, unknown>;
  const format = Object.hasOwn(record, 'format') ? record.format : undefined;
  if (format !== SCENARIO_FORMAT) {
    const what = format === undefined ? 'is required' : 'is wrong';
    return refuse('format', `${what}: a scenario file says "format": "${SCENARIO_FORMAT}"`);
  }
  const version = Object.hasOwn(record, 'version') ? record.version : undefined;
  if (version === undefined) {
    const reads = SCENARIO_VERSION === 1 ? 'version 1' : `versions 1 to ${SCENARIO_VERSION}`;
    return refuse('version', `is required (this app reads ${reads})`);
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return refuse('version', 'must be a whole number ≥ 1');
  }
  if (version > SCENARIO_VERSION) {
    return refuse(
      'version',
      `is ${fmt(version)}, newer than this app understands (it reads up to version ${SCENARIO_VERSION}); open the file in a newer Swarm Playground`,
    );
  }
  let current = record;
  for (let from = version; from < SCENARIO_VERSION; from++) current = MIGRATIONS[from - 1](current);
  return { ok: true, doc: current };
}

function refuse(field: string, rule: string): MigrationResult {
  return { ok: false, errors: [new ValidationError(field, rule)] };
}

/**
 * Checks a parsed file's `format` and `version` and upgrades it to
 * SCENARIO_VERSION. A file from a newer app, a missing or malformed version and
 * a foreign format are refused with a ValidationErrors naming the field.
 *
 * @example
 * migrateScenario({ format: 'swarm-playground/scenario', version: 1, seed: 1 }); // returned unchanged
 * migrateScenario({ format: 'swarm-playground/scenario', version: 2 }); // throws: version is 2, newer than this app understands…
 */
export function migrateScenario(doc: unknown): Record<string, unknown> {
  const result = tryMigrateScenario(doc);
  if (!result.ok) throw new ValidationErrors(result.errors);
  return result.doc;
}
