import { useId, useState } from 'react';
import { useStore } from '../../store/index';
import { libraryMemory } from '../../store/persistence/libraryMemory';
import type { SaveMeta } from '../../store/persistence/librarySlice';
import { deleteSave, openSave, renameSave, saveScenarioAs } from '../../store/persistence/savedScenarios';
import { AreaMessage } from './ProblemBox';

const AUTOSAVE_TEXT = {
  idle: '',
  restoring: 'Restoring your last session…',
  saving: 'Saving…',
  saved: 'All changes saved in this browser.',
  invalid: 'Not saved while the scenario has problems; the last valid version is kept.',
  failed: 'Not saved in this browser.',
} as const;

/** Autosave status and the named saves: save as, open, rename, delete. */
export function SavesSection() {
  const saves = useStore((s) => s.saves);
  const autosave = useStore((s) => s.autosave);
  const scenarioName = useStore((s) => s.scenario.name);
  const [name, setName] = useState('');
  const id = useId();
  const submit = async () => {
    if (await saveScenarioAs(libraryMemory(), name || scenarioName || '')) setName('');
  };
  return (
    <section aria-labelledby={`${id}-title`} className="library-section">
      <h3 id={`${id}-title`}>Saved scenarios</h3>
      <p className="hint" data-testid="autosave-status">
        {AUTOSAVE_TEXT[autosave]}
      </p>
      <AreaMessage area="autosave" />
      <form
        className="save-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-name`}>Save as</label>
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            placeholder={scenarioName || 'Name'}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <button type="submit">Save</button>
      </form>
      <AreaMessage area="saves" />
      {saves.length === 0 ? (
        <p className="hint">No saves yet.</p>
      ) : (
        <ul className="save-list" aria-label="Saves">
          {saves.map((save) => (
            <SaveRow key={save.id} save={save} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SaveRow({ save }: { save: SaveMeta }) {
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [name, setName] = useState(save.name);
  const memory = libraryMemory();
  const when = new Date(save.savedAt);
  return (
    <li className="save-row">
      {renaming ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void renameSave(memory, save.id, name).then((ok) => ok && setRenaming(false));
          }}
        >
          <input
            type="text"
            aria-label={`New name for ${save.name}`}
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" className="small">
            OK
          </button>
          <button type="button" className="small" onClick={() => setRenaming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <>
          <span className="save-name">{save.name}</span>
          <span className="save-meta">
            {save.runKind}, {save.agents.toLocaleString('en-US')} agents,{' '}
            <time dateTime={save.savedAt}>{Number.isNaN(when.getTime()) ? '' : when.toLocaleString()}</time>
          </span>
          <span className="save-actions">
            <button
              type="button"
              className="small"
              aria-label={`Open ${save.name}`}
              onClick={() => void openSave(memory, save.id)}
            >
              Open
            </button>
            <button
              type="button"
              className="small"
              aria-label={`Rename ${save.name}`}
              onClick={() => {
                setName(save.name);
                setRenaming(true);
              }}
            >
              Rename
            </button>
            {confirming ? (
              <>
                <button
                  type="button"
                  className="small danger"
                  aria-label={`Really delete ${save.name}`}
                  onClick={() => void deleteSave(memory, save.id)}
                >
                  Really delete
                </button>
                <button type="button" className="small" onClick={() => setConfirming(false)}>
                  Keep
                </button>
              </>
            ) : (
              <button
                type="button"
                className="small"
                aria-label={`Delete ${save.name}`}
                onClick={() => setConfirming(true)}
              >
                Delete
              </button>
            )}
          </span>
        </>
      )}
    </li>
  );
}
