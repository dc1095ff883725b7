import type { MemoryProvider } from '../../engine/memory';
import { useStore } from '../index';
import { importFile, openShareLink } from '../sharing/importScenario';
import { problem } from '../sharing/problems';
import { shareDataOf } from '../sharing/shareLink';
import { AUTOSAVE_DELAY_MS, restoreAutosave, startAutosave } from './autosave';
import { OPEN_TIMEOUT_MS } from './indexedDbProvider';
import { libraryMemory } from './libraryMemory';
import { refreshSaves } from './savedScenarios';

/** Removes the share data from the address bar, so a reload does not replace later edits with the link again. */
function forgetHash(): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

async function openHash(): Promise<void> {
  const hash = location.hash;
  if (shareDataOf(hash) === undefined) return;
  forgetHash();
  await openShareLink(hash);
}

const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;

function onDragOver(e: DragEvent): void {
  if (!hasFiles(e)) return;
  e.preventDefault();
  if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
}

function onDrop(e: DragEvent): void {
  if (!hasFiles(e)) return;
  e.preventDefault();
  const file = e.dataTransfer?.files[0];
  if (!file) return;
  useStore.getState().setRightTab('library');
  void importFile(file);
}

/**
 * Time the restore of the last session may take before a share link in the
 * address bar is opened anyway (storage that never answers must not hold the
 * link up; the provider gives up opening the database sooner than this).
 */
export const RESTORE_DEADLINE_MS = OPEN_TIMEOUT_MS + 2_000;

/**
 * Restores the autosave, giving up after `deadlineMs`: a restore that answers
 * later is not applied. True when the last session was restored.
 */
async function restoreWithDeadline(memory: MemoryProvider, deadlineMs: number): Promise<boolean> {
  const late = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      late.abort();
      useStore.setState({ autosave: 'failed' });
      useStore
        .getState()
        .setLibraryProblem(
          'autosave',
          problem(
            `Restoring your last session failed: the browser's storage did not answer within ${deadlineMs / 1000} s. Changes are not saved in this browser for now.`,
          ),
        );
      resolve();
    }, deadlineMs);
  });
  const restored = await Promise.race([
    restoreAutosave(memory, late.signal).catch(() => false),
    deadline.then(() => false),
  ]);
  clearTimeout(timer);
  return restored;
}

/**
 * Starts the library once the page is up: restores the autosave (with a
 * deadline), starts autosaving, then opens a share link in the address bar (so
 * a bad link leaves the restored work in place), lists the named saves, and
 * accepts scenario files dropped anywhere on the page. Returns a function that
 * stops all of it.
 *
 * @example
 * useEffect(() => startLibrary(), []);
 */
export function startLibrary(
  memory: MemoryProvider = libraryMemory(),
  deadlineMs: number = RESTORE_DEADLINE_MS,
): () => void {
  let stopped = false;
  let ready = false;
  let stopAutosave = () => {};
  // A link that arrives while the last session is restored is opened right after (never under the restore).
  const onHashChange = () => void (ready && openHash());
  void (async () => {
    const before = useStore.getState().scenario;
    const restored = await restoreWithDeadline(memory, deadlineMs);
    if (stopped) return;
    // Autosave first, so a scenario opened from the link is saved like any edit; an edit made while the
    // restore was pending (the restore then stood aside) is written at once.
    const edited = !restored && useStore.getState().scenario !== before;
    stopAutosave = startAutosave(memory, AUTOSAVE_DELAY_MS, { writeNow: edited });
    ready = true;
    await openHash();
    await refreshSaves(memory);
  })();
  window.addEventListener('hashchange', onHashChange);
  window.addEventListener('dragover', onDragOver);
  window.addEventListener('drop', onDrop);
  return () => {
    stopped = true;
    stopAutosave();
    window.removeEventListener('hashchange', onHashChange);
    window.removeEventListener('dragover', onDragOver);
    window.removeEventListener('drop', onDrop);
  };
}
