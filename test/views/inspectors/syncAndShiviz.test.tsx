// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario } from '../../../src/engine/scenario';
import { useStore } from '../../../src/store/index';
import { LogImport } from '../../../src/views/inspectors/LogImport';
import { MergeInspector } from '../../../src/views/inspectors/MergeInspector';

// The worker's own functions, called in this thread (jsdom has no worker); only the transport differs.
vi.mock('../../../src/store/inspectors/inspectClient', async () => {
  const { inspectApi } = await import('../../../src/worker/api/inspect');
  const api = inspectApi as unknown as Record<string, (...args: unknown[]) => unknown>;
  return {
    inspectClient: new Proxy(
      {},
      {
        get:
          (_, name: string) =>
          async (...args: unknown[]) =>
            structuredClone(await api[name](...args)),
      },
    ),
  };
});

afterEach(cleanup);

describe('LogImport: ShiViz text', () => {
  it('names a bad parser regex next to its field, then draws the log and lists its gap', async () => {
    useStore.setState({ importedLog: null, logImportIssues: [], logImportError: null });
    render(<LogImport />);
    fireEvent.change(screen.getByRole('combobox', { name: 'Log format' }), { target: { value: 'shiviz' } });
    const parser = screen.getByRole('textbox', { name: /^Parser regex/ });
    fireEvent.change(parser, { target: { value: '(?<host>\\S*) (?<clock>{.*})' } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Parser: needs the named groups (?<host>…), (?<clock>…), (?<event>…); missing: event',
    );
    expect(parser.getAttribute('aria-invalid')).toBe('true');
    expect(parser.getAttribute('aria-describedby')).toBe(alert.id);
    fireEvent.click(screen.getByRole('button', { name: "Reset to ShiViz's default parser" }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    fireEvent.change(screen.getByRole('textbox', { name: /^ShiViz log/ }), {
      target: { value: 'w\na {"a":1}\nsend\na {"a":3}\nrecv\nb {"a":3,"b":1}' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Draw this log' }));
    const problems = await screen.findByTestId('log-problems');
    expect(problems.textContent).toBe("gap: a's own entry jumps from 1 to 3 at line 3 (1 event of a missing)");
    const m = useStore.getState().importedLog;
    expect(m?.count).toBe(3);
    expect(m?.arrows).toHaveLength(1);
  });
});

describe('MergeInspector: a sync run', () => {
  it('lists the run’s keys, shows each replica of the picked key and resolves them', async () => {
    const { summary, trace } = await runScenario(
      parseScenario({
        format: 'swarm-playground/scenario',
        version: 1,
        seed: 2,
        topology: { agentCount: 4, builder: { kind: 'mesh' } },
        network: { latencyMsMin: 5, latencyMsMax: 20 },
        run: { kind: 'sync', mode: 'full', keys: 6, changedKeys: 2 },
      }),
    );
    const deltaStart = trace.strings.indexOf('full');
    // The second full sync (the measured mode) starts after the changes were committed.
    const starts = [...trace.kind.keys()].filter((i) => trace.kind[i] === 8 && trace.d[i] === deltaStart);
    useStore.setState({
      trace,
      summary,
      topology: null,
      cursor: starts[1],
      mergeSource: 'run',
      mergeStateKey: 'document',
      mergeOutcome: null,
      mergeDuplicate: false,
      mergeStrategy: 'lww',
      replicaRows: null,
      syncKeys: null,
    });
    render(<MergeInspector />);
    const key = await screen.findByRole('combobox', { name: 'State key' });
    const state = useStore.getState();
    expect(state.syncKeys).toEqual(['key-1', 'key-2', 'key-3', 'key-4', 'key-5', 'key-6']);
    await waitFor(() => expect(useStore.getState().replicaRows).toHaveLength(4));
    // A changed key: the coordinator holds the change, the others still the baseline.
    const picked = (key as HTMLInputElement).value;
    const values = useStore.getState().replicaRows?.map((r) => (r.version.value as { n: number }).n);
    expect(values).toEqual([1, 0, 0, 0]);
    const table = screen.getByRole('table', { name: 'Versions' });
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((c) => c.textContent),
    ).toEqual(['agent-1', 'agent-2', 'agent-3', 'agent-4']);
    await waitFor(() => expect(screen.getByTestId('merge-result').textContent).toMatch(/^\{"key":\d+,"n":1\} — lww/));
    // An unchanged key: every replica holds the same baseline.
    const other = state.syncKeys?.find((k) => k !== picked) as string;
    await act(async () => {
      fireEvent.change(key, { target: { value: other } });
    });
    await waitFor(() => expect(useStore.getState().mergeStateKey).toBe(other));
    await waitFor(() => expect(useStore.getState().replicaRows?.every((r) => r.version.stateKey === other)).toBe(true));
    fireEvent.change(key, { target: { value: 'nope' } });
    expect(screen.getByRole('alert').textContent).toMatch(/^No agent wrote “nope” in this run/);
  });
});
