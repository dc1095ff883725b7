import { useState } from 'react';
import { useStore } from '../../store/index';

/** The engine's result exactly as it was returned, copyable as JSON. */
export function ResultsPanel() {
  const summary = useStore((s) => s.summary);
  const [copied, setCopied] = useState(false);
  if (!summary) return <p className="hint">No run yet.</p>;
  const json = JSON.stringify(summary.result, null, 2);
  return (
    <div className="results">
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard.writeText(json).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? 'Copied' : 'Copy as JSON'}
      </button>
      <pre className="json" data-testid="result-json">
        {json}
      </pre>
    </div>
  );
}
