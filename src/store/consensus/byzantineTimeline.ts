/**
 * The Byzantine matrix at the player's cursor: what each honest agent has
 * received (the owners' direct SENDs) and been delivered (reliable broadcast)
 * from whom, the flags it has raised and its decision, read from the trace.
 *
 * The index is built once per trace, in slices (../inspectors/chunked.ts), and
 * keeps, per cell, the trace position at which it filled; a cursor is then
 * answered without rereading the trace. It reads what the engine traces
 * (src/engine/consensus/reliableBroadcast.ts):
 * - an owner's SEND is a network message tagged `send:<vote>:<owner address>`
 *   from the owner; the first one delivered to an agent is what it received
 *   (its own vote it "receives" when it starts, the engine event `voteSent`);
 * - engine events `voteDelivered` (agent ← owner, vote), `flagged` (agent, suspect,
 *   `{ reason, ...evidence }`) and `decided` (agent, `{ decision }`); silence flags
 *   are traced at the end of the run;
 * - `agentCrashed` / `agentRecovered`: an agent down at the end that never decided is `crashed`.
 * At the last event the rows equal the engine's `records` (test/store/consensus/).
 */

import { bisectRight } from 'd3';
import type { AgentRecord, AgreementVerdict, FlagRecord } from '../../engine/consensus/reliableBroadcast';
import { KIND } from '../../engine/trace/events';
import type { TraceColumns } from '../../worker/protocol';
import { useStore } from '../index';
import { forEachChunked, type Job } from '../inspectors/chunked';

type Vote = 'for' | 'against' | 'abstain';
const VOTES: readonly Vote[] = ['for', 'against', 'abstain'];

/** A honest agent's row at a moment: the shape of the engine's `AgentRecord`, decision possibly `pending`. */
export interface MatrixRow {
  agentId: string;
  received: Record<string, Vote>;
  delivered: Record<string, Vote>;
  flags: FlagRecord[];
  /** `pending`: not decided yet at this moment (the run goes on). */
  decision: AgentRecord['decision'] | 'pending';
}

/** The matrix at one moment of the run. */
export interface ByzantineMoment {
  /** The last trace position whose change this moment includes (−1: before the first). */
  at: number;
  /** At (or past) the run's last event: what is missing now is missing for good. */
  atEnd: boolean;
  /** Honest agents, in the participants' order. */
  rows: MatrixRow[];
  receivedCells: number;
  deliveredCells: number;
  /** Honest agents that have approved or rejected. */
  decided: number;
  approved: number;
  rejected: number;
  /** Honest agents (rows) and cells of the matrix (rows × participants). */
  honest: number;
  cells: number;
  flags: number;
}

export interface ByzantineIndex {
  traceLength: number;
  /** Participants (the engine's local order, as in `records`). */
  n: number;
  ids: string[];
  honest: boolean[];
  /** Cell `a * n + s` (agent a ← owner s): the trace position where it filled, −1 never; and the vote. */
  receivedAt: Int32Array;
  receivedVote: Uint8Array;
  deliveredAt: Int32Array;
  deliveredVote: Uint8Array;
  /** Per participant: the position of its decision (−1 none) and 1 approved / 2 rejected. */
  decidedAt: Int32Array;
  decision: Uint8Array;
  /** Per participant: positions where it crashed (even entries) and recovered (odd entries). */
  crashes: number[][];
  /** Flags raised by honest agents, in trace order. */
  flags: { index: number; by: number; flag: FlagRecord }[];
  /** Sorted trace positions where anything the matrix shows changes (the last event included). */
  changes: Int32Array;
}

interface Participants {
  ids: string[];
  honest: boolean[];
  /** Local index by network address (−1: not a participant). */
  localOf: Int32Array;
}

function participantsOf(records: readonly AgentRecord[], idsByAddress: readonly string[]): Participants {
  const local = new Map(records.map((r, p) => [r.agentId, p]));
  const localOf = new Int32Array(idsByAddress.length).fill(-1);
  idsByAddress.forEach((id, addr) => {
    localOf[addr] = local.get(id) ?? -1;
  });
  return { ids: records.map((r) => r.agentId), honest: records.map((r) => r.honest), localOf };
}

/** One pass over the trace, event by event, so that it can run in slices. */
function indexer(trace: TraceColumns, parts: Participants) {
  const n = parts.ids.length;
  const { localOf, honest } = parts;
  const localAt = (addr: number) => (addr >= 0 && addr < localOf.length ? localOf[addr] : -1);
  // Per interned string: a SEND tag's owner (local) and vote, or −1; the engine event names we read.
  const strings = trace.strings;
  const sendOwner = new Int32Array(strings.length).fill(-1);
  const sendVote = new Uint8Array(strings.length);
  const NAME = { voteSent: 1, voteDelivered: 2, flagged: 3, decided: 4 } as const;
  const nameCode = new Uint8Array(strings.length);
  strings.forEach((s, k) => {
    // What a SEND carries is in its tag's meaning (given by the engine): no tag string is parsed.
    const meaning = trace.tagMeanings[k];
    if (meaning?.phase === 'send' && meaning.owner !== undefined && meaning.vote !== undefined) {
      sendOwner[k] = localAt(meaning.owner);
      sendVote[k] = VOTES.indexOf(meaning.vote);
    }
    if (s in NAME) nameCode[k] = NAME[s as keyof typeof NAME];
  });
  const idx: ByzantineIndex = {
    traceLength: trace.length,
    n,
    ids: parts.ids,
    honest: parts.honest,
    receivedAt: new Int32Array(n * n).fill(-1),
    receivedVote: new Uint8Array(n * n),
    deliveredAt: new Int32Array(n * n).fill(-1),
    deliveredVote: new Uint8Array(n * n),
    decidedAt: new Int32Array(n).fill(-1),
    decision: new Uint8Array(n),
    crashes: Array.from({ length: n }, () => []),
    flags: [],
    changes: new Int32Array(0),
  };
  const changes: number[] = [];
  const fill = (at: Int32Array, votes: Uint8Array, cell: number, vote: number, i: number) => {
    if (at[cell] >= 0 || vote < 0) return;
    at[cell] = i;
    votes[cell] = vote;
    changes.push(i);
  };
  const detailOf = (i: number) =>
    (trace.e[i] >= 0 ? trace.values[trace.e[i]] : undefined) as Record<string, unknown> | undefined;
  const visit = (i: number) => {
    const kind = trace.kind[i];
    if (kind === KIND.messageDelivered) {
      const s = sendOwner[trace.d[i]];
      if (s < 0) return;
      const a = localAt(trace.b[i]);
      // Only the owner itself can SEND its vote; the first SEND an agent gets is what it keeps.
      if (a < 0 || !honest[a] || localAt(trace.a[i]) !== s) return;
      fill(idx.receivedAt, idx.receivedVote, a * n + s, sendVote[trace.d[i]], i);
    } else if (kind === KIND.engine) {
      const code = nameCode[trace.d[i]];
      if (code === 0) return;
      const a = localAt(trace.a[i]);
      if (a < 0 || !honest[a]) return;
      const detail = detailOf(i);
      if (code === NAME.voteSent) {
        // An honest agent handles its own SEND at once when it starts broadcasting.
        fill(idx.receivedAt, idx.receivedVote, a * n + a, VOTES.indexOf(detail?.vote as Vote), i);
      } else if (code === NAME.voteDelivered) {
        const s = localAt(trace.b[i]);
        if (s >= 0) fill(idx.deliveredAt, idx.deliveredVote, a * n + s, VOTES.indexOf(detail?.vote as Vote), i);
      } else if (code === NAME.decided) {
        const d = detail?.decision === 'approved' ? 1 : detail?.decision === 'rejected' ? 2 : 0;
        if (d === 0 || idx.decidedAt[a] >= 0) return;
        idx.decidedAt[a] = i;
        idx.decision[a] = d;
        changes.push(i);
      } else if (code === NAME.flagged) {
        const who = localAt(trace.b[i]);
        if (who < 0) return;
        const { reason, ...evidence } = detail ?? {};
        idx.flags.push({
          index: i,
          by: a,
          flag: { agentId: parts.ids[who], reason: reason as FlagRecord['reason'], evidence },
        });
        changes.push(i);
      }
    } else if (kind === KIND.agentCrashed || kind === KIND.agentRecovered) {
      const a = localAt(trace.a[i]);
      const list = a >= 0 ? idx.crashes[a] : undefined;
      // Even entries are crashes, odd ones recoveries; repeated events of the same kind change nothing.
      if (!list || (list.length % 2 === 0) !== (kind === KIND.agentCrashed)) return;
      list.push(i);
      changes.push(i);
    }
  };
  const finish = (): ByzantineIndex => {
    if (trace.length > 0) changes.push(trace.length - 1);
    idx.changes = Int32Array.from(changes);
    return idx;
  };
  return { visit, finish };
}

/** Builds the index in one go (tests, small traces). */
export function buildByzantineIndex(
  trace: TraceColumns,
  records: readonly AgentRecord[],
  idsByAddress: readonly string[],
): ByzantineIndex {
  const { visit, finish } = indexer(trace, participantsOf(records, idsByAddress));
  for (let i = 0; i < trace.length; i++) visit(i);
  return finish();
}

/** Builds the index in slices of at most a few ms; null when cancelled. */
export async function buildByzantineIndexSliced(
  trace: TraceColumns,
  records: readonly AgentRecord[],
  idsByAddress: readonly string[],
  job: Job,
): Promise<ByzantineIndex | null> {
  const { visit, finish } = indexer(trace, participantsOf(records, idsByAddress));
  const done = await forEachChunked(trace.length, job, visit);
  return done ? finish() : null;
}

/** Number of entries of a sorted array that are ≤ x. */
const countAtOrBefore = (sorted: ArrayLike<number>, x: number): number => bisectRight(sorted, x);

const lastMoment = new WeakMap<ByzantineIndex, ByzantineMoment>();

/**
 * The matrix after event `cursor` (inclusive). Cheap between changes: the same
 * object comes back until the cursor crosses an event that changes the matrix.
 */
export function byzantineAt(index: ByzantineIndex, cursor: number): ByzantineMoment {
  const k = countAtOrBefore(index.changes, cursor);
  const at = k > 0 ? index.changes[k - 1] : -1;
  const cached = lastMoment.get(index);
  if (cached && cached.at === at) return cached;
  const moment = momentAt(index, at);
  lastMoment.set(index, moment);
  return moment;
}

function momentAt(index: ByzantineIndex, at: number): ByzantineMoment {
  const { n, ids } = index;
  const atEnd = at >= index.traceLength - 1;
  const rows: MatrixRow[] = [];
  const rowOf = new Map<number, MatrixRow>();
  let receivedCells = 0;
  let deliveredCells = 0;
  let approved = 0;
  let rejected = 0;
  for (let a = 0; a < n; a++) {
    if (!index.honest[a]) continue;
    const received: Record<string, Vote> = {};
    const delivered: Record<string, Vote> = {};
    for (let s = 0; s < n; s++) {
      const c = a * n + s;
      const r = index.receivedAt[c];
      if (r >= 0 && r <= at) {
        received[ids[s]] = VOTES[index.receivedVote[c]];
        receivedCells++;
      }
      const d = index.deliveredAt[c];
      if (d >= 0 && d <= at) {
        delivered[ids[s]] = VOTES[index.deliveredVote[c]];
        deliveredCells++;
      }
    }
    let decision: MatrixRow['decision'];
    const t = index.decidedAt[a];
    if (t >= 0 && t <= at) {
      decision = index.decision[a] === 1 ? 'approved' : 'rejected';
      if (decision === 'approved') approved++;
      else rejected++;
    } else if (countAtOrBefore(index.crashes[a], at) % 2 === 1) decision = 'crashed';
    else decision = atEnd ? 'undecided' : 'pending';
    const row: MatrixRow = { agentId: ids[a], received, delivered, flags: [], decision };
    rows.push(row);
    rowOf.set(a, row);
  }
  let flags = 0;
  for (const f of index.flags) {
    if (f.index > at) break;
    rowOf.get(f.by)?.flags.push(f.flag);
    flags++;
  }
  return {
    at,
    atEnd,
    rows,
    receivedCells,
    deliveredCells,
    decided: approved + rejected,
    approved,
    rejected,
    honest: rows.length,
    cells: rows.length * n,
    flags,
  };
}

/**
 * Whether the run's agreement verdict can be shown at this moment: a disagreement
 * once both witnesses have decided; an agreement once every honest agent that
 * decides has decided. At the end it always shows.
 */
export function verdictVisible(moment: ByzantineMoment, agreement: AgreementVerdict): boolean {
  if (moment.atEnd) return true;
  const decision = new Map(moment.rows.map((r) => [r.agentId, r.decision]));
  const w = agreement.witnesses;
  if (!agreement.agreed && w)
    return decision.get(w.approvedBy) === 'approved' && decision.get(w.rejectedBy) === 'rejected';
  return moment.decided >= agreement.approved.length + agreement.rejected.length;
}

// The one index the app keeps: for the current trace and records, built in slices.
let job: Job = { cancelled: false };
let builtFor: { trace: TraceColumns; records: readonly AgentRecord[] } | null = null;
let built: ByzantineIndex | null = null;

/** Agent ids by network address for the last run, as the run named them. */
function idsByAddress(): string[] {
  return useStore.getState().summary?.agentIds ?? [];
}

/** The index for this trace and these records, if it is built. */
export function byzantineIndexOf(
  trace: TraceColumns | null,
  records: readonly AgentRecord[] | undefined,
): ByzantineIndex | null {
  return trace && records && builtFor?.trace === trace && builtFor.records === records ? built : null;
}

/**
 * Builds the index for the store's current trace (a Byzantine run's records
 * given), in slices; a newer call cancels an older build. `onDone` runs when it is ready.
 */
export async function ensureByzantineIndex(
  records: readonly AgentRecord[],
  onDone: () => void,
): Promise<ByzantineIndex | null> {
  const { trace } = useStore.getState();
  if (!trace) return null;
  const ready = byzantineIndexOf(trace, records);
  if (ready) return ready;
  job.cancelled = true;
  const mine: Job = { cancelled: false };
  job = mine;
  const index = await buildByzantineIndexSliced(trace, records, idsByAddress(), mine);
  if (!index || mine.cancelled) return null;
  builtFor = { trace, records };
  built = index;
  onDone();
  return index;
}
