/**
 * Small helpers the kinds' `narrate` functions share: reading a field of an event's detail
 * (details are JSON from the trace, so nothing about their shape is trusted) and quoting a value
 * the way the narration shows it ("'for'"). Plain functions, no engine code.
 */

/** A field of a detail object, or undefined when the detail is not an object. */
export function field(detail: unknown, key: string): unknown {
  return detail !== null && typeof detail === 'object' ? (detail as Record<string, unknown>)[key] : undefined;
}

/** A detail field as a number, or undefined. */
export function num(detail: unknown, key: string): number | undefined {
  const v = field(detail, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A detail field as a string, or undefined. */
export function str(detail: unknown, key: string): string | undefined {
  const v = field(detail, key);
  return typeof v === 'string' ? v : undefined;
}

/** A value as the narration quotes it: 'for', 'attack'. */
export const quote = (v: unknown): string => `'${String(v)}'`;

/** "1 task", "3 tasks": a count with its noun in the right number. */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** The message half of `narrate`: the detail of a `narrate('message', …)` call. */
export function messageOf(detail: unknown): { tag: string; payload: unknown } {
  return { tag: str(detail, 'tag') ?? '', payload: field(detail, 'payload') };
}
