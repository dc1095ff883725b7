import { MAX_SCENARIO_BYTES } from '../../engine/core/limits';
import { decodeTextBytes } from '../../worker/api/textBytes';
import { useStore } from '../index';
import type { LibraryArea } from '../persistence/librarySlice';
import { applyScenario } from './applyScenario';
import { errorText, type Problem, problem } from './problems';
import { readScenarioText } from './readScenario';
import { decodeShareData, MAX_SHARE_LINK_CHARS, shareDataOf } from './shareLink';

/** The largest scenario file accepted: the scenario format's own bound, checked before reading. */
export const MAX_IMPORT_BYTES = MAX_SCENARIO_BYTES;

export type ImportOutcome = { ok: true; name: string } | { ok: false; problem: Problem };

const bytes = (n: number) => n.toLocaleString('en-US');

/** Shows the outcome next to `area` and applies nothing on failure: load all or nothing. */
function report(area: LibraryArea, outcome: ImportOutcome): ImportOutcome {
  const store = useStore.getState();
  if (outcome.ok) store.setLibraryNotice(area, `Opened “${outcome.name}”.`);
  else store.setLibraryProblem(area, outcome.problem);
  return outcome;
}

/** Validates `text` and, only if all of it is valid, makes it the current scenario. */
async function openText(text: string, source: string, run: boolean): Promise<ImportOutcome> {
  const read = await readScenarioText(text, source);
  if (!read.ok) return read;
  const name = read.scenario.name || 'Untitled swarm';
  applyScenario(read.draft, `Open “${name}”`, { run });
  return { ok: true, name };
}

/**
 * Imports a scenario file chosen in the file picker or dropped on the page.
 * The size is checked before a byte is read; then the text is validated in full
 * and the current scenario is replaced only if every check passes.
 *
 * @example
 * input.onchange = () => void importFile(input.files[0]);
 */
export async function importFile(file: File): Promise<ImportOutcome> {
  const source = `The file “${file.name}”`;
  if (file.size > MAX_SCENARIO_BYTES)
    return report(
      'import',
      failed(
        `${source} is ${bytes(file.size)} bytes; a scenario file can have at most ${bytes(MAX_SCENARIO_BYTES)} (MAX_SCENARIO_BYTES).`,
        '(file)',
      ),
    );
  let data: Uint8Array;
  try {
    data = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    return report('import', failed(`${source} could not be read: ${errorText(error)}`));
  }
  // The same decoding rule as a share link's: UTF-8 only (a byte-order mark skipped), never a silent U+FFFD.
  const text = decodeTextBytes(data);
  if (!text.ok)
    return report('import', failed(`${source} ${text.rule}. Save it as UTF-8 and open it again.`, '(file)'));
  return report('import', await openText(text.text, source, false));
}

/**
 * Imports what was pasted: a share link (or just its `#scenario=` part) or the
 * JSON text of a scenario file.
 */
export async function importPasted(input: string): Promise<ImportOutcome> {
  const limit = Math.max(MAX_SCENARIO_BYTES, MAX_SHARE_LINK_CHARS + 4096);
  if (input.length > limit)
    return report(
      'import',
      failed(`The pasted text is ${bytes(input.length)} characters; at most ${bytes(limit)} are read.`),
    );
  const trimmed = input.trim();
  const data = shareDataOf(trimmed);
  if (data !== undefined) return report('import', await openLinkData(data, true));
  if (trimmed.startsWith('{')) return report('import', await openText(trimmed, 'The pasted text', false));
  return report(
    'import',
    failed(
      'The pasted text is neither a share link (it would contain “#scenario=”) nor a scenario file (JSON starting with “{”).',
    ),
  );
}

/**
 * Opens the share link in `hash` (the page's `location.hash`): decodes it with
 * every limit, validates it, loads it and runs it, so the run is the one the
 * sender saw. A bad link is explained under “Share link” and changes nothing.
 * Returns undefined when the hash is not a share link.
 */
export async function openShareLink(hash: string): Promise<ImportOutcome | undefined> {
  const data = shareDataOf(hash);
  if (data === undefined) return undefined;
  useStore.getState().setRightTab('library');
  return report('link', await openLinkData(data, true));
}

async function openLinkData(data: string, run: boolean): Promise<ImportOutcome> {
  const decoded = await decodeShareData(data);
  if (!decoded.ok) return decoded;
  return openText(decoded.text, 'The share link', run);
}

function failed(message: string, field = ''): ImportOutcome {
  return { ok: false, problem: problem(message, field) };
}
