/** The `format` field every scenario file carries, so a stray JSON file is recognised as not ours. */
export const SCENARIO_FORMAT = 'swarm-playground/scenario';

/** The newest scenario version this build reads and the only one it writes. */
export const SCENARIO_VERSION = 1;

/**
 * Names that could reach an object's prototype if used as a key. Scenario files
 * reject them wherever a name is an identifier (agent ids, capabilities, record
 * keys, proposal field names); free text (labels, name, description) may contain
 * them because it is never used as a key.
 */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** The `field` of errors about the file as a whole (its size, its JSON syntax, its top-level type). */
export const FILE_FIELD = '(file)';
