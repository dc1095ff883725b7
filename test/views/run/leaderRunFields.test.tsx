// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../../src/store/index';
import { RunKindForm } from '../../../src/views/run/RunKindForm';

afterEach(cleanup);
const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));

const run = () => useStore.getState().scenario.run;

describe('the run form for Raft and PBFT', () => {
  it('choosing Raft shows its fields; the commands are a schedule; teaching switches are off and marked', () => {
    render(<RunKindForm />);
    fireEvent.change(screen.getByLabelText('What to run'), { target: { value: 'raft' } });
    expect(run().kind).toBe('raft');
    expect((screen.getByLabelText('Client commands') as HTMLInputElement).value).toBe('5');
    fireEvent.change(screen.getByLabelText('Client commands'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Time between commands (ms)'), { target: { value: '250' } });
    expect(run().commands).toEqual([
      { atMs: 500, value: 'x=1' },
      { atMs: 750, value: 'x=2' },
      { atMs: 1000, value: 'x=3' },
    ]);
    const figure8 = screen.getByLabelText(
      /^Teaching switch: commit earlier terms’ entries by counting/,
    ) as HTMLInputElement;
    expect(figure8.checked).toBe(false);
    fireEvent.click(figure8);
    expect(run().teaching).toEqual({ commitPreviousTermsByCounting: true });
    fireEvent.click(figure8);
    expect(run().teaching).toBeUndefined();
    fireEvent.change(screen.getByLabelText('Election timeout min (ms)'), { target: { value: '120' } });
    expect(run().electionTimeoutMsMin).toBe(120);
    fireEvent.change(screen.getByLabelText('Chance the leader is cut off as it takes a command'), {
      target: { value: '0.5' },
    });
    expect(run().randomFaults).toEqual({ isolateLeaderProbability: 0.5 });
  });

  it('shows the engine’s problem next to the field it names', () => {
    render(<RunKindForm />);
    fireEvent.change(screen.getByLabelText('What to run'), { target: { value: 'raft' } });
    act(() =>
      useStore.setState({
        issues: [{ field: 'run.heartbeatMs', rule: 'must be below electionTimeoutMsMin', message: 'x' }],
      }),
    );
    const heartbeat = screen.getByLabelText('Heartbeat (ms)');
    expect(heartbeat.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(String(heartbeat.getAttribute('aria-describedby')));
    expect(error?.textContent).toMatch(/must be below electionTimeoutMsMin/);
  });

  it('PBFT: f with the swarm’s bound in words, and its teaching switch', () => {
    useStore.setState({
      topology: {
        agents: Array(4).fill({}),
        links: [],
        connected: true,
        positions: new Float64Array(),
        warnings: [],
      } as never,
    });
    render(<RunKindForm />);
    fireEvent.change(screen.getByLabelText('What to run'), { target: { value: 'pbft' } });
    expect((screen.getByLabelText('Fault tolerance f') as HTMLInputElement).value).toBe('1');
    expect(screen.getByTestId('pbft-f-hint').textContent).toBe(
      '4 replicas tolerate up to f = 1 malicious ones (n ≥ 3f + 1); a request commits with quorums of ⌈(n + f + 1) / 2⌉ = 3.',
    );
    fireEvent.click(screen.getByLabelText('Teaching switch: quorums of f + 1 instead of 2f + 1'));
    expect(run().teaching).toEqual({ weakQuorums: true });
    expect(screen.getByTestId('pbft-f-hint').textContent).toMatch(/quorums of f \+ 1 = 2\.$/);
  });
});
