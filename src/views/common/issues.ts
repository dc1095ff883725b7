import type { FieldIssue } from '../../worker/protocol';

/** The first issue whose field is `field` or lies under it, as a sentence for the UI. */
export function issueFor(issues: readonly FieldIssue[], field: string): string | undefined {
  const hit = issues.find(
    (i) => i.field === field || i.field.startsWith(`${field}.`) || i.field.startsWith(`${field}[`),
  );
  return hit ? `${hit.field}: ${hit.rule}` : undefined;
}
