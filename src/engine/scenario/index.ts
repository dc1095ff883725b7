/** The scenario file, version 1: parse and validate untrusted files, migrate old ones, write canonical text. */
export { FILE_FIELD, RESERVED_NAMES, SCENARIO_FORMAT, SCENARIO_VERSION } from './format';
export { formatPath } from './issues';
export { type JsonSyntaxProblem, locateJsonError } from './jsonSyntax';
export { migrateScenario, tryMigrateScenario } from './migrate';
export { parseScenario, type ScenarioValidation, validateScenario } from './parse';
export { type ResolvedIds, resolveScenarioIds } from './resolve';
export { ScenarioLimitError, ScenarioTooLargeError } from './scenarioLimitError';
export { type ScenarioFile, ScenarioFileSchema } from './schema';
export { serializeScenario } from './serialize';
export type { RunKind, RunSpec, Scenario, ScenarioFault, TopologyBuilderSpec } from './types';
