/**
 * The CLI's file system edges: reading a scenario (bounded, decoded by the one
 * rule the browser uses for files and links) and checking where a trace may be
 * written before a run spends its time. Every problem is one line naming the
 * path, never a stack trace.
 */
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { MAX_SCENARIO_BYTES } from '../engine/core/limits';
import { decodeTextBytes } from '../worker/api/textBytes';

export type ReadOutcome =
  | { ok: true; text: string }
  /** The file could not be read (`message` is one line naming it). */
  | { ok: false; kind: 'io'; message: string }
  /** The bytes are not a scenario's: the rule, as a scenario refusal of the whole file says it. */
  | { ok: false; kind: 'content'; rule: string };

/** What went wrong with a path, in words, from a Node error. */
export function ioReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return (error instanceof Error ? error.message : String(error)).split('\n')[0];
  }
}

/**
 * Reads at most MAX_SCENARIO_BYTES (+1, to know it is longer) of `path` and
 * decodes them: a bigger file is refused without reading it whole.
 */
export function readScenarioFile(path: string): ReadOutcome {
  let fd: number | undefined;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { ok: false, kind: 'io', message: `Cannot read ${path}: it is a directory` };
    if (stat.size > MAX_SCENARIO_BYTES)
      return {
        ok: false,
        kind: 'content',
        rule: `is ${stat.size.toLocaleString('en-US')} bytes long; at most ${MAX_SCENARIO_BYTES.toLocaleString('en-US')} allowed`,
      };
    fd = openSync(path, 'r');
    const buffer = new Uint8Array(MAX_SCENARIO_BYTES + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n)
      n = readSync(fd, buffer, length, buffer.length - length, null);
    const decoded = decodeTextBytes(buffer.subarray(0, length));
    return decoded.ok ? decoded : { ok: false, kind: 'content', rule: decoded.rule };
  } catch (error) {
    return { ok: false, kind: 'io', message: `Cannot read ${path}: ${ioReason(error)}` };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Why a trace cannot be written to `path` (undefined when it can), checked before
 * the run: an existing directory, a missing or unwritable parent, a read-only file.
 */
export function traceTargetProblem(path: string): string | undefined {
  try {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory()) return `Cannot write the trace to ${path}: it is a directory`;
    if (stat) accessSync(path, constants.W_OK);
    else {
      const parent = dirname(resolve(path));
      if (!statSync(parent).isDirectory()) return `Cannot write the trace to ${path}: ${parent} is not a directory`;
      accessSync(parent, constants.W_OK);
    }
    return undefined;
  } catch (error) {
    return `Cannot write the trace to ${path}: ${ioReason(error)}`;
  }
}
