import { addAtCursor, type CursorAction, cursorActionUnavailable } from '../../store/faultsAtCursor';
import { useStore } from '../../store/index';
import './faultsAtCursor.css';

const fmt = (n: number) => n.toLocaleString('en-US');

/** The buttons, in order: what each adds at the cursor, and its accessible name (the selection filled in). */
const ACTIONS: { action: CursorAction; label: (selected: readonly string[]) => string }[] = [
  { action: 'crash', label: (sel) => `Crash ${sel[0] ?? 'the selected agent'} here` },
  { action: 'recover', label: (sel) => `Restart ${sel[0] ?? 'the selected agent'} here` },
  {
    action: 'partition',
    label: (sel) => `Partition: cut off ${sel.length > 0 ? sel.join(', ') : 'the selected agents'} from the rest here`,
  },
  { action: 'heal', label: () => 'Heal partitions here' },
  { action: 'command', label: () => 'Add a client command here' },
];

/**
 * During replay: add a fault (or a client command) at the simulated time the player shows; the
 * scenario gets it as one undoable edit and the run is computed again, shown at the same moment.
 */
export function FaultsAtCursor() {
  // Re-render on what the buttons' predicates read: the run, the cursor, the selection.
  useStore((s) => s.trace);
  useStore((s) => s.cursor);
  useStore((s) => s.runStatus);
  useStore((s) => s.scenario);
  const selected = useStore((s) => s.selected);
  const t = useStore((s) => Math.round(s.playTime));
  const hasRun = useStore((s) => s.summary !== null);
  if (!hasRun) return null;
  return (
    <fieldset className="faults-at-cursor" aria-describedby="faults-at-cursor-hint">
      <legend>At t = {fmt(t)} ms, add</legend>
      {ACTIONS.map(({ action, label }) => {
        const why = cursorActionUnavailable(action);
        if (action === 'command' && why === 'This run kind takes no client commands.') return null;
        const name = label(selected);
        return (
          <button
            key={action}
            type="button"
            className="small"
            aria-label={name}
            aria-disabled={why !== null}
            title={why ?? `${name}: the run is computed again with it (Undo removes it)`}
            onClick={() => void addAtCursor(action)}
          >
            {BUTTON_TEXT[action]}
          </button>
        );
      })}
      <span id="faults-at-cursor-hint" className="visually-hidden">
        Select agents on the stage first; each button adds the fault at the time shown and reruns the scenario.
      </span>
    </fieldset>
  );
}

const BUTTON_TEXT: Record<CursorAction, string> = {
  crash: 'Crash',
  recover: 'Restart',
  partition: 'Partition',
  heal: 'Heal',
  command: 'Client command',
};
