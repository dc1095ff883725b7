import { useEffect, useId, useState } from 'react';

interface Props {
  label: string;
  value: number;
  min?: number;
  max?: number;
  step?: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** An error for this field from the engine's validation, shown under it. */
  error?: string;
  onChange: (value: number) => void;
}

/**
 * A number input that validates as the user types: the text stays as typed
 * (nothing is lost), a problem is shown under the field, and only valid values
 * reach the scenario.
 */
export function NumberField({ label, value, min, max, step, integer, error, onChange }: Props) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => setText(String(value)), [value]);

  const commit = (raw: string) => {
    setText(raw);
    const n = Number(raw);
    const problem =
      raw.trim() === '' || !Number.isFinite(n)
        ? 'Enter a number'
        : integer && !Number.isInteger(n)
          ? 'Enter a whole number'
          : min !== undefined && n < min
            ? `Must be at least ${min.toLocaleString('en-US')}`
            : max !== undefined && n > max
              ? `Must be at most ${max.toLocaleString('en-US')}`
              : null;
    setLocal(problem);
    if (!problem) onChange(n);
  };
  const message = local ?? error;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode={integer ? 'numeric' : 'decimal'}
        value={text}
        min={min}
        max={max}
        step={step ?? (integer ? 1 : 'any')}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : undefined}
        onChange={(e) => commit(e.target.value)}
      />
      {message && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {message}
        </p>
      )}
    </div>
  );
}
