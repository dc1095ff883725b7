import { useEffect, useRef } from 'react';
import { COMMANDS } from '../store/commands';
import { useStore } from '../store/index';

const pretty = (key: string) =>
  key.replace('Mod+', 'Ctrl/⌘+').replace('ArrowRight', '→').replace('ArrowLeft', '←').replace('Space', 'Space');

/** The keyboard shortcuts, listed from the same command table the keys use. */
export function HelpOverlay() {
  const open = useStore((s) => s.helpOpen);
  const setOpen = useStore((s) => s.setHelpOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const groups = [...new Set(COMMANDS.map((c) => c.group))];
  return (
    <dialog ref={ref} className="help" aria-labelledby="help-title" onClose={() => setOpen(false)}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <div className="help-columns">
        {groups.map((g) => (
          <section key={g}>
            <h3>{g}</h3>
            <dl>
              {COMMANDS.filter((c) => c.group === g).map((c) => (
                <div key={c.id} className="help-row">
                  <dt>
                    {c.keys.map((k) => (
                      <kbd key={k}>{pretty(k)}</kbd>
                    ))}
                  </dt>
                  <dd>{c.label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="hint">
        In the swarm: click to select, shift-click to add, drag to move, shift-drag between two agents to link them,
        double-click empty space to add an agent, scroll to zoom.
      </p>
      <button type="button" onClick={() => setOpen(false)}>
        Close
      </button>
    </dialog>
  );
}
