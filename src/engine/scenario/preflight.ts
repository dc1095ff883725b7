/**
 * Checks that run before the schema: the text's size and nesting (before
 * JSON.parse allocates anything), its JSON syntax, reserved keys anywhere in the
 * data, and the sizes of the big collections (so a file asking for 10,000,000
 * agents is refused at once, without validating or building anything).
 */
import { ValidationError } from '../core/errors';
import {
  MAX_AGENTS,
  MAX_AGGREGATE_AGENTS,
  MAX_FAULTS,
  MAX_LINKS,
  MAX_NESTING_DEPTH,
  MAX_SCENARIO_BYTES,
  MAX_VALIDATION_ERRORS,
} from '../core/limits';
import { utf8Bytes } from '../memory/jsonValue';
import { FILE_FIELD, RESERVED_NAMES } from './format';
import { formatPath } from './issues';
import { locateJsonError } from './jsonSyntax';
import { ScenarioLimitError } from './scenarioLimitError';

/** UTF-8 byte length of `s`, counted without encoding it (one implementation for files and the wire). */
export const utf8Length = utf8Bytes;

/** Position of the first bracket that nests deeper than MAX_NESTING_DEPTH, or -1. Strings are skipped. */
function tooDeepAt(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_NESTING_DEPTH) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; errors: ValidationError[] };

/** Size, nesting, then JSON.parse; a syntax error names its position, line and column. */
export function parseJsonText(raw: string): JsonResult {
  // A cheap lower bound first: every UTF-16 unit is at least one byte.
  const bytes = raw.length > MAX_SCENARIO_BYTES ? raw.length : utf8Length(raw);
  if (bytes > MAX_SCENARIO_BYTES) {
    const what = raw.length > MAX_SCENARIO_BYTES ? 'is at least # bytes long' : 'is # bytes long';
    return fail(new ScenarioLimitError(FILE_FIELD, 'MAX_SCENARIO_BYTES', MAX_SCENARIO_BYTES, bytes, what));
  }
  // Editors on some systems start UTF-8 files with a byte-order mark; it is not part of the JSON.
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const deepAt = tooDeepAt(text);
  if (deepAt >= 0) {
    return fail(
      new ValidationError(
        FILE_FIELD,
        `nests arrays and objects deeper than ${MAX_NESTING_DEPTH} levels at position ${deepAt}`,
      ),
    );
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const where = locateJsonError(text);
    const rule = where
      ? `not valid JSON at position ${where.position} (line ${where.line}, column ${where.column}): ${where.problem}`
      : `not valid JSON: ${(e as Error).message}`;
    return fail(new ValidationError(FILE_FIELD, rule));
  }
}

function fail(error: ValidationError): JsonResult {
  return { ok: false, errors: [error] };
}

/**
 * Walks parsed data once: reserved keys (`__proto__`, `constructor`, `prototype`)
 * anywhere are errors, and so is nesting deeper than MAX_NESTING_DEPTH (which
 * also stops cycles in data handed over as objects rather than text).
 */
export function scanData(value: unknown): ValidationError[] {
  const errors: ValidationError[] = [];
  const path: (string | number)[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (node === null || typeof node !== 'object' || errors.length >= MAX_VALIDATION_ERRORS) return;
    if (depth > MAX_NESTING_DEPTH) {
      errors.push(new ValidationError(formatPath(path), `nests deeper than ${MAX_NESTING_DEPTH} levels`));
      return;
    }
    const isArray = Array.isArray(node);
    for (const key of Object.keys(node)) {
      path.push(isArray ? Number(key) : key);
      if (!isArray && RESERVED_NAMES.has(key)) {
        errors.push(new ValidationError(formatPath(path), 'is a reserved name and cannot be used as a key'));
      } else visit((node as Record<string, unknown>)[key], depth + 1);
      path.pop();
    }
  };
  visit(value, 1);
  return errors;
}

/** An own property, never an inherited one. */
function own(obj: unknown, key: string): unknown {
  return obj !== null && typeof obj === 'object' && Object.hasOwn(obj, key)
    ? (obj as Record<string, unknown>)[key]
    : undefined;
}

/** The collection bounds, checked on the raw document before the schema walks it. */
export function checkCollectionLimits(doc: unknown): ValidationError[] {
  const topology = own(doc, 'topology');
  const run = own(doc, 'run');
  const length = (x: unknown) => (Array.isArray(x) ? x.length : undefined);
  const count = (x: unknown) => (typeof x === 'number' ? x : undefined);
  const checks: [number | undefined, string, string, number, string][] = [
    [count(own(topology, 'agentCount')), 'topology.agentCount', 'MAX_AGENTS', MAX_AGENTS, 'asks for # agents'],
    [length(own(topology, 'agents')), 'topology.agents', 'MAX_AGENTS', MAX_AGENTS, 'lists # agents'],
    [length(own(topology, 'links')), 'topology.links', 'MAX_LINKS', MAX_LINKS, 'lists # links'],
    [length(own(own(doc, 'network'), 'faults')), 'network.faults', 'MAX_FAULTS', MAX_FAULTS, 'lists # faults'],
    [
      count(own(run, 'agentCount')),
      'run.agentCount',
      'MAX_AGGREGATE_AGENTS',
      MAX_AGGREGATE_AGENTS,
      'asks for # agents',
    ],
  ];
  const errors: ValidationError[] = [];
  for (const [n, field, limit, max, what] of checks) {
    if (n !== undefined && n > max) errors.push(new ScenarioLimitError(field, limit, max, n, what));
  }
  return errors;
}
