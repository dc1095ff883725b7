// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario } from '../../../src/engine/scenario';
import { useStore } from '../../../src/store/index';
import { setLogFilter } from '../../../src/store/inspectors/actions';
import { forEachChunked } from '../../../src/store/inspectors/chunked';
import { mergeFrames } from '../../../src/store/inspectors/mergeFrames';
import { MergeInspector } from '../../../src/views/inspectors/MergeInspector';
import { MessageLog } from '../../../src/views/inspectors/MessageLog';
import { inspectApi } from '../../../src/worker/api/inspect';

afterEach(cleanup);

async function floodIntoStore(agentCount: number) {
  const { summary, trace } = await runScenario(
    parseScenario({
      format: 'swarm-playground/scenario',
      version: 1,
      seed: 3,
      topology: { agentCount, builder: { kind: 'ring' } },
      network: { latencyMsMin: 1, latencyMsMax: 9 },
      run: { kind: 'flood' },
    }),
  );
  useStore.setState({
    trace,
    summary,
    topology: null,
    cursor: -1,
    logRows: null,
    logFilter: { agent: -1, kind: '', text: '' },
  });
  return trace;
}

const counterVersions = (dup: boolean) => {
  const v = (agentId: string, value: number, version: number) => ({
    stateKey: 'n',
    value,
    version,
    timestamp: 0,
    agentId,
  });
  return [v('agent-1', 42, 1), v('agent-2', 45, 2), ...(dup ? [v('agent-1', 42, 1)] : [])];
};

describe('merge frames', () => {
  it('cut a G-Counter merge into one frame per agent with a growing partial sum, then the engine sentence', () => {
    const out = inspectApi.resolveVersions({
      stateKey: 'n',
      strategy: 'crdt',
      crdtType: 'counter',
      versions: counterVersions(true),
    });
    if (!out.ok) throw new Error(out.message);
    const frames = mergeFrames(out.result.metadata.explanation ?? []);
    expect(frames.map((f) => f.partial?.value)).toEqual([
      undefined,
      { 'agent-1': 42, sum: 42 },
      { 'agent-1': 42, 'agent-2': 45, sum: 87 },
      87,
    ]);
    expect(frames[1].reason).toMatch(/^agent-1: max\(42, 42\) = 42/);
    expect(frames[3].reason).toContain('naive sum of every version would say 129');
  });

  it('name the compared clock cells and their entries for vector steps', () => {
    const out = inspectApi.resolveVersions({
      stateKey: 'd',
      strategy: 'vector',
      versions: [
        {
          stateKey: 'd',
          value: 'A',
          version: 1,
          timestamp: 1,
          agentId: 'agent-1',
          metadata: { vectorClock: { 'agent-1': 5, 'agent-2': 3 } },
        },
        {
          stateKey: 'd',
          value: 'B',
          version: 2,
          timestamp: 2,
          agentId: 'agent-2',
          metadata: { vectorClock: { 'agent-1': 4, 'agent-2': 6 } },
        },
      ],
    });
    if (!out.ok) throw new Error(out.message);
    const cmp = mergeFrames(out.result.metadata.explanation ?? []).find((f) => f.step === 'vector-compare');
    expect(cmp?.verdict).toBe('concurrent');
    expect(cmp?.cells.map((c) => `${c.agentId}.${c.field}`)).toEqual(['agent-1.clock', 'agent-2.clock']);
    expect(cmp?.entries?.map((e) => e.cmp)).toEqual(['>', '<']);
  });
});

describe('MergeInspector', () => {
  it('steps through the resolver explanation and highlights the compared cells', () => {
    const outcome = inspectApi.resolveVersions({
      stateKey: 'n',
      strategy: 'crdt',
      crdtType: 'counter',
      versions: counterVersions(false),
    });
    useStore.setState({
      mergeSource: 'hand',
      mergeDuplicate: false,
      mergeDrafts: [
        { agentId: 'agent-1', value: '42', version: '1', timestamp: '0', clock: '' },
        { agentId: 'agent-2', value: '45', version: '2', timestamp: '0', clock: '' },
      ],
      mergeOutcome: outcome,
      mergeCompare: null,
      mergeFrame: 0,
    });
    const { container } = render(<MergeInspector />);
    expect(screen.getByTestId('merge-result').textContent).toContain('87');
    fireEvent.click(screen.getByRole('button', { name: 'Next step' }));
    expect(screen.getByTestId('merge-reason').textContent).toMatch(/^agent-1: 42/);
    const compared = container.querySelectorAll('td.compared input');
    expect([...compared].map((i) => (i as HTMLInputElement).value)).toEqual(['42']);
    fireEvent.click(screen.getByRole('button', { name: 'Last step' }));
    expect(screen.getByTestId('merge-partial').textContent).toBe('G-Counter value: 87');
  });
});

describe('MessageLog', () => {
  it('renders only the visible rows of a trace, and a row click moves the cursor', async () => {
    const trace = await floodIntoStore(200);
    expect(trace.length).toBeGreaterThan(500);
    render(<MessageLog />);
    const rows = screen.getAllByRole('row');
    expect(rows.length).toBeLessThan(40);
    expect(screen.getByRole('table', { name: 'Message log' }).getAttribute('aria-rowcount')).toBe(
      String(trace.length + 1),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Move the cursor to event 3' }));
    expect(useStore.getState().cursor).toBe(3);
    expect(useStore.getState().inspectedEvent).toBe(3);
  });

  it('filters by agent and kind in slices, keeping exactly the matching events', async () => {
    const trace = await floodIntoStore(300);
    await act(() => setLogFilter({ agent: 7, kind: 'messageDelivered' }));
    const rows = useStore.getState().logRows as Int32Array;
    const expected: number[] = [];
    for (let i = 0; i < trace.length; i++)
      if (trace.kind[i] === 1 && (trace.a[i] === 7 || trace.b[i] === 7)) expected.push(i);
    expect([...rows]).toEqual(expected);
    await act(() => setLogFilter({ agent: -1, kind: '', text: 'agent-8' }));
    const byText = useStore.getState().logRows as Int32Array;
    expect(byText.length).toBeGreaterThan(0);
    for (const i of byText)
      expect([trace.a[i], trace.b[i]].some((a) => a === 7 || String(a + 1).startsWith('8'))).toBe(true);
  });

  it('chunked loops yield between slices and stop when cancelled', async () => {
    const job = { cancelled: false };
    let slices = 0;
    let visited = 0;
    const busy = (i: number) => {
      visited++;
      const until = performance.now() + (i % 512 === 0 ? 1 : 0);
      while (performance.now() < until);
    };
    const done = forEachChunked(20_000, job, busy, () => {
      slices++;
      if (slices === 3) job.cancelled = true;
    });
    expect(await done).toBe(false);
    expect(slices).toBe(3);
    expect(visited).toBeLessThan(20_000);
  });
});
