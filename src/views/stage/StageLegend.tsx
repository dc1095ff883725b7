import { useEffect, useId, useRef } from 'react';
import { diamondPath, phaseArcPath } from '../../store/stage/glyphShapes';
import type { LegendSection, Swatch } from '../../store/stage/legend';
import { COLOURS } from './palette';

/**
 * The legend, always at hand over the stage's corner: what each mark, colour and line on the
 * stage means, listing only what the current swarm and run draw. Collapsible; its state is the
 * button's `aria-expanded`.
 */
export function StageLegend({
  sections,
  open,
  onToggle,
}: {
  sections: LegendSection[];
  open: boolean;
  onToggle: (open: boolean) => void;
}) {
  const id = useId();
  const ref = useRef<HTMLElement>(null);
  // The stage zooms on the wheel with a native listener: scrolling the legend must not zoom the swarm.
  useEffect(() => {
    const el = ref.current;
    const stop = (e: Event) => e.stopPropagation();
    el?.addEventListener('wheel', stop);
    return () => el?.removeEventListener('wheel', stop);
  }, []);
  return (
    <section
      ref={ref}
      className={`stage-legend${open ? ' open' : ''}`}
      aria-label="Legend"
      data-testid="stage-legend"
      onPointerDown={(e) => e.stopPropagation()}
      onPointerUp={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
    >
      <button
        type="button"
        className="legend-toggle"
        aria-expanded={open}
        aria-controls={`${id}-body`}
        onClick={() => onToggle(!open)}
      >
        Legend
      </button>
      {open && (
        <div id={`${id}-body`} className="legend-body">
          {sections.map((section) => (
            <div key={section.title} className="legend-section">
              <h4>{section.title}</h4>
              <ul>
                {section.entries.map((entry) => (
                  <li key={entry.id} data-legend={entry.id}>
                    <SwatchIcon swatch={entry.swatch} />
                    <span>{entry.label}</span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

/** A legend entry's mark, drawn as the stage draws it, 20 px square. */
export function SwatchIcon({ swatch: s }: { swatch: Swatch }) {
  return (
    <svg className="swatch" width={20} height={20} viewBox="-10 -10 20 20" aria-hidden="true">
      {swatchShape(s)}
    </svg>
  );
}

function swatchShape(s: Swatch) {
  switch (s.shape) {
    case 'circle':
      return (
        <>
          {s.ring && <circle r={8.5} fill="none" stroke={s.ring} strokeWidth={2} />}
          <circle r={s.ring ? 5.5 : 7} fill={s.fill} stroke="#fff" strokeWidth={1} />
          {s.text && (
            <text className="swatch-text" fontSize={9} dy="0.35em" textAnchor="middle">
              {s.text}
            </text>
          )}
        </>
      );
    case 'diamond':
      return (
        <>
          <path d={diamondPath(5.5)} fill={s.fill} stroke={COLOURS.maliciousEdge} strokeWidth={1.2} />
          <rect x={0.5} y={-10} width={9.5} height={8} rx={2} fill={COLOURS.badge} />
        </>
      );
    case 'dot':
      return s.hollow ? <circle r={4} fill="none" stroke={s.fill} strokeWidth={1.8} /> : <circle r={4} fill={s.fill} />;
    case 'line':
      return <line x1={-9} x2={9} stroke={s.stroke} strokeWidth={2} strokeDasharray={s.dashed ? '4 3' : undefined} />;
    case 'hull':
      return <rect x={-9} y={-7} width={18} height={14} rx={6} fill={s.fill} fillOpacity={0.3} />;
    case 'phases':
      return (
        <>
          <circle r={4} fill={COLOURS.idle} />
          {s.colours.map((c, k) => (
            <path key={c + String(k)} d={phaseArcPath(7.5, k, 1)} fill="none" stroke={c} strokeWidth={2.5} />
          ))}
        </>
      );
    case 'cell':
      return <rect x={-6} y={-6} width={12} height={12} fill={s.fill} />;
  }
}
