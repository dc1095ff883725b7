import { addAgentNearCentre } from '../store/editing';
import { useStore } from '../store/index';

/** Title, undo/redo, adding an agent, fit, projector mode and help. */
export function Header() {
  const canUndo = useStore((s) => s.past.length > 0);
  const canRedo = useStore((s) => s.future.length > 0);
  const undoLabel = useStore((s) => s.past.at(-1)?.label);
  const redoLabel = useStore((s) => s.future[0]?.label);
  const projector = useStore((s) => s.prefs.projector);
  const { undo, redo, setHelpOpen, requestFit, setPref } = useStore.getState();
  return (
    <header className="app-header">
      <h1>Swarm Playground</h1>
      <p className="tagline">Build a swarm, break the network, watch coordination happen.</p>
      <div className="header-actions">
        <button
          type="button"
          onClick={undo}
          disabled={!canUndo}
          aria-keyshortcuts="Control+Z"
          title={undoLabel ? `Undo: ${undoLabel}` : 'Nothing to undo'}
        >
          Undo
        </button>
        <button
          type="button"
          onClick={redo}
          disabled={!canRedo}
          aria-keyshortcuts="Control+Shift+Z"
          title={redoLabel ? `Redo: ${redoLabel}` : 'Nothing to redo'}
        >
          Redo
        </button>
        <button
          type="button"
          onClick={() => addAgentNearCentre()}
          aria-keyshortcuts="A"
          title="Add an agent (A; or double-click empty space)"
        >
          Add agent
        </button>
        <button type="button" onClick={requestFit} title="Fit the swarm to the screen">
          Fit
        </button>
        <button
          type="button"
          aria-pressed={projector}
          onClick={() => setPref('projector', !projector)}
          title="Large type and glyphs for a classroom projector"
        >
          Projector mode
        </button>
        <button type="button" onClick={() => setHelpOpen(true)} aria-keyshortcuts="Shift+?">
          Shortcuts (?)
        </button>
      </div>
    </header>
  );
}
