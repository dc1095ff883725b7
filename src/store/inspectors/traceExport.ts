/**
 * The trace as a JSON document (`{ agents, events: [...] }`, events decoded as
 * the trace vocabulary names them), built in slices so a million events never
 * block the page, then offered as a download.
 */
import { decodeEvent } from '../../engine/trace/trace';
import type { TraceColumns } from '../../worker/protocol';
import { forEachChunked } from './chunked';

/** The JSON text pieces of the export (joined by the Blob, never into one big string). */
export async function traceJsonParts(trace: TraceColumns, agentIds: readonly string[]): Promise<string[]> {
  const parts: string[] = [`{"hash":${JSON.stringify(trace.hash)},"agents":${JSON.stringify(agentIds)},"events":[`];
  await forEachChunked(trace.length, { cancelled: false }, (i) => {
    parts.push(`${i === 0 ? '' : ','}\n${JSON.stringify(decodeEvent(trace, i))}`);
  });
  parts.push('\n]}\n');
  return parts;
}

/** Builds the export and starts the browser's download of `trace-<hash>.json`. */
export async function exportTrace(trace: TraceColumns, agentIds: readonly string[]): Promise<void> {
  const blob = new Blob(await traceJsonParts(trace, agentIds), { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `trace-${trace.hash}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
