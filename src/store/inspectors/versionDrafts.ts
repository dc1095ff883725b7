/**
 * Typed-in versions → the resolver's input. Each field is parsed on its own so
 * that a mistake is reported next to the cell it concerns (`versions[1].clock`).
 */
import type { StateVersionInput } from '../../worker/api/inspect/merge';
import type { FieldIssue } from '../../worker/protocol';
import type { VersionDraft } from './inspectorSlice';

export interface DraftProblem {
  message: string;
  issues: FieldIssue[];
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** A timestamp as epoch ms: a number, or an ISO date such as 2025-01-01T12:00:01Z. */
export function parseTimestamp(text: string): number | null {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * The drafts as state versions, or every problem found (field by field).
 *
 * @example parseDrafts([{ agentId: 'agent-1', value: '42', version: '1', timestamp: '0', clock: '' }], 'counter')
 */
export function parseDrafts(drafts: readonly VersionDraft[], stateKey: string): StateVersionInput[] | DraftProblem {
  const issues: FieldIssue[] = [];
  const bad = (field: string, message: string) => issues.push({ field, rule: message, message });
  const out = drafts.map((d, i) => {
    const f = `versions[${i}]`;
    const value = parseJson(d.value);
    if (!value.ok) bad(`${f}.value`, 'must be JSON: a number, "text", [a, list] or {"a": "map"}');
    const version = Number(d.version);
    if (d.version.trim() === '' || !Number.isSafeInteger(version) || version < 0)
      bad(`${f}.version`, 'must be a whole number ≥ 0');
    const timestamp = parseTimestamp(d.timestamp);
    if (timestamp === null) bad(`${f}.timestamp`, 'must be epoch ms or a date such as 2025-01-01T12:00:01Z');
    if (d.agentId.trim() === '') bad(`${f}.agentId`, 'must not be empty');
    let clock: unknown;
    if (d.clock.trim() !== '') {
      const c = parseJson(d.clock);
      const okClock =
        c.ok &&
        typeof c.value === 'object' &&
        c.value !== null &&
        !Array.isArray(c.value) &&
        Object.values(c.value).every((x) => Number.isSafeInteger(x) && (x as number) >= 0);
      if (okClock) clock = c.value;
      else bad(`${f}.clock`, 'must be {"agent-1": 5, …} with whole numbers ≥ 0, or empty');
    }
    return {
      stateKey,
      value: value.ok ? value.value : null,
      version,
      timestamp: timestamp ?? 0,
      agentId: d.agentId.trim(),
      metadata: clock ? { vectorClock: clock as Record<string, number> } : {},
    };
  });
  if (issues.length > 0) return { message: `${issues.length} field(s) to fix`, issues };
  return out;
}
