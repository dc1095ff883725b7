import { runScenario } from '../../store/actions';
import { runUnavailable } from '../../store/commands';
import { useStore } from '../../store/index';
import './run.css';

/**
 * Over the stage when the swarm was edited after its run: the stage then shows
 * the swarm as it is now (none of the old run's marks or messages) and this says
 * why, with the way back to a run that matches (R or Rerun; undo also works).
 */
export function StaleRunBanner() {
  const stale = useStore((s) => s.staleRun !== null && s.summary === null);
  const running = useStore((s) => s.runStatus === 'running');
  const blocked = useStore((s) => s.issues.length > 0);
  if (!stale) return null;
  // While the rerun goes, the strip stays (saying so), so the stage does not jump twice.
  return (
    <div className="stale-banner" data-testid="stale-banner">
      <p role="status">
        {running ? (
          'Running the changed swarm…'
        ) : (
          <>
            The swarm changed since this run — press <kbd>R</kbd> or Rerun
            {blocked ? ' once the problems in the scenario are fixed.' : '.'}
          </>
        )}
      </p>
      <button type="button" className="primary" onClick={() => void runScenario()} disabled={runUnavailable() !== null}>
        Rerun
      </button>
    </div>
  );
}
