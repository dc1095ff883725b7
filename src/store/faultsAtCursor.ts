/**
 * Faults added at the cursor (RaftScope's buttons, on any run): during replay the user adds, at
 * the simulated time the player shows, a crash or a restart of the selected agent, a partition of
 * the selected agents from the rest, a heal, or a client command; the scenario gets it as one
 * undoable edit (so it is saved and shared with the scenario), and the run is computed again from
 * the scenario — deterministic, the same seed — and shown at that same moment.
 */
import { runScenario } from './actions';
import { useStore } from './index';
import { scrubTo } from './playback';
import { isRunFresh } from './runFreshness';
import { addAtTime, COMMAND_KINDS, type CursorEdit } from './scenarioEdits';
import { crashedAt } from './traceIndex';

export type CursorAction = 'crash' | 'recover' | 'partition' | 'heal' | 'command';

const s = () => useStore.getState();

/** The simulated time the player shows, in whole ms. */
export const cursorTimeMs = (): number => Math.round(s().playTime);

/** Whether the selected agent is down at the cursor (crashed and not yet back). */
function selectedIsDown(): boolean {
  const { traceIndex, cursor, selected, summary } = s();
  const address = summary?.agentIds.indexOf(selected[0] ?? '') ?? -1;
  return traceIndex !== null && address >= 0 && crashedAt(traceIndex, cursor)[address] === true;
}

/** Why `action` cannot be added now (shown as the button's hint), or null when it can. */
export function cursorActionUnavailable(action: CursorAction): string | null {
  const state = s();
  if (!isRunFresh(state) || !state.summary) return 'Run the scenario first: faults are added at the replay’s cursor.';
  if (state.runStatus === 'running') return 'A run is in progress.';
  const one = state.selected.length === 1;
  switch (action) {
    case 'crash':
      if (!one) return 'Select one agent on the stage.';
      return selectedIsDown() ? 'The selected agent is already down at this moment.' : null;
    case 'recover':
      if (!one) return 'Select one agent on the stage.';
      return selectedIsDown() ? null : 'The selected agent is up at this moment.';
    case 'partition':
      return state.selected.length === 0 || state.selected.length >= (state.summary.agents ?? 0)
        ? 'Select the agents to cut off from the rest.'
        : null;
    case 'heal':
      return null;
    case 'command':
      return COMMAND_KINDS.has(String(state.scenario.run.kind)) ? null : 'This run kind takes no client commands.';
  }
}

/** What the action adds, given the selection. */
function changeOf(action: CursorAction): CursorEdit {
  const { selected } = s();
  if (action === 'crash' || action === 'recover') return { kind: action, agent: selected[0] };
  if (action === 'partition') return { kind: 'partition', agents: selected };
  return { kind: action };
}

const LABELS: Record<CursorAction, string> = {
  crash: 'Crash at the cursor',
  recover: 'Restart at the cursor',
  partition: 'Partition at the cursor',
  heal: 'Heal at the cursor',
  command: 'Client command at the cursor',
};

/**
 * Adds `action` at the cursor's time as one undoable edit, reruns the scenario and shows the new run
 * at that same time. Does nothing when the action is unavailable.
 */
export async function addAtCursor(action: CursorAction): Promise<void> {
  if (cursorActionUnavailable(action)) return;
  const t = cursorTimeMs();
  const change = changeOf(action);
  s().edit(LABELS[action], (draft) => addAtTime(draft, change, t));
  await runScenario();
  if (isRunFresh(s()) && s().trace) scrubTo(t);
}
