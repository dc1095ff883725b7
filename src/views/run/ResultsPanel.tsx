import { useState } from 'react';
import { useStore } from '../../store/index';

/** The engine's result exactly as it was returned, copyable as JSON. */
export function ResultsPanel() {
  const summary = useStore((s) => s.summary);
  const stale = useStore((s) => s.staleRun !== null);
  const [copied, setCopied] = useState(false);
  if (!summary && stale)
    return (
      <p className="hint" data-testid="results-stale">
        The last run's results were for the previous swarm. Press R or Rerun to see this swarm's.
      </p>
    );
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
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to be read. */}
      <section className="json" aria-label="The engine's result as JSON" tabIndex={0}>
        <pre data-testid="result-json">{json}</pre>
      </section>
    </div>
  );
}
