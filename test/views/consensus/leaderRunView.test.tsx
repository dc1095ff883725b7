// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/engine/runs/runScenario';
import { parseScenario } from '../../../src/engine/scenario';
import { useStore } from '../../../src/store/index';
import { LeaderRunView } from '../../../src/views/consensus/LeaderRunView';

afterEach(cleanup);
const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));

async function load(run: Record<string, unknown>, agents: number | object[], extra: Record<string, unknown> = {}) {
  const { summary, trace } = await runScenario(
    parseScenario({
      format: 'swarm-playground/scenario',
      version: 1,
      seed: 3,
      topology:
        typeof agents === 'number'
          ? { agentCount: agents, builder: { kind: 'mesh' } }
          : { agents, builder: { kind: 'mesh' } },
      network: { latencyMsMin: 5, latencyMsMax: 30 },
      ...extra,
      run,
    }),
  );
  useStore.setState({ summary, trace, cursor: -1, playTime: 0 });
  return { summary, trace };
}

const at = (cursor: number) => act(() => useStore.getState().setCursor(cursor));

describe('the leader-based view in the Consensus tab', () => {
  it('Raft: no leader at the start, one at the end, every server’s row with its log', async () => {
    const { trace } = await load({ kind: 'raft', durationMs: 2_000, commands: [{ atMs: 500, value: 'x=1' }] }, 5);
    render(<LeaderRunView />);
    expect(screen.getByTestId('raft-now').textContent).toMatch(/no leader/);
    await at(trace.length - 1);
    expect(screen.getByTestId('raft-now').textContent).toMatch(/: highest term \d+; leader agent-\d \(term \d+\)\.$/);
    const rows = [...screen.getByTestId('raft-servers').querySelectorAll<HTMLElement>(':scope > li')];
    expect(rows).toHaveLength(5);
    expect(rows.filter((r) => r.dataset.role === 'leader')).toHaveLength(1);
    for (const row of rows)
      expect(within(row).getByRole('list').getAttribute('aria-label')).toBe('log of 1 entry, committed up to 1');
    expect(screen.getByTestId('property-election-safety').dataset.verdict).toBe('held');
    expect(screen.getByText(/in theory one round of AppendEntries, 2\(n − 1\) = 8\./)).toBeTruthy();
  });

  it('Raft, Figure 8 with the rule broken: the violation and its witnesses appear once the cursor passes it', async () => {
    const { trace } = await load(
      {
        kind: 'raft',
        durationMs: 4_000,
        commands: Array.from({ length: 10 }, (_, i) => ({ atMs: 300 + i * 270, value: `x=${i + 1}` })),
        randomFaults: { untilMs: 3_000, isolateLeaderProbability: 0.5 },
        teaching: { commitPreviousTermsByCounting: true },
      },
      3,
    );
    render(<LeaderRunView />);
    const item = screen.getByTestId('property-leader-completeness');
    expect(item.dataset.verdict).toBe('broken-later');
    await at(trace.length - 1);
    expect(item.dataset.verdict).toBe('broken');
    const witnesses = within(item).getByRole('list', { name: /^Witnesses/ });
    expect(
      within(witnesses)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      expect.stringMatching(/^agent-\d committed the entry at index \d+ in term \d+$/),
      expect.stringMatching(/^agent-\d became leader of term \d+ without that entry$/),
    ]);
  });

  it('PBFT: a silent primary; the view changes and the requests are executed in view 1', async () => {
    const agents = [1, 2, 3, 4].map((i) => ({ id: `agent-${i}`, behaviour: i === 1 ? 'silent' : 'honest' }));
    const { trace } = await load(
      { kind: 'pbft', viewChangeTimeoutMs: 300, commands: [{ atMs: 100, value: 'op' }] },
      agents,
    );
    render(<LeaderRunView />);
    expect(screen.getByTestId('pbft-now').textContent).toMatch(/view 0, primary agent-1; 0 of 1 requests committed/);
    await at(trace.length - 1);
    expect(screen.getByTestId('pbft-now').textContent).toMatch(
      /view 1, primary agent-2 \(1 view change so far\); 1 of 1/,
    );
    const table = screen.getByTestId('pbft-replicas');
    const honest = within(table).getAllByRole('row').slice(2);
    for (const row of honest) expect((row.lastElementChild as HTMLElement).dataset.phase).toBe('executed');
    expect(within(table).getByText('silent')).toBeTruthy();
  });
});
