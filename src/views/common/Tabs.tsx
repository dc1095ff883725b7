import { Suspense, useId } from 'react';
import type { PanelDef } from '../panels';

interface Props {
  label: string;
  panels: PanelDef[];
  active: string;
  onChange: (id: string) => void;
}

/** WAI-ARIA tabs: arrow keys move between tabs, only the active panel is mounted. */
export function Tabs({ label, panels, active, onChange }: Props) {
  const base = useId();
  const current = panels.find((p) => p.id === active) ?? panels[0];
  if (!current) return null;
  const move = (delta: number) => {
    const i = panels.indexOf(current);
    const next = panels[(i + delta + panels.length) % panels.length];
    onChange(next.id);
    document.getElementById(`${base}-tab-${next.id}`)?.focus();
  };
  const Active = current.component;
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tablist">
        {panels.map((p) => (
          <button
            key={p.id}
            id={`${base}-tab-${p.id}`}
            type="button"
            role="tab"
            aria-selected={p.id === current.id}
            aria-controls={`${base}-panel-${p.id}`}
            tabIndex={p.id === current.id ? 0 : -1}
            onClick={() => onChange(p.id)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
                e.preventDefault();
                e.stopPropagation();
                move(e.key === 'ArrowRight' ? 1 : -1);
              }
            }}
          >
            {p.title}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${base}-panel-${current.id}`}
        aria-labelledby={`${base}-tab-${current.id}`}
        className="tabpanel"
      >
        <Suspense fallback={<p className="hint">Loading…</p>}>
          <Active />
        </Suspense>
      </div>
    </div>
  );
}
