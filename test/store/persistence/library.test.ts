import '@vitest/web-worker';
// The library validates scenarios in the simulation worker, as in the browser.
import { beforeEach, describe, expect, it } from 'vitest';
import { InMemoryProvider } from '../../../src/engine/memory';
import { useStore } from '../../../src/store/index';
import { restoreAutosave, startAutosave } from '../../../src/store/persistence/autosave';
import { NS } from '../../../src/store/persistence/libraryMemory';
import {
  deleteSave,
  openSave,
  refreshSaves,
  renameSave,
  saveScenarioAs,
} from '../../../src/store/persistence/savedScenarios';
import { DEFAULT_SCENARIO, type ScenarioDraft } from '../../../src/store/scenarioSlice';

// Node has no animation frames; the player's pause() cancels one when a scenario is replaced.
globalThis.cancelAnimationFrame ??= () => {};

const initial = useStore.getState();
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits until `done()` holds (the worker's first answer takes a moment), at most 10 s. */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done() && waited < 10_000; waited += 10) await wait(10);
}

function withAgents(count: number): ScenarioDraft {
  return { ...DEFAULT_SCENARIO, topology: { agentCount: count, builder: { kind: 'ring' } } };
}

beforeEach(() => useStore.setState(initial, true));

describe('autosave', () => {
  it('writes the scenario and tabs after an edit, and a new session restores them without an undo step', async () => {
    const memory = new InMemoryProvider();
    const stop = startAutosave(memory, 20);
    useStore.getState().setAgentCount(33);
    useStore.getState().setRightTab('library');
    await until(() => useStore.getState().autosave === 'saved');
    stop();
    expect(useStore.getState().autosave).toBe('saved');

    useStore.setState(initial, true);
    expect(await restoreAutosave(memory)).toBe(true);
    const s = useStore.getState();
    expect(s.scenario.topology.agentCount).toBe(33);
    expect(s.rightTab).toBe('library');
    expect(s.past).toEqual([]);
  });

  it('does not write a scenario with problems: the last valid one stays', async () => {
    const memory = new InMemoryProvider();
    const stop = startAutosave(memory, 10);
    useStore.getState().setAgentCount(8);
    await until(() => useStore.getState().autosave === 'saved');
    useStore.getState().setAgentCount(-4);
    await until(() => useStore.getState().autosave === 'invalid');
    stop();
    expect(useStore.getState().autosave).toBe('invalid');
    useStore.setState(initial, true);
    await restoreAutosave(memory);
    expect(useStore.getState().scenario.topology.agentCount).toBe(8);
  });

  it('refuses a tampered autosave and keeps the default scenario', async () => {
    const memory = new InMemoryProvider();
    const hostile = {
      format: 'swarm-playground/autosave',
      version: 1,
      savedAt: 'x',
      scenario:
        '{"format":"swarm-playground/scenario","version":1,"seed":1,"__proto__":{"polluted":1},"topology":{"agentCount":3,"builder":{"kind":"ring"}},"run":{"kind":"flood"}}',
      ui: { rightTab: 'x'.repeat(500), bottomTab: 'log', lesson: { id: 'a', step: -1 } },
    };
    await memory.store(NS.autosave, 'current', hostile);
    expect(await restoreAutosave(memory)).toBe(false);
    expect(useStore.getState().scenario).toBe(initial.scenario);
    expect(useStore.getState().libraryProblems.autosave?.message).toContain('could not be restored');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('restores a valid autosave without a "network" block as the normalised draft, never the raw JSON', async () => {
    const memory = new InMemoryProvider();
    // Valid (the network block is optional) but not what the editor holds: the restore must fill it in.
    const bare = {
      format: 'swarm-playground/scenario',
      version: 1,
      name: 'Bare',
      seed: 3,
      topology: { agentCount: 5, builder: { kind: 'ring' } },
      run: { kind: 'flood' },
    };
    await memory.store(NS.autosave, 'current', {
      format: 'swarm-playground/autosave',
      version: 1,
      savedAt: 'x',
      scenario: JSON.stringify(bare),
      ui: {},
    });
    expect(await restoreAutosave(memory)).toBe(true);
    const { scenario } = useStore.getState();
    expect(scenario.name).toBe('Bare');
    expect(scenario.topology.agentCount).toBe(5);
    // What the import of the same file gives: the network block with its defaults (the page reads it on load).
    expect(scenario.network).toMatchObject({ latencyMsMin: 10, latencyMsMax: 50, lossProbability: 0 });
    expect(scenario.run).toEqual({ kind: 'flood', origin: 'agent-1' });
  });

  it.each([
    ['a string', 'garbage'],
    ['a number', 42],
    ['an object of another app', { format: 'other/app', scenario: 7 }],
  ])('says so when the autosave holds %s, and keeps the default scenario', async (_what, junk) => {
    const memory = new InMemoryProvider();
    await memory.store(NS.autosave, 'current', junk);
    expect(await restoreAutosave(memory)).toBe(false);
    expect(useStore.getState().scenario).toBe(initial.scenario);
    expect(useStore.getState().libraryProblems.autosave?.message).toContain('The autosaved session is damaged');
    // The message is where it can be read: the library tab opens.
    expect(useStore.getState().rightTab).toBe('library');
  });

  it('a restore that answers after its caller gave up changes nothing', async () => {
    const memory = new InMemoryProvider();
    await memory.store(NS.autosave, 'current', {
      format: 'swarm-playground/autosave',
      version: 1,
      savedAt: 'x',
      scenario: JSON.stringify(withAgents(19)),
      ui: { rightTab: 'library' },
    });
    const late = new AbortController();
    const restoring = restoreAutosave(memory, late.signal);
    late.abort();
    expect(await restoring).toBe(false);
    expect(useStore.getState().scenario).toBe(initial.scenario);
  });

  it('a storage that throws on every call is reported in words, and autosave says "failed", not "invalid"', async () => {
    const refused = Object.assign(new Error('The operation is insecure.'), { name: 'SecurityError' });
    const memory = new InMemoryProvider();
    memory.retrieve = () => Promise.reject(refused);
    memory.store = () => Promise.reject(refused);
    expect(await restoreAutosave(memory)).toBe(false);
    expect(useStore.getState().autosave).toBe('failed');
    expect(useStore.getState().libraryProblems.autosave?.message).toContain('Restoring your last session failed');
    const stop = startAutosave(memory, 5);
    useStore.getState().setAgentCount(9);
    await until(() => useStore.getState().libraryProblems.autosave?.message.startsWith('Autosave failed') ?? false);
    stop();
    expect(useStore.getState().autosave).toBe('failed');
  });

  it('shows a storage failure in words instead of losing it', async () => {
    const memory = new InMemoryProvider({ quotaBytes: 10 });
    const stop = startAutosave(memory, 5);
    useStore.getState().setAgentCount(9);
    await wait(30);
    stop();
    expect(useStore.getState().autosave).toBe('failed');
    expect(useStore.getState().libraryProblems.autosave?.message).toContain('storage for this site is full');
  });
});

describe('named saves', () => {
  it('save, list, open, rename and delete', async () => {
    const memory = new InMemoryProvider();
    useStore.getState().setScenario(withAgents(21));
    expect(await saveScenarioAs(memory, '  Twenty-one  ')).toBe(true);
    const [save] = useStore.getState().saves;
    expect(save).toMatchObject({ name: 'Twenty-one', agents: 21, runKind: 'flood' });

    useStore.getState().setScenario(withAgents(4));
    expect(await openSave(memory, save.id)).toBe(true);
    expect(useStore.getState().scenario.topology.agentCount).toBe(21);
    // Opening is one undoable step.
    useStore.getState().undo();
    expect(useStore.getState().scenario.topology.agentCount).toBe(4);

    expect(await renameSave(memory, save.id, 'Blackjack')).toBe(true);
    await refreshSaves(memory);
    expect(useStore.getState().saves.map((s) => s.name)).toEqual(['Blackjack']);
    expect(await deleteSave(memory, save.id)).toBe(true);
    expect(useStore.getState().saves).toEqual([]);
    expect(await memory.listKeys(NS.saveText)).toEqual([]);
  });

  it('refuses empty and control-character names and invalid scenarios, saving nothing', async () => {
    const memory = new InMemoryProvider();
    expect(await saveScenarioAs(memory, '   ')).toBe(false);
    expect(await saveScenarioAs(memory, 'evil\u202Eexe')).toBe(false);
    expect(useStore.getState().libraryProblems.saves?.message).toContain('control characters');
    useStore.getState().setScenario(withAgents(0));
    expect(await saveScenarioAs(memory, 'Broken')).toBe(false);
    expect(useStore.getState().libraryProblems.saves?.issues[0].field).toBe('topology.agentCount');
    expect(await memory.listKeys(NS.saveMeta)).toEqual([]);
  });

  it('a damaged save is refused and the current scenario and other saves stay', async () => {
    const memory = new InMemoryProvider();
    useStore.getState().setScenario(withAgents(6));
    await saveScenarioAs(memory, 'Good');
    await memory.store(NS.saveText, 'save-bad', '{"format":"swarm-playground/scenario","version":99}');
    await memory.store(NS.saveMeta, 'save-bad', {
      id: 'save-bad',
      name: 'Bad',
      savedAt: '2026-01-01T00:00:00.000Z',
      agents: 1,
      runKind: 'flood',
    });
    await memory.store(NS.saveMeta, 'save-junk', { id: 'other', name: 5 });
    await refreshSaves(memory);
    expect(useStore.getState().saves.map((s) => s.name)).toEqual(['Good', 'Bad']);
    const before = useStore.getState().scenario;
    expect(await openSave(memory, 'save-bad')).toBe(false);
    expect(useStore.getState().scenario).toBe(before);
    expect(useStore.getState().libraryProblems.saves?.issues[0].field).toBe('version');
    expect(useStore.getState().saves).toHaveLength(2);
  });
});
