import { useId } from 'react';
import { useStore } from '../../store/index';
import { problem } from '../../store/sharing/problems';
import { readDraft } from '../../store/sharing/readScenario';
import { shareLinkFor } from '../../store/sharing/shareLink';
import { AreaMessage } from './ProblemBox';

async function makeLink(): Promise<void> {
  const store = useStore.getState();
  const read = await readDraft(store.scenario, 'The scenario');
  if (!read.ok) return store.setLibraryProblem('share', read.problem);
  const made = await shareLinkFor(read.text, location.href);
  if (!made.ok) return store.setLibraryProblem('share', made.problem);
  useStore.setState({ shareLink: made.link });
  try {
    await navigator.clipboard.writeText(made.link);
    store.setLibraryNotice('share', 'Link copied. Whoever opens it sees this scenario and the same run.');
  } catch {
    store.setLibraryNotice(
      'share',
      'Select the link above and copy it. Whoever opens it sees this scenario and the same run.',
    );
  }
}

/** Makes a share link: the scenario and its seed, compressed into the URL fragment. */
export function ShareSection() {
  const link = useStore((s) => s.shareLink);
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`} className="library-section">
      <h3 id={`${id}-title`}>Share</h3>
      <AreaMessage area="link" />
      <div className="button-row">
        <button
          type="button"
          onClick={() =>
            void makeLink().catch((e) => useStore.getState().setLibraryProblem('share', problem(String(e))))
          }
        >
          Copy share link
        </button>
      </div>
      {link && (
        <div className="field">
          <label htmlFor={`${id}-link`}>Share link</label>
          <input id={`${id}-link`} type="text" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
      <AreaMessage area="share" />
    </section>
  );
}
