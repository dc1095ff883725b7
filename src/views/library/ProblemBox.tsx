import { issueWords, withFieldWords } from '../../store/fieldNames';
import { useStore } from '../../store/index';
import type { LibraryArea } from '../../store/persistence/librarySlice';

/** The problem or confirmation of one library area, shown right under its controls. */
export function AreaMessage({ area }: { area: LibraryArea }) {
  const problem = useStore((s) => s.libraryProblems[area]);
  const notice = useStore((s) => s.libraryNotices[area]);
  // An issue whose rule the message already says (a share link's one problem) is not listed again.
  const listed = problem?.issues.filter((i) => !problem.message.includes(i.rule)) ?? [];
  if (problem)
    return (
      <div className="error-box" role="alert" data-testid={`${area}-problem`}>
        <p>{withFieldWords(problem.message)}</p>
        {listed.length > 0 && (
          <ul>
            {listed.map((i, n) => (
              // Issues can repeat a field with different rules; the index keeps keys unique.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced, never reordered.
              <li key={n}>{issueWords(i)}</li>
            ))}
          </ul>
        )}
      </div>
    );
  if (notice)
    return (
      <p className="library-notice" role="status" data-testid={`${area}-notice`}>
        {notice}
      </p>
    );
  return null;
}
