import '@vitest/web-worker';
import { beforeEach, describe, expect, it } from 'vitest';
import { runScenario } from '../../src/store/actions';
import { addAtCursor, cursorActionUnavailable } from '../../src/store/faultsAtCursor';
import { useStore } from '../../src/store/index';
import { scrubTo } from '../../src/store/playback';
import { addAtTime } from '../../src/store/scenarioEdits';
import type { ScenarioDraft } from '../../src/store/scenarioSlice';

// Node has no animation frames: a new run starts playing, which only schedules one.
globalThis.cancelAnimationFrame ??= () => {};
globalThis.requestAnimationFrame ??= () => 0;

const initial = useStore.getState();

const raft: ScenarioDraft = {
  format: 'swarm-playground/scenario',
  version: 1,
  seed: 2,
  topology: { agentCount: 5, builder: { kind: 'mesh' } },
  network: {
    latencyMsMin: 5,
    latencyMsMax: 20,
    lossProbability: 0,
    duplicationProbability: 0,
    reorderProbability: 0,
    faults: [],
  },
  run: { kind: 'raft', durationMs: 2_000, commands: [{ atMs: 400, value: 'x=1' }] },
};

beforeEach(() => useStore.setState({ ...initial, scenario: raft }, true));

describe('adding at the cursor', () => {
  it('pure edits: a fault appended at the time, a partition of the given agents, a command appended last', () => {
    expect(addAtTime(raft, { kind: 'crash', agent: 'agent-3' }, 1234.4).network.faults).toEqual([
      { kind: 'crash', atMs: 1234, agent: 'agent-3' },
    ]);
    expect(addAtTime(raft, { kind: 'partition', agents: ['agent-1', 'agent-2'] }, 10).network.faults).toEqual([
      { kind: 'partition', atMs: 10, groups: [['agent-1', 'agent-2']] },
    ]);
    expect(addAtTime(raft, { kind: 'heal' }, 99).network.faults).toEqual([{ kind: 'heal', atMs: 99 }]);
    expect(addAtTime(raft, { kind: 'command' }, 700).run.commands).toEqual([
      { atMs: 400, value: 'x=1' },
      { atMs: 700, value: 'x=2' },
    ]);
  });

  it('needs a run and a selection, and says why', async () => {
    expect(cursorActionUnavailable('crash')).toMatch(/^Run the scenario first/);
    await runScenario();
    expect(useStore.getState().summary?.runKind).toBe('raft');
    expect(cursorActionUnavailable('crash')).toBe('Select one agent on the stage.');
    expect(cursorActionUnavailable('heal')).toBeNull();
    expect(cursorActionUnavailable('command')).toBeNull();
    useStore.getState().select(['agent-2']);
    expect(cursorActionUnavailable('crash')).toBeNull();
    expect(cursorActionUnavailable('recover')).toBe('The selected agent is up at this moment.');
  });

  it('a crash at the cursor: one undoable edit, the run computed again with it, shown at the same moment', async () => {
    await runScenario();
    const before = useStore.getState().summary;
    scrubTo(900);
    useStore.getState().select(['agent-4']);
    await addAtCursor('crash');
    const s = useStore.getState();
    expect(s.scenario.network.faults).toEqual([{ kind: 'crash', atMs: 900, agent: 'agent-4' }]);
    expect(s.past.at(-1)?.label).toBe('Crash at the cursor');
    expect(s.summary?.traceHash).not.toBe(before?.traceHash);
    expect(Math.round(s.playTime)).toBe(900);
    // The new run has the crash at 900 ms, and agent-4 is down from there: Restart is now the one offered.
    const trace = s.trace;
    if (!trace) throw new Error('no trace');
    const crashes = Array.from({ length: trace.length }, (_, i) => i).filter((i) => trace.kind[i] === 4);
    expect(crashes.map((i) => [trace.t[i], trace.a[i]])).toContainEqual([900, 3]);
    expect(cursorActionUnavailable('recover')).toBeNull();
    // Undo takes the crash out: the run with it is set aside, and a rerun is the first run again (same seed).
    s.undo();
    expect(useStore.getState().scenario.network.faults).toEqual([]);
    expect(useStore.getState().summary).toBeNull();
    await runScenario();
    expect(useStore.getState().summary?.traceHash).toBe(before?.traceHash);
  });

  it('a client command at the cursor is one more command of the run, committed in the new run', async () => {
    await runScenario();
    scrubTo(1_200);
    await addAtCursor('command');
    const s = useStore.getState();
    expect(s.scenario.run.commands).toEqual([
      { atMs: 400, value: 'x=1' },
      { atMs: 1_200, value: 'x=2' },
    ]);
    const r = s.summary?.runKind === 'raft' ? s.summary.result : null;
    expect(r?.commands.map((c) => [c.value, c.committedAtMs !== null])).toEqual([
      ['x=1', true],
      ['x=2', true],
    ]);
  });
});
