import { MAX_NAME_LENGTH, MAX_SCENARIO_BYTES } from '../../engine/core/limits';
import type { MemoryProvider } from '../../engine/memory';
import { useStore } from '../index';
import { applyScenario } from '../sharing/applyScenario';
import { problem } from '../sharing/problems';
import { readDraft, readScenarioText } from '../sharing/readScenario';
import { NS, storageMessage } from './libraryMemory';
import type { SaveMeta } from './librarySlice';

/** Named saves kept in this browser; past this, saving asks to delete some first. */
export const MAX_SAVES = 200;
const MAX_SAVE_ID = 40;

const report = (text: string) => useStore.getState().setLibraryProblem('saves', problem(text));
const confirm = (text: string) => useStore.getState().setLibraryNotice('saves', text);

/** A new id for a save: random, so two tabs saving at once never overwrite each other. */
function newSaveId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `save-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** A list entry read back from storage, or undefined when it is not one of ours. */
function metaOf(value: unknown, id: string): SaveMeta | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const m = value as Record<string, unknown>;
  const ok =
    m.id === id &&
    typeof m.name === 'string' &&
    m.name.length <= MAX_NAME_LENGTH &&
    typeof m.savedAt === 'string' &&
    m.savedAt.length <= 40 &&
    Number.isInteger(m.agents) &&
    typeof m.runKind === 'string' &&
    m.runKind.length <= 40;
  return ok
    ? {
        id,
        name: m.name as string,
        savedAt: m.savedAt as string,
        agents: m.agents as number,
        runKind: m.runKind as string,
      }
    : undefined;
}

/** Control characters and bidirectional overrides: they make a name display as something else. */
function isControl(c: string): boolean {
  const code = c.charCodeAt(0);
  return code < 0x20 || code === 0x7f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** The name a user typed, trimmed; undefined (with the reason shown) when it cannot be used. */
function cleanName(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed.length === 0) report('Give the save a name.');
  else if (trimmed.length > MAX_NAME_LENGTH) report(`A save's name can have at most ${MAX_NAME_LENGTH} characters.`);
  else if ([...trimmed].some(isControl)) report('A save’s name cannot contain control characters.');
  else return trimmed;
  return undefined;
}

/**
 * Reloads the list of named saves from storage, newest first. Entries that do
 * not look like ours are left out of the list (and left alone in storage).
 *
 * @example
 * await refreshSaves(libraryMemory());
 * useStore.getState().saves; // [{ id, name, savedAt, agents, runKind }, …]
 */
export async function refreshSaves(memory: MemoryProvider): Promise<void> {
  try {
    const ids = (await memory.listKeys(NS.saveMeta)).filter((id) => id.length <= MAX_SAVE_ID).slice(0, MAX_SAVES * 2);
    const metas = await Promise.all(ids.map(async (id) => metaOf(await memory.retrieve(NS.saveMeta, id), id)));
    const saves = metas.filter((m): m is SaveMeta => m !== undefined);
    saves.sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : a.name.localeCompare(b.name)));
    useStore.setState({ saves });
  } catch (error) {
    report(storageMessage(error, 'Reading your saves'));
  }
}

/** Saves the current scenario under `name` (a new entry). An invalid scenario is not saved: its problems are listed. */
export async function saveScenarioAs(memory: MemoryProvider, name: string): Promise<boolean> {
  const clean = cleanName(name);
  if (clean === undefined) return false;
  if (useStore.getState().saves.length >= MAX_SAVES) {
    report(`You have ${MAX_SAVES} saves (MAX_SAVES). Delete some, or export them as files, before saving more.`);
    return false;
  }
  const read = await readDraft(useStore.getState().scenario, 'The scenario');
  if (!read.ok) {
    useStore.getState().setLibraryProblem('saves', read.problem);
    return false;
  }
  const id = newSaveId();
  const meta: SaveMeta = {
    id,
    name: clean,
    savedAt: new Date().toISOString(),
    agents: read.scenario.topology.agentCount,
    runKind: read.scenario.run.kind,
  };
  try {
    // The text first: a list entry never points at a scenario that is not there.
    await memory.store(NS.saveText, id, read.text);
    await memory.store(NS.saveMeta, id, meta);
  } catch (error) {
    report(storageMessage(error, `Saving “${clean}”`));
    return false;
  }
  await refreshSaves(memory);
  confirm(`Saved “${clean}”.`);
  return true;
}

/** Opens a save: validated like any file, so a damaged save is refused and the current scenario stays. */
export async function openSave(memory: MemoryProvider, id: string): Promise<boolean> {
  const meta = useStore.getState().saves.find((s) => s.id === id);
  const label = meta?.name ?? id;
  let text: unknown;
  try {
    text = await memory.retrieve(NS.saveText, id);
  } catch (error) {
    report(storageMessage(error, `Opening “${label}”`));
    return false;
  }
  if (typeof text !== 'string' || text.length > MAX_SCENARIO_BYTES) {
    report(`The save “${label}” is missing or damaged; nothing was changed.`);
    return false;
  }
  const read = await readScenarioText(text, `The save “${label}”`);
  if (!read.ok) {
    useStore.getState().setLibraryProblem('saves', read.problem);
    return false;
  }
  applyScenario(read.draft, `Open “${label}”`);
  confirm(`Opened “${label}”.`);
  return true;
}

/** Renames a save; the scenario in it is not touched. */
export async function renameSave(memory: MemoryProvider, id: string, name: string): Promise<boolean> {
  const clean = cleanName(name);
  const meta = useStore.getState().saves.find((s) => s.id === id);
  if (clean === undefined || !meta) return false;
  try {
    await memory.store(NS.saveMeta, id, { ...meta, name: clean, savedAt: new Date().toISOString() });
  } catch (error) {
    report(storageMessage(error, `Renaming “${meta.name}”`));
    return false;
  }
  await refreshSaves(memory);
  confirm(`Renamed “${meta.name}” to “${clean}”.`);
  return true;
}

/** Deletes a save: its list entry first, so a half-finished delete never lists a save that cannot open. */
export async function deleteSave(memory: MemoryProvider, id: string): Promise<boolean> {
  const meta = useStore.getState().saves.find((s) => s.id === id);
  try {
    await memory.delete(NS.saveMeta, id);
    await memory.delete(NS.saveText, id);
  } catch (error) {
    report(storageMessage(error, `Deleting “${meta?.name ?? id}”`));
    return false;
  }
  await refreshSaves(memory);
  confirm(`Deleted “${meta?.name ?? id}”.`);
  return true;
}
