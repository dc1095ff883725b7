/**
 * Writes a run's trace as JSON — `{"summary": …, "events": [ … ]}`, one event
 * per line — event by event in chunks, so a trace of millions of events never
 * becomes one string (a 3 GB JSON.stringify used to end in "Invalid string
 * length") and memory stays at one chunk.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { decodeEvent, type TraceColumns } from '../engine/trace/trace';
import { ioReason } from './files';

/** Characters gathered before each write. */
const CHUNK_CHARS = 1 << 20;

export type WriteOutcome = { ok: true; bytes: number } | { ok: false; message: string };

/** Streams `summary` and every event of `trace` to `path`; a failure is one line naming the path. */
export function writeTraceFile(path: string, summary: unknown, trace: TraceColumns): WriteOutcome {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'w');
    const out = fd;
    let bytes = 0;
    let chunk = `{"summary":${JSON.stringify(summary)},"events":[`;
    const flush = () => {
      const buffer = Buffer.from(chunk, 'utf8');
      // A write may take fewer bytes than given (a pipe, a full disk): write the rest.
      for (let at = 0; at < buffer.length; ) at += writeSync(out, buffer, at, buffer.length - at);
      bytes += buffer.length;
      chunk = '';
    };
    for (let i = 0; i < trace.length; i++) {
      chunk += `${i === 0 ? '\n' : ',\n'}${JSON.stringify(decodeEvent(trace, i))}`;
      if (chunk.length >= CHUNK_CHARS) flush();
    }
    chunk += '\n]}\n';
    flush();
    return { ok: true, bytes };
  } catch (error) {
    return { ok: false, message: `Cannot write the trace to ${path}: ${ioReason(error)}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
