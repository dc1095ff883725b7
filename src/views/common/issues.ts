import { type FieldWordsContext, issueWords } from '../../store/fieldNames';
import type { FieldIssue } from '../../worker/protocol';

/**
 * The first issue whose field is `field` or lies under it, as a sentence for the UI: the field
 * in the words of its control (“Topology → neighbours per agent (k): must be …”), never its path.
 */
export function issueFor(
  issues: readonly FieldIssue[],
  field: string,
  context?: FieldWordsContext,
): string | undefined {
  const hit = issues.find(
    (i) => i.field === field || i.field.startsWith(`${field}.`) || i.field.startsWith(`${field}[`),
  );
  return hit ? issueWords(hit, context) : undefined;
}
