/**
 * Picks out of a sync run's trace what the worker needs to rebuild the
 * replicas of one key (`replaySyncReplicas`): the key's local writes and the
 * messages that carried versions of it, each cut down to that key. The merging
 * itself happens in the worker; these loops run in slices (./chunked.ts).
 */
import { KIND } from '../../engine/trace/events';
import type { SyncReplayStep } from '../../worker/api/inspect';
import type { TraceColumns } from '../../worker/protocol';
import { forEachChunked, type Job } from './chunked';

type Version = Extract<SyncReplayStep, { kind: 'sent' }>['versions'][number];
type Clock = Record<string, number>;

/** The state keys a sync run wrote, with how often each was written (the changed ones were written twice). */
export async function syncKeys(trace: TraceColumns, swarmId: string, job: Job): Promise<Map<string, number> | null> {
  const localWrite = trace.strings.indexOf('localWrite');
  const keys = new Map<string, number>();
  const done = await forEachChunked(trace.length, job, (i) => {
    if (trace.kind[i] !== KIND.engine || trace.d[i] !== localWrite || trace.e[i] < 0) return;
    const d = trace.values[trace.e[i]] as { swarmId?: string; stateKey?: string };
    if (d.swarmId === swarmId && typeof d.stateKey === 'string') keys.set(d.stateKey, (keys.get(d.stateKey) ?? 0) + 1);
  });
  return done ? keys : null;
}

/** Versions of `key` a sync payload carries (one `version`, one `change`, or lists of them). */
function versionsOf(payload: unknown, key: string, swarmId: string): Version[] {
  const p = payload as {
    swarmId?: string;
    version?: Version;
    change?: Version;
    changes?: Version[];
    versions?: Version[];
  };
  if (typeof p !== 'object' || p === null || p.swarmId !== swarmId) return [];
  const out: Version[] = [];
  const take = (v: Version | null | undefined) => {
    if (v && typeof v === 'object' && v.stateKey === key) out.push(v);
  };
  take(p.version);
  take(p.change);
  if (Array.isArray(p.changes)) for (const v of p.changes) take(v);
  if (Array.isArray(p.versions)) for (const v of p.versions) take(v);
  return out;
}

const clockText = (c: Clock | undefined) =>
  JSON.stringify(
    Object.keys(c ?? {})
      .sort()
      .map((k) => [k, (c as Clock)[k]]),
  );

/**
 * The replay steps of `key` up to `cursor`. A write's value is not on its trace
 * event, so the scan goes on past the cursor only as far as the first message
 * that carries each write (same writer, same clock).
 */
export async function syncReplaySteps(
  trace: TraceColumns,
  cursor: number,
  key: string,
  swarmId: string,
  agentIds: readonly string[],
  job: Job,
): Promise<SyncReplayStep[] | null> {
  const localWrite = trace.strings.indexOf('localWrite');
  const steps: SyncReplayStep[] = [];
  const pending = new Map<string, Extract<SyncReplayStep, { kind: 'write' }>>();
  const end = Math.min(cursor, trace.length - 1);
  let limit = trace.length;
  const done = await forEachChunked(limit, job, (i) => {
    if (i > end && pending.size === 0) {
      limit = i;
      return;
    }
    if (i >= limit) return;
    const k = trace.kind[i];
    if (trace.e[i] < 0) return;
    const value = trace.values[trace.e[i]];
    if (k === KIND.engine && i <= end && trace.d[i] === localWrite) {
      const d = value as { swarmId?: string; stateKey?: string; version: number; clock: Clock };
      if (d.swarmId !== swarmId || d.stateKey !== key) return;
      const step = { kind: 'write' as const, agent: trace.a[i], t: trace.t[i], version: d.version, clock: d.clock };
      const write = { ...step, recorded: null };
      steps.push(write);
      pending.set(`${agentIds[trace.a[i]]} ${clockText(d.clock)}`, write);
    } else if (k === KIND.messageSent || (k === KIND.messageDelivered && i <= end)) {
      const versions = versionsOf(value, key, swarmId);
      if (versions.length === 0) return;
      if (k === KIND.messageSent) {
        for (const v of versions) {
          const at = `${v.agentId} ${clockText(v.metadata?.vectorClock)}`;
          const w = pending.get(at);
          if (w) {
            (w as { recorded: Version | null }).recorded = v;
            pending.delete(at);
          }
        }
        if (i > end) return;
      }
      const kind = k === KIND.messageSent ? ('sent' as const) : ('delivered' as const);
      const tag = trace.strings[trace.d[i]];
      steps.push({ kind, tag, from: trace.a[i], to: trace.b[i], t: trace.t[i], versions });
    }
  });
  return done ? steps : null;
}
