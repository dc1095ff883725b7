// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NumberField } from '../../../src/views/common/NumberField';

afterEach(cleanup);

describe('NumberField', () => {
  it('validates as the user types, keeps the text, and only passes valid values on', () => {
    const onChange = vi.fn();
    render(<NumberField label="Agents" value={12} min={1} max={5000} integer onChange={onChange} />);
    const input = screen.getByRole('spinbutton', { name: 'Agents' });
    fireEvent.change(input, { target: { value: '2.5' } });
    expect(screen.getByRole('alert').textContent).toBe('Enter a whole number');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect((input as HTMLInputElement).value).toBe('2.5');
    fireEvent.change(input, { target: { value: '9000' } });
    expect(screen.getByRole('alert').textContent).toBe('Must be at most 5,000');
    expect(onChange).not.toHaveBeenCalled();
    fireEvent.change(input, { target: { value: '40' } });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(onChange).toHaveBeenCalledWith(40);
  });

  it('shows the engine’s error for its field, linked for assistive technology', () => {
    render(
      <NumberField
        label="Fault tolerance f"
        value={4}
        error="run.faultTolerance: needs 13 agents"
        onChange={() => {}}
      />,
    );
    const input = screen.getByRole('spinbutton', { name: 'Fault tolerance f' });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('needs 13 agents');
    expect(input.getAttribute('aria-describedby')).toBe(alert.id);
  });
});
