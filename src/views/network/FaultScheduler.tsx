import { useId, useState } from 'react';
import { crashSelectedAt, cutOffSelected } from '../../store/editing';
import { healTimingRule } from '../../store/faultTiming';
import { useStore } from '../../store/index';
import { NumberField } from '../common/NumberField';
import './network.css';

/**
 * Schedules a cut-off or a crash of the selected agents, healed or recovered later when asked.
 * A heal at or before its fault is named next to the heal field and the buttons wait for it to be
 * fixed (or for the heal to be unticked): the typed times are kept, nothing is scheduled silently.
 */
export function FaultScheduler() {
  const selected = useStore((s) => s.selected);
  const [faultAtMs, setFaultAtMs] = useState(100);
  const [healAtMs, setHealAtMs] = useState(500);
  const [heals, setHeals] = useState(true);
  const whyId = useId();
  const rule = heals ? healTimingRule(faultAtMs, healAtMs) : null;
  const healMs = heals ? healAtMs : undefined;
  const who = selected.length === 0 ? 'selected agents' : `${selected.length} selected`;
  const disabled = selected.length === 0 || rule !== null;
  return (
    <div className="fault-scheduler">
      <label className="check-field">
        <input type="checkbox" checked={heals} onChange={(e) => setHeals(e.target.checked)} />
        Heal / recover afterwards
      </label>
      <div className="field-pair">
        <NumberField label="Fault at (ms)" value={faultAtMs} min={0} integer onChange={setFaultAtMs} />
        {/* A disabled fieldset keeps the typed heal time in view while it does not apply. */}
        <fieldset className="heal-time" disabled={!heals}>
          <NumberField
            label="Heal / recover at (ms)"
            value={healAtMs}
            min={0}
            integer
            error={rule ? `Must be after the fault (${faultAtMs.toLocaleString('en-US')} ms)` : undefined}
            onChange={setHealAtMs}
          />
        </fieldset>
      </div>
      <div className="button-row wrap">
        <button
          type="button"
          disabled={disabled}
          aria-describedby={rule ? whyId : undefined}
          onClick={() => cutOffSelected(faultAtMs, healMs)}
        >
          Cut off {who}
          {heals ? ' then heal' : ''}
        </button>
        <button
          type="button"
          disabled={disabled}
          aria-describedby={rule ? whyId : undefined}
          onClick={() => crashSelectedAt(faultAtMs, healMs)}
        >
          Crash {who}
          {heals ? ' then recover' : ''}
        </button>
      </div>
      {rule && (
        <p className="hint" id={whyId} data-testid="heal-rule">
          Nothing is scheduled until the heal comes after the fault, or “Heal / recover afterwards” is unticked.
        </p>
      )}
    </div>
  );
}
