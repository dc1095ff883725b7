import { decodeEvent } from '../../engine/trace/trace';
import { useStore } from '../index';
import { errorText, problem } from './problems';
import { readDraft } from './readScenario';
import { aggregateFieldPicture, stageMoment } from './stagePicture';
import { MAX_SVG_EXPORT_ELEMENTS, type SvgPicture, topologySvg } from './topologySvg';

/** Events a trace export may hold: a JSON file of 20 million events would not fit in a tab's memory. */
export const MAX_TRACE_EXPORT_EVENTS = 1_000_000;
/** The longest side of an exported PNG, in pixels. */
const PNG_MAX_SIDE = 4096;

/** A file name made from the scenario's name: letters, digits and dashes only. */
export function fileSlug(name: string | undefined): string {
  const slug = (name ?? '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'scenario';
}

/** Offers `blob` as a download named `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL by now; keep it a little for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const notice = (text: string) => useStore.getState().setLibraryNotice('export', text);
const fail = (text: string) => useStore.getState().setLibraryProblem('export', problem(text));

/**
 * Downloads the current scenario as its canonical file (what `npm run sim` and
 * Import read). An invalid draft is not exported: its problems are listed instead.
 */
export async function exportScenarioFile(): Promise<void> {
  const { scenario } = useStore.getState();
  const read = await readDraft(scenario, 'The scenario');
  if (!read.ok) {
    useStore.getState().setLibraryProblem('export', read.problem);
    return;
  }
  const name = `${fileSlug(read.scenario.name)}.scenario.json`;
  downloadBlob(new Blob([read.text], { type: 'application/json' }), name);
  notice(`Saved ${name}.`);
}

/**
 * Downloads the last run's trace as JSON: the summary (with the trace hash) and
 * every event decoded, one per line, written in slices so no single string holds
 * the whole file.
 */
export function exportTraceFile(): void {
  const { summary, trace, scenario } = useStore.getState();
  if (!summary || !trace) {
    fail('Run the scenario first: there is no trace to export yet.');
    return;
  }
  if (trace.length > MAX_TRACE_EXPORT_EVENTS) {
    fail(
      `This trace has ${trace.length.toLocaleString('en-US')} events; a JSON export holds at most ${MAX_TRACE_EXPORT_EVENTS.toLocaleString('en-US')} (MAX_TRACE_EXPORT_EVENTS).`,
    );
    return;
  }
  const head = { format: 'swarm-playground/trace', version: 1, scenario: scenario.name ?? null, summary };
  const headText = JSON.stringify(head, null, 2);
  const parts: string[] = [`${headText.slice(0, -2)},\n  "events": [\n`];
  let slice: string[] = [];
  for (let i = 0; i < trace.length; i++) {
    slice.push(`    ${JSON.stringify(decodeEvent(trace, i))}${i + 1 < trace.length ? ',' : ''}\n`);
    if (slice.length === 10_000) {
      parts.push(slice.join(''));
      slice = [];
    }
  }
  parts.push(slice.join(''), '  ]\n}\n');
  const name = `${fileSlug(scenario.name)}.trace.json`;
  downloadBlob(new Blob(parts, { type: 'application/json' }), name);
  notice(`Saved ${name} (${trace.length.toLocaleString('en-US')} events).`);
}

function currentPicture(): SvgPicture | undefined {
  const state = useStore.getState();
  const { topology, scenario } = state;
  const title = scenario.name ?? 'Swarm';
  const field = aggregateFieldPicture(title);
  if (field) return field;
  if (!topology) {
    fail('The swarm is not drawn yet: fix the scenario’s problems first.');
    return undefined;
  }
  const picture = topologySvg(topology, title, stageMoment());
  if (!picture)
    fail(
      `This swarm has ${(topology.agents.length + topology.links.length).toLocaleString('en-US')} agents and links; a picture holds at most ${MAX_SVG_EXPORT_ELEMENTS.toLocaleString('en-US')} (MAX_SVG_EXPORT_ELEMENTS).`,
    );
  return picture;
}

/** Downloads the drawn swarm as an SVG file; labels are escaped text, never markup. */
export function exportTopologySvg(): void {
  const picture = currentPicture();
  if (!picture) return;
  const name = `${fileSlug(useStore.getState().scenario.name)}.topology.svg`;
  downloadBlob(new Blob([picture.svg], { type: 'image/svg+xml' }), name);
  notice(`Saved ${name}.`);
}

/** Downloads the drawn swarm as a PNG, rendered from the same SVG (a blob: image, which the CSP allows). */
export async function exportTopologyPng(): Promise<void> {
  const picture = currentPicture();
  if (!picture) return;
  try {
    const blob = await rasterise(picture);
    const name = `${fileSlug(useStore.getState().scenario.name)}.topology.png`;
    downloadBlob(blob, name);
    notice(`Saved ${name}.`);
  } catch (error) {
    fail(`The PNG could not be drawn: ${errorText(error)}`);
  }
}

/** Draws an SVG picture onto a canvas and returns it as a PNG (a blob: image, which the CSP allows). */
export async function rasterise({ svg, width, height }: SvgPicture): Promise<Blob> {
  const scale = Math.min(2, PNG_MAX_SIDE / Math.max(width, height, 1));
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser gave no 2D canvas');
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas produced no image'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
