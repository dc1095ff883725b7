import { runScenario } from '../actions';
import { useStore } from '../index';
import { pause } from '../playback';
import type { ScenarioDraft } from '../scenarioSlice';

/**
 * Replaces the current scenario with a validated one as one undoable step, and
 * drops the previous run (its trace belongs to the old scenario). With `run`,
 * starts the run at once — what opening a share link does.
 */
export function applyScenario(draft: ScenarioDraft, label: string, options: { run?: boolean } = {}): void {
  pause();
  const store = useStore.getState();
  store.setScenario(draft, label);
  useStore.setState({
    summary: null,
    trace: null,
    traceIndex: null,
    failure: null,
    runStatus: 'idle',
    runProgress: 0,
    selected: [],
    cursor: -1,
    playTime: 0,
  });
  if (options.run) void runScenario();
}

/** Replaces the scenario without an undo step and without a run: restoring what was there before a reload. */
export function restoreScenario(draft: ScenarioDraft): void {
  useStore.setState({ scenario: draft, past: [], future: [], lastEdit: null });
}
