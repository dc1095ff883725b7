// @vitest-environment jsdom
import '@vitest/web-worker';
// The link is validated in the scenario reader's worker and run in the simulation worker, as in the browser.
import { deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryProvider, type MemoryProvider } from '../../../src/engine/memory';
import { useStore } from '../../../src/store/index';
import { startLibrary } from '../../../src/store/persistence/startLibrary';

const initial = useStore.getState();
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done() && waited < 10_000; waited += 10) await wait(10);
}

/** Storage that takes every call and answers none (a database whose open never completes). */
function silentMemory(): MemoryProvider {
  const never = () => new Promise<never>(() => {});
  return { store: never, retrieve: never, listKeys: never, delete: never, clearNamespace: never };
}

const linkScenario = JSON.stringify({
  format: 'swarm-playground/scenario',
  version: 1,
  name: 'From the link',
  seed: 4,
  topology: { agentCount: 6, builder: { kind: 'ring' } },
  run: { kind: 'flood' },
});

describe('startLibrary', () => {
  let stop = () => {};
  afterEach(() => {
    stop();
    useStore.setState(initial, true);
    history.replaceState(null, '', '/');
  });

  it('opens the share link in the address anyway when storage never answers, and says so', async () => {
    // In the address as the page loads (no hashchange event).
    history.replaceState(null, '', `/#scenario=${deflateRawSync(Buffer.from(linkScenario)).toString('base64url')}`);
    stop = startLibrary(silentMemory(), 50);
    await until(() => useStore.getState().scenario.name === 'From the link');
    const s = useStore.getState();
    expect(s.scenario.topology.agentCount).toBe(6);
    expect(s.libraryNotices.link).toBe('Opened “From the link”.');
    expect(s.libraryProblems.autosave?.message).toContain("the browser's storage did not answer within 0.05 s");
    expect(s.autosave).not.toBe('restoring');
    expect(location.hash).toBe('');
  });

  it('a restore that answers after the deadline does not replace what the link opened', async () => {
    const memory = new InMemoryProvider();
    await memory.store('autosave', 'current', {
      format: 'swarm-playground/autosave',
      version: 1,
      savedAt: 'x',
      scenario: linkScenario.replace('From the link', 'Old session'),
      ui: {},
    });
    let answer!: () => void;
    const late = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const slow: MemoryProvider = {
      ...silentMemory(),
      retrieve: async (ns, key) => {
        await late;
        return memory.retrieve(ns, key);
      },
    };
    // In the address as the page loads (no hashchange event).
    history.replaceState(null, '', `/#scenario=${deflateRawSync(Buffer.from(linkScenario)).toString('base64url')}`);
    stop = startLibrary(slow, 50);
    await until(() => useStore.getState().scenario.name === 'From the link');
    answer();
    await wait(50);
    expect(useStore.getState().scenario.name).toBe('From the link');
  });

  it('a link pasted while the restore is on its way opens right after it, and is autosaved', async () => {
    const memory = new InMemoryProvider();
    await memory.store('autosave', 'current', {
      format: 'swarm-playground/autosave',
      version: 1,
      savedAt: 'x',
      scenario: linkScenario.replace('From the link', 'Old session'),
      ui: {},
    });
    let answer!: () => void;
    const late = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const slow: MemoryProvider = {
      ...silentMemory(),
      retrieve: async (ns, key) => {
        await late;
        return memory.retrieve(ns, key);
      },
    };
    const writes: unknown[] = [];
    slow.store = async (_ns, _key, value) => {
      writes.push(value);
    };
    stop = startLibrary(slow, 60_000);
    // Pasted into the address bar while the restore waits: it waits too.
    location.hash = `scenario=${deflateRawSync(Buffer.from(linkScenario)).toString('base64url')}`;
    await until(() => useStore.getState().autosave === 'restoring');
    answer();
    await until(() => useStore.getState().scenario.name === 'From the link');
    expect(useStore.getState().libraryNotices.link).toBe('Opened “From the link”.');
    await until(() => useStore.getState().autosave === 'saved');
    expect(JSON.stringify(writes.at(-1))).toContain('From the link');
  });

  it('an edit made while the restore is on its way wins over the restore, and is written at once', async () => {
    const memory = new InMemoryProvider();
    await memory.store('autosave', 'current', {
      format: 'swarm-playground/autosave',
      version: 1,
      savedAt: 'x',
      scenario: linkScenario.replace('From the link', 'Old session'),
      ui: {},
    });
    let answer!: () => void;
    const late = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const writes: unknown[] = [];
    const slow: MemoryProvider = {
      ...silentMemory(),
      retrieve: async (ns, key) => {
        await late;
        return memory.retrieve(ns, key);
      },
      store: async (_ns, _key, value) => {
        writes.push(value);
      },
    };
    stop = startLibrary(slow, 60_000);
    useStore.getState().setAgentCount(23);
    answer();
    await until(() => useStore.getState().autosave === 'saved');
    expect(useStore.getState().scenario.topology.agentCount).toBe(23);
    expect(useStore.getState().scenario.name).not.toBe('Old session');
    expect(JSON.stringify(writes.at(-1))).toContain('\\"agentCount\\":23');
  });
});
