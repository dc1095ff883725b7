import { fieldWords, issueWords } from '../../store/fieldNames';
import { useStore } from '../../store/index';

/**
 * Why Run is off, next to it: the problems may be far below (the Network panel) or in the
 * inspector, so the first one is named here in words, with a button that takes focus to its field.
 */
export function RunBlockedNote({ id }: { id: string }) {
  const issues = useStore((s) => s.issues);
  const agents = useStore((s) => s.topology?.agents);
  const first = issues[0];
  if (!first) return null;
  const context = { agentIds: agents?.map((a) => a.id) };
  const count =
    issues.length === 1 ? '1 problem is fixed' : `${issues.length.toLocaleString('en-US')} problems are fixed`;
  return (
    <p className="run-blocked" id={id} data-testid="run-blocked">
      <span>
        Run is off until {count}: {issueWords(first, context)}
      </span>{' '}
      <button type="button" className="small" onClick={() => focusField(fieldWords(first.field, context))}>
        Go to the field
      </button>
    </p>
  );
}

/**
 * Focuses the control a problem names: the invalid control labelled with the last words of its
 * field (“Network → Latency max (ms)” ⇒ “Latency max (ms)”), else the first invalid control shown.
 */
function focusField(words: string): void {
  const label = words.split(' → ').at(-1);
  const invalid = [...document.querySelectorAll<HTMLElement>('[aria-invalid="true"]')];
  const named = invalid.find((el) =>
    [...((el as HTMLInputElement).labels ?? [])].some((l) => l.textContent?.trim() === label),
  );
  const target = named ?? invalid[0];
  target?.focus();
  target?.scrollIntoView?.({ block: 'center' });
}
