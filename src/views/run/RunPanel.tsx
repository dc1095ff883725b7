import { useEffect, useId } from 'react';
import { cancelRun, runScenario } from '../../store/actions';
import { issueWords, withFieldWords } from '../../store/fieldNames';
import { useStore } from '../../store/index';
import { LIVE_RERUN_MAX_AGENTS, watchLiveRerun } from '../../store/liveRerun';
import { jumpToEnd } from '../../store/playback';
import { RunBlockedNote } from './RunBlockedNote';
import { RunKindForm } from './RunKindForm';
import './run.css';

const NO_WARNINGS: never[] = [];

/** Start and cancel runs; shows progress while the worker runs. */
export function RunPanel() {
  const status = useStore((s) => s.runStatus);
  const progress = useStore((s) => s.runProgress);
  const failure = useStore((s) => s.failure);
  const hasIssues = useStore((s) => s.issues.length > 0);
  const warnings = useStore((s) => s.topology?.warnings) ?? NO_WARNINGS;
  const stale = useStore((s) => s.staleRun !== null && s.summary === null);
  // The scenario on screen is about to be replaced by the restored one: running it now would show a stale run.
  const restoring = useStore((s) => s.autosave === 'restoring');
  const running = status === 'running';
  const blockedId = useId();
  const blocked = hasIssues && !running;
  useEffect(() => watchLiveRerun(), []);
  return (
    <section className="panel" aria-labelledby="run-title">
      <h2 id="run-title">Run</h2>
      <RunKindForm />
      {warnings.length > 0 && (
        <ul className="warning-box" aria-label="Warnings" data-testid="run-warnings">
          {warnings.map((w) => (
            <li key={`${w.field}:${w.message}`}>{withFieldWords(w.message)}</li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button
          type="button"
          className="primary"
          onClick={() => void runScenario()}
          disabled={running || hasIssues || restoring}
          aria-describedby={blocked ? blockedId : undefined}
        >
          Run
        </button>
        {running && (
          <button type="button" onClick={cancelRun}>
            Cancel
          </button>
        )}
      </div>
      {blocked && <RunBlockedNote id={blockedId} />}
      {running && (
        <progress className="run-progress" aria-label="Run progress" max={1} value={progress}>
          {Math.round(progress * 100)} %
        </progress>
      )}
      <p className="status" role="status" aria-live="polite">
        {restoring
          ? 'Restoring your last session…'
          : status === 'running'
            ? `Running… ${Math.round(progress * 100)} %`
            : status === 'cancelled'
              ? 'Run cancelled.'
              : status === 'done' && stale
                ? 'The swarm changed since the last run.'
                : status === 'done'
                  ? 'Run finished.'
                  : ''}
      </p>
      <AutoplayControls />
      {failure && (
        <div className="error-box" role="alert">
          <p>{failure.kind === 'engine' ? withFieldWords(failure.message) : 'The run could not start:'}</p>
          {failure.issues.length > 0 && (
            <ul>
              {failure.issues.map((i) => (
                <li key={`${i.field}:${i.rule}`}>{issueWords(i)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

/** Skip the automatic playback to the final state, and the setting to always do so. */
function AutoplayControls() {
  const hasRun = useStore((s) => s.trace !== null && s.trace.length > 0);
  const atEnd = useStore((s) => s.trace === null || s.cursor >= s.trace.length - 1);
  const playing = useStore((s) => s.playing);
  const jumpAlways = useStore((s) => s.prefs.jumpToEndAfterRun);
  const live = useStore((s) => s.prefs.liveRerun);
  const setPref = useStore((s) => s.setPref);
  return (
    <>
      {hasRun && (
        <div className="autoplay-row">
          <button type="button" onClick={jumpToEnd} aria-keyshortcuts="End" title="Skip to end (End)">
            Skip to end
          </button>
          <span data-testid="autoplay-state">
            {playing ? 'Playing the run…' : atEnd ? 'At the end of the run.' : ''}
          </span>
        </div>
      )}
      <label className="check-field">
        <input type="checkbox" checked={jumpAlways} onChange={(e) => setPref('jumpToEndAfterRun', e.target.checked)} />
        Always jump to the end after a run
      </label>
      <label className="check-field">
        <input type="checkbox" checked={live} onChange={(e) => setPref('liveRerun', e.target.checked)} />
        Rerun by itself after each edit (swarms up to {LIVE_RERUN_MAX_AGENTS} agents)
      </label>
    </>
  );
}
