import { useId, useState } from 'react';
import { importFile, importPasted, MAX_IMPORT_BYTES } from '../../store/sharing/importScenario';
import { AreaMessage } from './ProblemBox';

/** Opens a scenario from a file (picker or drop) or from a pasted share link or JSON. */
export function ImportSection() {
  const id = useId();
  const [pasted, setPasted] = useState('');
  return (
    <section aria-labelledby={`${id}-title`} className="library-section">
      <h3 id={`${id}-title`}>Import</h3>
      <div className="drop-zone" data-testid="drop-zone">
        <label htmlFor={`${id}-file`}>Open a scenario file</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) void importFile(file);
            // The same file can be chosen again after fixing it.
            e.currentTarget.value = '';
          }}
        />
        <p className="hint">
          …or drop one anywhere on the page (at most {(MAX_IMPORT_BYTES / 1024 / 1024).toFixed(0)} MB).
        </p>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void importPasted(pasted).then((r) => r.ok && setPasted(''));
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-paste`}>Paste a share link or scenario JSON</label>
          <textarea id={`${id}-paste`} rows={3} value={pasted} onChange={(e) => setPasted(e.target.value)} />
        </div>
        <button type="submit" disabled={pasted.trim() === ''}>
          Import
        </button>
      </form>
      <AreaMessage area="import" />
    </section>
  );
}
