/** Turns valibot issues into ValidationErrors whose field is a path like `topology.agents[3].weight`. */
import type * as v from 'valibot';
import { ValidationError } from '../core/errors';
import { FILE_FIELD } from './format';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['topology', 'agents', 3, 'weight']` ⇒ `topology.agents[3].weight`; odd keys are quoted: `run.agentWeights["agent-1"]`. */
export function formatPath(keys: readonly unknown[]): string {
  let out = '';
  for (const key of keys) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && IDENTIFIER.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key).slice(0, 80))}]`;
  }
  return out || FILE_FIELD;
}

/** `("a" | "b")` ⇒ `"a", "b"`. */
function options(expected: string | null): string {
  return (expected ?? '')
    .replace(/^\(|\)$/g, '')
    .split(' | ')
    .join(', ');
}

/** Our schemas carry rules in words ("must …"); valibot's own messages ("Invalid …") are reworded here. */
function ruleOf(issue: v.BaseIssue<unknown>): string {
  if (!issue.message.startsWith('Invalid ')) return issue.message;
  const missing = issue.kind === 'schema' && issue.received === 'undefined' && (issue.path?.length ?? 0) > 0;
  switch (issue.type) {
    case 'strict_object':
    case 'object':
      if (issue.expected === 'never') return 'is not a known field';
      return missing ? 'is required' : 'must be an object';
    case 'strict_tuple':
      return issue.expected === 'never' ? 'is one item too many' : 'must be an array';
    case 'variant':
      if (issue.expected === 'Object') return 'must be an object';
      return `${missing ? 'is required: ' : 'must be '}one of ${options(issue.expected)}`;
    case 'literal':
    case 'picklist':
      return `must be ${options(issue.expected)}`;
    case 'array':
      return 'must be an array';
    default:
      return missing ? 'is required' : `is invalid (${issue.message})`;
  }
}

/**
 * The field an issue belongs to and its rule. valibot's object schemas read an
 * array as an object and complain about its fields (`topology: []` gave
 * "topology.builder: is required"); the real problem is the array, so an issue
 * met while looking up a field of an array is reported on the array itself.
 */
function fieldAndRule(issue: v.BaseIssue<unknown>): { field: string; rule: string } {
  const path = issue.path ?? [];
  const arrayAt = path.findIndex((p) => p.type === 'object' && Array.isArray(p.input));
  if (arrayAt >= 0) return { field: formatPath(path.slice(0, arrayAt).map((p) => p.key)), rule: 'must be an object' };
  return { field: formatPath(path.map((p) => p.key)), rule: ruleOf(issue) };
}

/**
 * One ValidationError per distinct field and rule, in the order valibot found
 * them (a pipe reports each failing check, all with the same rule). Only the
 * first `max` become Error objects — a file with 100,000 bad agents must not
 * cost 100,000 stack traces; `total` counts them all.
 */
export function issuesToErrors(
  issues: readonly v.BaseIssue<unknown>[],
  max: number,
): { errors: ValidationError[]; total: number } {
  const seen = new Set<string>();
  const errors: ValidationError[] = [];
  for (const issue of issues) {
    const { field, rule } = fieldAndRule(issue);
    const key = `${field}\n${rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (errors.length < max) errors.push(new ValidationError(field, rule));
  }
  return { errors, total: seen.size };
}
