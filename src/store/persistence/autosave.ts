import { MAX_SCENARIO_BYTES } from '../../engine/core/limits';
import type { MemoryProvider } from '../../engine/memory';
import { useStore } from '../index';
import { restoreScenario } from '../sharing/applyScenario';
import { problem } from '../sharing/problems';
import { readScenarioText } from '../sharing/readScenario';
import { NS, storageMessage } from './libraryMemory';
import type { LessonProgress } from './librarySlice';

/** Quiet time after the last change before a burst of changes is written (typing in a field writes once). */
export const AUTOSAVE_DELAY_MS = 400;
const KEY = 'current';
const RECORD_FORMAT = 'swarm-playground/autosave';
/** Longest tab id kept; anything longer did not come from this app. */
const MAX_TAB_ID = 64;

/** What the autosave keeps: the scenario as edited and the UI state worth finding again. */
interface AutosaveRecord {
  format: typeof RECORD_FORMAT;
  version: 1;
  savedAt: string;
  /** The draft as JSON text, exactly as the editor held it. */
  scenario: string;
  ui: { rightTab: string; bottomTab: string; lesson: LessonProgress | null };
}

function snapshot(): AutosaveRecord {
  const s = useStore.getState();
  return {
    format: RECORD_FORMAT,
    version: 1,
    savedAt: new Date().toISOString(),
    scenario: JSON.stringify(s.scenario),
    ui: { rightTab: s.rightTab, bottomTab: s.bottomTab, lesson: s.lesson },
  };
}

const isTab = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= MAX_TAB_ID;

function lessonOf(v: unknown): LessonProgress | null {
  if (v === null || typeof v !== 'object') return null;
  const { id, step } = v as Record<string, unknown>;
  return isTab(id) && Number.isInteger(step) && (step as number) >= 0 && (step as number) < 1000
    ? { id, step: step as number }
    : null;
}

/** Shows why the last session was not restored, in the library tab (where the autosave status is). */
function restoreProblem(message: string): void {
  const store = useStore.getState();
  store.setLibraryProblem('autosave', problem(message));
  store.setRightTab('library');
}

/** The autosave record's parts, or undefined when the stored value is not one of ours. */
function recordOf(record: unknown): { scenario: string; ui: Partial<AutosaveRecord['ui']> } | undefined {
  if (record === null || typeof record !== 'object') return undefined;
  const { format, scenario, ui } = record as Partial<AutosaveRecord>;
  if (format !== RECORD_FORMAT || typeof scenario !== 'string' || scenario.length > MAX_SCENARIO_BYTES)
    return undefined;
  return { scenario, ui: (ui !== null && typeof ui === 'object' ? ui : {}) as Partial<AutosaveRecord['ui']> };
}

/**
 * Restores what the autosave holds, if anything: the scenario only as the
 * canonical draft that the same parse and migration as an imported file gives
 * (storage can be edited by hand or written by an older build; the raw JSON is
 * never used), the tabs and lesson position when they look like ours. Anything
 * else leaves the default scenario and says why. Never throws. Once `signal`
 * is aborted (the caller stopped waiting) or the scenario has changed since
 * the restore began (an edit, a link), nothing is applied.
 * Returns true when a scenario was restored.
 *
 * @example
 * await restoreAutosave(libraryMemory());
 */
export async function restoreAutosave(memory: MemoryProvider, signal?: AbortSignal): Promise<boolean> {
  useStore.setState({ autosave: 'restoring' });
  // Whatever happens to the scenario meanwhile (an edit, a link opened) is newer than the autosave: it wins.
  const before = useStore.getState().scenario;
  const overtaken = () => signal?.aborted === true || useStore.getState().scenario !== before;
  const idle = () => {
    if (useStore.getState().autosave === 'restoring') useStore.setState({ autosave: 'idle' });
    return false;
  };
  let stored: unknown;
  try {
    stored = await memory.retrieve(NS.autosave, KEY);
  } catch (error) {
    if (overtaken()) return idle();
    useStore.setState({ autosave: 'failed' });
    restoreProblem(storageMessage(error, 'Restoring your last session'));
    return false;
  }
  // Past the caller's deadline, or after the scenario changed, a late answer changes nothing.
  if (overtaken()) return idle();
  useStore.setState({ autosave: 'idle' });
  if (stored === null || stored === undefined) return false;
  const record = recordOf(stored);
  if (!record) {
    restoreProblem('The autosaved session is damaged (it is not one this app wrote); the default scenario is shown.');
    return false;
  }
  const read = await readScenarioText(record.scenario, 'The autosaved scenario');
  if (overtaken()) return idle();
  if (!read.ok) {
    restoreProblem(
      'The autosaved scenario could not be restored (it no longer passes validation); the default scenario is shown.',
    );
    return false;
  }
  restoreScenario(read.draft);
  const tabs = record.ui;
  useStore.setState({
    ...(isTab(tabs.rightTab) ? { rightTab: tabs.rightTab } : {}),
    ...(isTab(tabs.bottomTab) ? { bottomTab: tabs.bottomTab } : {}),
    lesson: lessonOf(tabs.lesson),
  });
  return true;
}

/**
 * Writes the scenario and UI state to storage a moment after each change. A
 * draft with problems is not written (the last valid one stays), so a reload
 * never brings back something that cannot be opened. With `writeNow`, the
 * current state is written at once too. Returns the unsubscribe.
 */
export function startAutosave(
  memory: MemoryProvider,
  delayMs = AUTOSAVE_DELAY_MS,
  options: { writeNow?: boolean } = {},
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastWriteAt = 0;
  let writing = Promise.resolve();
  const write = () => {
    timer = undefined;
    const record = snapshot();
    useStore.setState({ autosave: 'saving' });
    writing = writing.then(async () => {
      // Validated in the scenario reader's worker (never behind a run); a draft with problems is not written.
      const read = await readScenarioText(record.scenario, 'The scenario');
      if (!read.ok && 'unchecked' in read) {
        useStore.setState({ autosave: 'failed' });
        useStore.getState().setLibraryProblem('autosave', problem(`Autosave failed: ${read.problem.message}`));
        return;
      }
      if (!read.ok) {
        useStore.setState({ autosave: 'invalid' });
        return;
      }
      try {
        await memory.store(NS.autosave, KEY, record);
        useStore.setState({ autosave: timer ? 'saving' : 'saved' });
        useStore.getState().setLibraryProblem('autosave', null);
      } catch (error) {
        useStore.setState({ autosave: 'failed' });
        useStore.getState().setLibraryProblem('autosave', problem(storageMessage(error, 'Autosave')));
      }
    });
  };
  const unsubscribe = useStore.subscribe((s, prev) => {
    const changed =
      s.scenario !== prev.scenario ||
      s.rightTab !== prev.rightTab ||
      s.bottomTab !== prev.bottomTab ||
      s.lesson !== prev.lesson;
    if (!changed) return;
    // Throttled, leading and trailing: the first change after a quiet spell is written at once (a
    // reload right after one edit keeps it), a burst of changes (typing) is written once at its end.
    if (timer) clearTimeout(timer);
    const now = Date.now();
    if (now - lastWriteAt >= delayMs) {
      lastWriteAt = now;
      write();
    } else {
      // Pending counts as saving: the status never says “saved” while a change waits to be written.
      if (useStore.getState().autosave !== 'saving') useStore.setState({ autosave: 'saving' });
      timer = setTimeout(() => {
        lastWriteAt = Date.now();
        write();
      }, delayMs);
    }
  });
  // Leaving the page: write what is pending now (best effort; the browser may not wait for it).
  const flush = () => {
    if (!timer) return;
    clearTimeout(timer);
    write();
  };
  globalThis.addEventListener?.('pagehide', flush);
  // Changes made before autosave started (an edit while the last session was being restored) are written now.
  if (options.writeNow) {
    lastWriteAt = Date.now();
    write();
  }
  return () => {
    if (timer) clearTimeout(timer);
    globalThis.removeEventListener?.('pagehide', flush);
    unsubscribe();
  };
}
