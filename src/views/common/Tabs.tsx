import { type ReactNode, Suspense, useId } from 'react';
import type { PanelDef } from '../panels';
import { PanelBoundary } from './PanelBoundary';

interface Props {
  label: string;
  panels: PanelDef[];
  active: string;
  onChange: (id: string) => void;
  /** A row of tabs (the drawer) or a rail of tabs on the right edge (the column beside the stage). */
  orientation?: 'horizontal' | 'vertical';
  /** Shown above the active panel, beside the rail (the narration and the run's summary). */
  header?: ReactNode;
  /** Controls at the end of the tab row (the drawer's collapse button); not tabs themselves. */
  tools?: ReactNode;
  /** Only the tabs: choosing one calls onChange, the panel is not mounted (a collapsed drawer). */
  collapsed?: boolean;
  /** Panel ids after which the rail draws a divider (the run kinds' views, then the tools). */
  dividersAfter?: readonly string[];
}

/** WAI-ARIA tabs: arrow keys move between tabs, only the active panel is mounted. */
export function Tabs({
  label,
  panels,
  active,
  onChange,
  orientation = 'horizontal',
  header,
  tools,
  collapsed = false,
  dividersAfter = [],
}: Props) {
  const base = useId();
  const current = panels.find((p) => p.id === active) ?? panels[0];
  if (!current) return null;
  const vertical = orientation === 'vertical';
  const [back, forward] = vertical ? ['ArrowUp', 'ArrowDown'] : ['ArrowLeft', 'ArrowRight'];
  const move = (delta: number) => {
    const i = panels.indexOf(current);
    const next = panels[(i + delta + panels.length) % panels.length];
    onChange(next.id);
    document.getElementById(`${base}-tab-${next.id}`)?.focus();
  };
  const Active = current.component;
  const tablist = (
    <div role="tablist" aria-label={label} aria-orientation={orientation} className="tablist">
      {panels.map((p) => (
        <button
          key={p.id}
          id={`${base}-tab-${p.id}`}
          type="button"
          role="tab"
          className={dividersAfter.includes(p.id) ? 'divider-after' : undefined}
          aria-selected={p.id === current.id}
          aria-controls={collapsed ? undefined : `${base}-panel-${p.id}`}
          tabIndex={p.id === current.id ? 0 : -1}
          onClick={() => onChange(p.id)}
          onKeyDown={(e) => {
            if (e.key === back || e.key === forward) {
              e.preventDefault();
              e.stopPropagation();
              move(e.key === forward ? 1 : -1);
            }
          }}
        >
          {p.title}
        </button>
      ))}
    </div>
  );
  const panel = collapsed ? null : (
    <div
      role="tabpanel"
      id={`${base}-panel-${current.id}`}
      aria-labelledby={`${base}-tab-${current.id}`}
      className="tabpanel"
      data-panel={current.id}
    >
      <Suspense fallback={<p className="hint">Loading…</p>}>
        {/* Keyed by panel: a failed panel recovers when the user moves to another and back. */}
        <PanelBoundary key={current.id} name={current.title}>
          <Active />
        </PanelBoundary>
      </Suspense>
    </div>
  );
  return (
    <div className={`tabs ${orientation}${collapsed ? ' collapsed' : ''}`}>
      <div className="tabs-head">
        {tablist}
        {tools}
      </div>
      {/* The panel scrolls here: a scrollable region must be reachable by keyboard to be read. */}
      <div className="tabs-body" tabIndex={collapsed ? undefined : 0}>
        {header}
        {panel}
      </div>
    </div>
  );
}
