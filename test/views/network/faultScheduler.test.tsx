// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crashSelectedAt, cutOffSelected } from '../../../src/store/editing';
import { useStore } from '../../../src/store/index';
import { NetworkPanel } from '../../../src/views/network/NetworkPanel';

afterEach(cleanup);
const initial = useStore.getState();
beforeEach(() => {
  useStore.setState(initial, true);
  useStore.getState().select(['agent-2']);
});

const faults = () => useStore.getState().scenario.network.faults as unknown[] | undefined;
const type = (name: string, value: string) =>
  fireEvent.change(screen.getByRole('spinbutton', { name }), { target: { value } });

describe('scheduling a fault with its heal or recovery', () => {
  it('a heal at or before the fault is named next to the heal field and nothing is scheduled', () => {
    render(<NetworkPanel />);
    type('Fault at (ms)', '500');
    for (const heal of ['100', '500']) {
      type('Heal / recover at (ms)', heal);
      const healField = screen.getByRole('spinbutton', { name: 'Heal / recover at (ms)' });
      expect(healField.getAttribute('aria-invalid')).toBe('true');
      const error = document.getElementById(String(healField.getAttribute('aria-describedby')));
      expect(error?.textContent).toBe('Must be after the fault (500 ms)');
      const crash = screen.getByRole('button', { name: 'Crash 1 selected then recover' });
      const cut = screen.getByRole('button', { name: 'Cut off 1 selected then heal' });
      for (const button of [crash, cut]) {
        expect(button).toHaveProperty('disabled', true);
        expect(document.getElementById(String(button.getAttribute('aria-describedby')))?.textContent).toMatch(
          /Nothing is scheduled until the heal comes after the fault/,
        );
        fireEvent.click(button);
      }
      expect(faults()).toEqual([]);
      // The typed values stay as typed.
      expect((healField as HTMLInputElement).value).toBe(heal);
      expect((screen.getByRole('spinbutton', { name: 'Fault at (ms)' }) as HTMLInputElement).value).toBe('500');
    }
  });

  it('a heal after the fault schedules both; unticking the heal schedules the fault for good, by name', () => {
    render(<NetworkPanel />);
    type('Fault at (ms)', '500');
    type('Heal / recover at (ms)', '501');
    fireEvent.click(screen.getByRole('button', { name: 'Crash 1 selected then recover' }));
    expect(faults()).toEqual([
      { kind: 'crash', atMs: 500, agent: 'agent-2' },
      { kind: 'recover', atMs: 501, agent: 'agent-2' },
    ]);
    type('Heal / recover at (ms)', '100');
    fireEvent.click(screen.getByRole('checkbox', { name: 'Heal / recover afterwards' }));
    const healField = screen.getByRole('spinbutton', { name: 'Heal / recover at (ms)' }) as HTMLInputElement;
    expect(healField.value).toBe('100');
    expect(healField.getAttribute('aria-invalid')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Cut off 1 selected' }));
    expect(faults()?.slice(2)).toEqual([{ kind: 'partition', atMs: 500, groups: [['agent-2']] }]);
  });

  it('the store actions refuse a heal at or before the fault with a ValidationError', () => {
    expect(() => crashSelectedAt(500, 100)).toThrow(/network\.faults: a heal or recovery at 100 ms must be after/);
    expect(() => cutOffSelected(500, 500)).toThrow(/must be after the fault \(500 ms\)/);
    expect(faults()).toEqual([]);
    cutOffSelected(500, 900);
    expect(faults()).toEqual([
      { kind: 'partition', atMs: 500, groups: [['agent-2']] },
      { kind: 'heal', atMs: 900 },
    ]);
  });
});
