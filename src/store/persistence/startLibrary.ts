import type { MemoryProvider } from '../../engine/memory';
import { useStore } from '../index';
import { importFile, openShareLink } from '../sharing/importScenario';
import { shareDataOf } from '../sharing/shareLink';
import { restoreAutosave, startAutosave } from './autosave';
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
 * Starts the library once the page is up: restores the autosave, starts
 * autosaving, then opens a share link in the address bar (so a bad link leaves
 * the restored work in place), lists the named saves, and accepts scenario files
 * dropped anywhere on the page. Returns a function that stops all of it.
 *
 * @example
 * useEffect(() => startLibrary(), []);
 */
export function startLibrary(memory: MemoryProvider = libraryMemory()): () => void {
  let stopped = false;
  let stopAutosave = () => {};
  const onHashChange = () => void openHash();
  void (async () => {
    await restoreAutosave(memory);
    if (stopped) return;
    // Autosave first, so a scenario opened from the link is saved like any edit.
    stopAutosave = startAutosave(memory);
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
