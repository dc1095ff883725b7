// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../../src/store/index';
import { NetworkPanel } from '../../../src/views/network/NetworkPanel';
import { RunPanel } from '../../../src/views/run/RunPanel';

afterEach(cleanup);
const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));

const latencyIssue = { field: 'network.latencyMsMax', rule: 'must be at most 60000', message: 'x' };

describe('why Run is off, next to it', () => {
  it('names the first problem in words, tells screen readers, and goes to its field', () => {
    render(
      <>
        <RunPanel />
        <NetworkPanel />
      </>,
    );
    const run = screen.getByRole('button', { name: 'Run', exact: true } as never);
    expect(run.getAttribute('aria-describedby')).toBeNull();
    expect(screen.queryByTestId('run-blocked')).toBeNull();
    act(() =>
      useStore.setState({
        issues: [latencyIssue, { field: 'seed', rule: 'must be a whole number', message: 'y' }],
      }),
    );
    expect(run).toHaveProperty('disabled', true);
    const why = document.getElementById(String(run.getAttribute('aria-describedby')));
    expect(why?.textContent).toMatch(
      /^Run is off until 2 problems are fixed: Network → Latency max \(ms\): must be at most 60000/,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Go to the field' }));
    expect(document.activeElement).toBe(screen.getByRole('spinbutton', { name: 'Latency max (ms)' }));
    act(() => useStore.setState({ issues: [latencyIssue] }));
    expect(screen.getByTestId('run-blocked').textContent).toMatch(/^Run is off until 1 problem is fixed: /);
    act(() => useStore.setState({ issues: [] }));
    expect(screen.queryByTestId('run-blocked')).toBeNull();
    expect(run.getAttribute('aria-describedby')).toBeNull();
  });
});
