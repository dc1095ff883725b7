/**
 * The inspectors' actions: the only place where their worker calls start and
 * their results enter the store (as in ../actions.ts). Long loops over the
 * trace run in slices (./chunked.ts).
 */
import { KIND } from '../../engine/trace/events';
import type { ReplayStep, ShiVizOptions, TraceWindow } from '../../worker/api/inspect';
import type { TraceColumns } from '../../worker/protocol';
import { useStore } from '../index';
import { forEachChunked, type Job } from './chunked';
import { inspectClient } from './inspectClient';
import type { LogFilter, MergeStrategy, VersionDraft } from './inspectorSlice';
import { matcher } from './logRows';
import { syncKeys, syncReplaySteps } from './syncSteps';
import { parseDrafts } from './versionDrafts';

/** Trace events the space-time diagram shows at once (a window around the cursor). */
export const DIAGRAM_WINDOW = 4_000;

let filterJob: Job = { cancelled: false };
let lamportJob: Job = { cancelled: false };
let lamportFor: TraceColumns | null = null;
let lamport: Int32Array | null = null;

/** Agent ids by network index, as the last run named them (the drawn swarm's before any run). */
export function agentIds(): string[] {
  const { topology, summary } = useStore.getState();
  return summary?.agentIds ?? topology?.agents.map((a) => a.id) ?? [];
}

/** Re-filters the log; the rows arrive when the last slice is done, progress on the way. */
export async function setLogFilter(patch: Partial<LogFilter>): Promise<void> {
  filterJob.cancelled = true;
  const job: Job = { cancelled: false };
  filterJob = job;
  const filter = { ...useStore.getState().logFilter, ...patch };
  const { trace } = useStore.getState();
  if (!trace || (filter.agent < 0 && filter.kind === '' && filter.text.trim() === '')) {
    useStore.setState({ logFilter: filter, logRows: null, logProgress: 1 });
    return;
  }
  useStore.setState({ logFilter: filter, logProgress: 0 });
  const keep = matcher(trace, agentIds(), filter);
  let out = new Int32Array(1024);
  let count = 0;
  const done = await forEachChunked(
    trace.length,
    job,
    (i) => {
      if (!keep(i)) return;
      if (count === out.length) {
        const next = new Int32Array(out.length * 2);
        next.set(out);
        out = next;
      }
      out[count++] = i;
    },
    (n) => {
      if (!job.cancelled) useStore.setState({ logProgress: n / trace.length });
    },
  );
  if (done) useStore.setState({ logRows: out.slice(0, count), logProgress: 1 });
}

/** Lamport clocks of every event (sends tick, deliveries take the max), computed once per trace in slices. */
export async function ensureLamport(trace: TraceColumns, onDone: () => void): Promise<Int32Array | null> {
  if (lamportFor === trace) return lamport;
  lamportJob.cancelled = true;
  const job: Job = { cancelled: false };
  lamportJob = job;
  const out = new Int32Array(trace.length);
  const agents = new Map<number, number>();
  const sent = new Map<number, number>();
  const done = await forEachChunked(trace.length, job, (i) => {
    const k = trace.kind[i];
    const at = k === KIND.messageDelivered ? trace.b[i] : trace.a[i];
    if (at < 0) return;
    let l = (agents.get(at) ?? 0) + 1;
    if (k === KIND.messageDelivered) l = Math.max(l, (sent.get(trace.c[i]) ?? 0) + 1);
    if (k === KIND.messageSent) sent.set(trace.c[i], l);
    agents.set(at, l);
    out[i] = l;
  });
  if (!done) return null;
  lamportFor = trace;
  lamport = out;
  onDone();
  return out;
}

export function lamportOf(trace: TraceColumns | null): Int32Array | null {
  return trace && lamportFor === trace ? lamport : null;
}

/** The window of trace events around `center` that the diagram draws, with payload values remapped. */
export function traceWindow(trace: TraceColumns, center: number, size = DIAGRAM_WINDOW): TraceWindow {
  const start = Math.max(0, Math.min(trace.length - size, center - (size >> 1)));
  const end = Math.min(trace.length, start + size);
  const e = trace.e.slice(start, end);
  const values: unknown[] = [];
  for (let i = 0; i < e.length; i++) {
    const k = trace.kind[start + i];
    const carries =
      k === KIND.messageSent || k === KIND.messageDelivered || k === KIND.engine || k === KIND.partitionChanged;
    if (carries && e[i] >= 0) {
      values.push(trace.values[e[i]]);
      e[i] = values.length - 1;
    }
  }
  return {
    length: end - start,
    hash: trace.hash,
    kind: trace.kind.slice(start, end),
    t: trace.t.slice(start, end),
    a: trace.a.slice(start, end),
    b: trace.b.slice(start, end),
    c: trace.c.slice(start, end),
    d: trace.d.slice(start, end),
    e,
    strings: trace.strings,
    tagMeanings: trace.tagMeanings,
    values,
    firstIndex: start,
    omitted: trace.length - (end - start),
  };
}

let diagramToken = 0;

/** Rebuilds the diagram of the run around the cursor (in the worker). */
export async function loadDiagram(): Promise<void> {
  const { trace, cursor } = useStore.getState();
  const token = ++diagramToken;
  if (!trace) {
    useStore.setState({ diagram: null, diagramError: null });
    return;
  }
  const window = traceWindow(trace, Math.max(0, cursor));
  try {
    const out = await inspectClient.spaceTime(window, agentIds());
    if (token !== diagramToken) return;
    if (out.ok) useStore.setState({ diagram: out.value, diagramError: null });
    else useStore.setState({ diagram: null, diagramError: out.message });
  } catch (error) {
    if (token === diagramToken) useStore.setState({ diagramError: String(error) });
  }
}

/** Reads a hand-written or exported clock log (JSON lines) and shows it on the diagram. */
export async function importLog(text: string): Promise<void> {
  const out = await inspectClient.parseLog(text);
  showImported(out);
}

/** Reads a ShiViz text log with the user's regexes (in the worker); a bad regex comes back as a field issue. */
export async function importShiViz(text: string, options: ShiVizOptions): Promise<void> {
  const out = await inspectClient.parseShiVizLog(text, options);
  showImported(out);
}

let shivizCheckToken = 0;

/** Checks the ShiViz regexes as they are typed, so a mistake shows next to its field before drawing. */
export async function checkShiViz(options: ShiVizOptions): Promise<void> {
  const token = ++shivizCheckToken;
  const out = await inspectClient.checkShiViz(options);
  if (token !== shivizCheckToken) return;
  useStore.setState(
    out.ok ? { logImportIssues: [], logImportError: null } : { logImportIssues: out.issues, logImportError: null },
  );
}

function showImported(out: Awaited<ReturnType<typeof inspectClient.parseLog>>): void {
  if (out.ok)
    useStore.setState({
      importedLog: out.value,
      diagramSource: 'log',
      inspectedEvent: -1,
      comparedEvent: -1,
      logImportIssues: [],
      logImportError: null,
      diagramError: null,
    });
  else useStore.setState({ logImportIssues: out.issues, logImportError: out.message });
}

let mergeToken = 0;

/** Resolves the inspector's versions with the chosen strategy, and with all three for the comparison. */
export async function resolveMerge(): Promise<void> {
  const s = useStore.getState();
  const token = ++mergeToken;
  const versions =
    s.mergeSource === 'run' && s.replicaRows
      ? s.replicaRows.filter((r) => r.valueRecorded !== false).map((r) => r.version)
      : parseDrafts(s.mergeDrafts, s.mergeStateKey);
  if (!Array.isArray(versions)) {
    useStore.setState({
      mergeOutcome: { ok: false, message: versions.message, issues: versions.issues },
      mergeCompare: null,
    });
    return;
  }
  // The teaching toggle delivers agent-1's version a second time, exactly as a duplicated message would.
  const dup = s.mergeDuplicate ? versions.filter((v) => v.agentId === 'agent-1').slice(0, 1) : [];
  const input = [...versions, ...dup];
  const crdtType = s.mergeCrdt === 'auto' ? undefined : s.mergeCrdt;
  const request = { stateKey: s.mergeStateKey, versions: input, crdtType };
  const [outcome, compare] = await Promise.all([
    inspectClient.resolveVersions({ ...request, strategy: s.mergeStrategy }),
    inspectClient.compareStrategies(request),
  ]);
  if (token !== mergeToken) return;
  useStore.setState({ mergeOutcome: outcome, mergeCompare: compare, mergeFrame: 0 });
}

/** Changes the inspector's inputs and resolves again. */
export function editMerge(
  patch: Partial<{
    mergeDrafts: VersionDraft[];
    mergeStrategy: MergeStrategy;
    mergeCrdt: ReturnType<typeof useStore.getState>['mergeCrdt'];
    mergeDuplicate: boolean;
    mergeStateKey: string;
    mergeSource: 'hand' | 'run';
  }>,
): Promise<void> {
  useStore.setState(patch);
  if (patch.mergeSource === 'run') return loadReplicas();
  return resolveMerge();
}

/** Local operations and delivered states up to the cursor, for replaying the replicas. */
export function replaySteps(trace: TraceColumns, cursor: number): ReplayStep[] {
  const steps: ReplayStep[] = [];
  const localWrite = trace.strings.indexOf('localWrite');
  for (let i = 0; i <= cursor && i < trace.length; i++) {
    const k = trace.kind[i];
    if (k === KIND.engine && trace.d[i] === localWrite && trace.e[i] >= 0) {
      const detail = trace.values[trace.e[i]] as { op: unknown; clock?: Record<string, number> };
      steps.push({ kind: 'op', agent: trace.a[i], t: trace.t[i], op: detail.op, clock: detail.clock });
    } else if (k === KIND.messageSent && trace.e[i] >= 0) {
      const payload = trace.values[trace.e[i]] as { clock?: Record<string, number> } | undefined;
      // One tick per sync, however many peers the message goes to.
      const last = steps.at(-1);
      const repeat = last?.kind === 'tick' && last.agent === trace.a[i] && last.t === trace.t[i];
      if (payload?.clock && !repeat)
        steps.push({ kind: 'tick', agent: trace.a[i], t: trace.t[i], clock: payload.clock });
    } else if (k === KIND.messageDelivered && trace.e[i] >= 0) {
      const payload = trace.values[trace.e[i]] as { state?: unknown; clock?: Record<string, number> } | undefined;
      if (!payload?.state) continue;
      // The receiver's clock after the merge is on the engine event that follows the delivery.
      const next =
        trace.kind[i + 1] === KIND.engine
          ? (trace.values[trace.e[i + 1]] as { clock?: Record<string, number> })
          : undefined;
      steps.push({
        kind: 'merge',
        agent: trace.b[i],
        from: trace.a[i],
        t: trace.t[i],
        state: payload.state,
        clock: next?.clock,
      });
    }
  }
  return steps;
}

let replicaToken = 0;
let replicaJob: Job = { cancelled: false };
let keysFor: TraceColumns | null = null;

/** The run's replicas at the cursor (a replicated-state or a sync run), then the resolution of their versions. */
export async function loadReplicas(): Promise<void> {
  const { trace, cursor, summary } = useStore.getState();
  const token = ++replicaToken;
  if (trace && summary?.runKind === 'sync') return loadSyncReplicas(trace, cursor, summary.result.swarmId, token);
  if (!trace || summary?.runKind !== 'replicated-state') {
    useStore.setState({
      replicaRows: null,
      syncKeys: null,
      replicaNote: null,
      replicaError: 'Run a replicated-state or sync scenario to inspect its replicas.',
    });
    return;
  }
  const crdtType = summary.result.crdtType;
  const steps = replaySteps(trace, cursor);
  const out = await inspectClient.replayReplicas(crdtType, useStore.getState().mergeStateKey, agentIds(), steps);
  if (token !== replicaToken) return;
  if (out.ok) {
    useStore.setState({
      replicaRows: out.value,
      replicaError: null,
      syncKeys: null,
      replicaNote: null,
      mergeCrdt: crdtType,
      mergeStrategy: 'crdt',
    });
    await resolveMerge();
  } else useStore.setState({ replicaRows: null, replicaError: out.message });
}

/** Picks a sync run's state key, then shows the replicas' versions of it at the cursor. */
export function pickSyncKey(key: string): Promise<void> {
  useStore.setState({ mergeStateKey: key });
  return loadReplicas();
}

/** A sync run's key at the cursor: the trace is scanned here in slices, the replicas rebuilt in the worker. */
async function loadSyncReplicas(trace: TraceColumns, cursor: number, swarmId: string, token: number): Promise<void> {
  replicaJob.cancelled = true;
  const job: Job = { cancelled: false };
  replicaJob = job;
  if (keysFor !== trace) {
    const keys = await syncKeys(trace, swarmId, job);
    if (!keys || token !== replicaToken) return;
    const sorted = [...keys.keys()].sort();
    // Open on a key written more than once (a changed key), where replicas can differ.
    const changed = sorted.find((k) => (keys.get(k) ?? 0) > 1) ?? sorted[0] ?? '';
    const current = useStore.getState().mergeStateKey;
    useStore.setState({ syncKeys: sorted, mergeStateKey: keys.has(current) ? current : changed });
    keysFor = trace;
  }
  const key = useStore.getState().mergeStateKey;
  if (!useStore.getState().syncKeys?.includes(key)) {
    useStore.setState({ replicaRows: null, replicaNote: null, replicaError: `No agent wrote “${key}” in this run.` });
    return;
  }
  const ids = agentIds();
  const steps = await syncReplaySteps(trace, cursor, key, swarmId, ids, job);
  if (!steps || token !== replicaToken) return;
  const strategy = ((useStore.getState().scenario as { run?: { strategy?: string } }).run?.strategy ??
    'lww') as MergeStrategy;
  const out = await inspectClient.replaySyncReplicas({ stateKey: key, swarmId, strategy, agentIds: ids, steps });
  if (token !== replicaToken) return;
  if (!out.ok) {
    useStore.setState({ replicaRows: null, replicaNote: null, replicaError: out.message });
    return;
  }
  const unrecorded = out.value.rows.filter((r) => r.valueRecorded === false).map((r) => r.agentId);
  const notes = [
    out.value.without.length > 0 ? `${listAgents(out.value.without)} hold no version of ${key} yet.` : '',
    unrecorded.length > 0
      ? `${listAgents(unrecorded)}: the value was written but no message in the trace carries it, so it is left out of the merge.`
      : '',
  ].filter((x) => x !== '');
  useStore.setState({ replicaRows: out.value.rows, replicaError: null, replicaNote: notes.join(' ') || null });
  await resolveMerge();
}

function listAgents(ids: string[]): string {
  return ids.length <= 6 ? ids.join(', ') : `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more`;
}

/** Measures full, delta and version-query on the current scenario (sync runs). */
export async function loadSyncCosts(): Promise<void> {
  const { scenario } = useStore.getState();
  useStore.setState({ syncCosts: null, syncCostsError: null });
  const out = await inspectClient.syncModeCosts(scenario);
  if (out.ok) useStore.setState({ syncCosts: out.value });
  else useStore.setState({ syncCostsError: out.message });
}
