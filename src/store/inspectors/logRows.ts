/**
 * What the message log shows for one trace event (kind, from, to, summary,
 * clock) and which events a filter keeps. Reads the columns directly; no
 * object per event is kept.
 */
import { DROP_REASONS, type DropReason, KIND, KIND_CODES } from '../../engine/trace/events';
import type { PartitionDescription, TraceColumns } from '../../worker/protocol';
import type { LogFilter } from './inspectorSlice';

const SUMMARY_CHARS = 120;

export function formatClockValue(clock: unknown): string {
  if (!clock || typeof clock !== 'object') return '';
  return `{${Object.entries(clock as Record<string, number>)
    .map(([k, v]) => `${k}:${v}`)
    .join(', ')}}`;
}

function short(value: unknown): string {
  if (value === undefined) return '';
  const text = JSON.stringify(value) ?? '';
  return text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS - 1)}…` : text;
}

export interface LogRow {
  index: number;
  t: number;
  kind: string;
  from: string;
  to: string;
  summary: string;
  clock: string;
}

/** The event's kind as the log names it (`engine:<name>` for engine steps). */
export function kindLabel(trace: TraceColumns, i: number): string {
  const k = trace.kind[i];
  return k === KIND.engine ? `engine:${trace.strings[trace.d[i]]}` : KIND_CODES[k];
}

function value(trace: TraceColumns, i: number): unknown {
  const k = trace.kind[i];
  const carries =
    k === KIND.messageSent || k === KIND.messageDelivered || k === KIND.engine || k === KIND.partitionChanged;
  return carries && trace.e[i] >= 0 ? trace.values[trace.e[i]] : undefined;
}

/** Agent name for a column value (−1 = none). */
const who = (ids: readonly string[], a: number) => (a >= 0 ? (ids[a] ?? `#${a}`) : '');

const NUMBERED = /^(.*?)(\d+)$/;

/** True when id `b` is the one numbered right after `a` (agent-4, agent-5). */
function follows(a: string, b: string): boolean {
  const x = NUMBERED.exec(a);
  const y = NUMBERED.exec(b);
  return x !== null && y !== null && x[1] === y[1] && Number(y[2]) === Number(x[2]) + 1;
}

/**
 * Agents by network address, named by their ids: three or more numbered one after another
 * read as a range, as the rest of the page writes them (“agent-4…agent-6”).
 * @example agentsInWords([3, 4, 5, 8], ids) // 'agent-4…agent-6, agent-9'
 */
export function agentsInWords(addresses: readonly number[], ids: readonly string[]): string {
  const names = [...addresses].sort((a, b) => a - b).map((a) => who(ids, a));
  const out: string[] = [];
  for (let i = 0; i < names.length; ) {
    let j = i;
    while (j + 1 < names.length && follows(names[j], names[j + 1])) j++;
    if (j - i >= 2) out.push(`${names[i]}…${names[j]}`);
    else out.push(...names.slice(i, j + 1));
    i = j + 1;
  }
  return out.join(', ');
}

/** A partition change in words, with agents named by id (the trace keeps their addresses). */
export function partitionWords(p: PartitionDescription, ids: readonly string[]): string {
  if (p.groups.length === 0 && p.oneWay.length === 0) return 'healed: every agent can reach every other again';
  const parts: string[] = [];
  if (p.groups.length > 0) {
    const grouped = new Set(p.groups.flat());
    const rest = ids.map((_, a) => a).filter((a) => !grouped.has(a));
    const groups = rest.length > 0 ? [...p.groups, rest] : p.groups;
    const named = groups.map((g) => agentsInWords(g, ids));
    parts.push(
      named.length === 2
        ? `partition: ${named[0]} cut off from ${named[1]}`
        : `partition into ${named.length} groups that cannot reach each other: ${named.join('; ')}`,
    );
  }
  for (const cut of p.oneWay)
    parts.push(`${agentsInWords(cut.from, ids)} can no longer reach ${agentsInWords(cut.to, ids)}`);
  return parts.join('; ');
}

/** Why a message was dropped, in words naming the agents at the two ends of the hop it was on. */
export function dropWords(reason: DropReason | string | undefined, from: string, to: string): string {
  switch (reason) {
    case 'loss':
      return `lost on the link from ${from} to ${to}`;
    case 'partition':
      return `cut off by the partition: ${from} cannot reach ${to}`;
    case 'crashed':
      return `not delivered: ${to} had crashed`;
    case 'sender-crashed':
      return `not sent: its sender, ${from}, had crashed`;
    case 'no-route':
      return `no path of links from ${from} to ${to}`;
    case 'duplicate':
      return `a second copy, dropped: ${to} had already passed this message on`;
    case 'silent':
      return `not sent: ${from} is silent and sends nothing`;
    default:
      return 'dropped';
  }
}

function summaryOf(trace: TraceColumns, i: number, ids: readonly string[]): string {
  const k = trace.kind[i];
  const tag = trace.d[i] >= 0 ? trace.strings[trace.d[i]] : '';
  const [from, to] = [who(ids, trace.a[i]), who(ids, trace.b[i])];
  if (k === KIND.messageDropped) return `${tag} — ${dropWords(DROP_REASONS[trace.e[i]], from, to)}`;
  if (k === KIND.timerFired) return `timer ${trace.c[i]}`;
  if (k === KIND.messageRelayed) return `${tag} — ${to} passes it on towards its receiver`;
  const v = value(trace, i);
  if (k === KIND.partitionChanged && v && typeof v === 'object' && 'groups' in v)
    return partitionWords(v as PartitionDescription, ids);
  const detail = v && typeof v === 'object' && 'clock' in v ? { ...(v as object), clock: undefined } : v;
  const text = short(detail);
  return k === KIND.engine ? text : [tag, text].filter(Boolean).join(' ');
}

/** One row of the log; `lamport` (when computed) gives the clock of events that carry none. */
export function logRow(trace: TraceColumns, i: number, ids: readonly string[], lamport: Int32Array | null): LogRow {
  const k = trace.kind[i];
  const engineClock = (value(trace, i) as { clock?: unknown } | undefined)?.clock;
  const messageLike = k <= KIND.messageDuplicated || k === KIND.messageRelayed;
  return {
    index: i,
    t: trace.t[i],
    kind: kindLabel(trace, i),
    from: who(ids, trace.a[i]),
    to: messageLike || k === KIND.engine ? who(ids, trace.b[i]) : '',
    summary: summaryOf(trace, i, ids),
    clock: engineClock ? formatClockValue(engineClock) : lamport ? `L${lamport[i]}` : '',
  };
}

/** A predicate for one filter (built once per filter run). */
export function matcher(trace: TraceColumns, ids: readonly string[], filter: LogFilter): (i: number) => boolean {
  const text = filter.text.trim().toLowerCase();
  const kindCode = KIND_CODES.indexOf(filter.kind as (typeof KIND_CODES)[number]);
  const engineName = filter.kind.startsWith('engine:') ? trace.strings.indexOf(filter.kind.slice(7)) : -2;
  // Strings are matched once per distinct string, not once per event.
  const stringHits = text ? trace.strings.map((s) => s.toLowerCase().includes(text)) : [];
  const agentHits = text ? ids.map((s) => s.toLowerCase().includes(text)) : [];
  return (i) => {
    if (filter.agent >= 0 && trace.a[i] !== filter.agent && trace.b[i] !== filter.agent) return false;
    if (kindCode >= 0 && trace.kind[i] !== kindCode) return false;
    if (engineName !== -2 && (trace.kind[i] !== KIND.engine || trace.d[i] !== engineName)) return false;
    if (!text) return true;
    if (trace.d[i] >= 0 && stringHits[trace.d[i]]) return true;
    if ((trace.a[i] >= 0 && agentHits[trace.a[i]]) || (trace.b[i] >= 0 && agentHits[trace.b[i]])) return true;
    if (KIND_CODES[trace.kind[i]].toLowerCase().includes(text)) return true;
    return summaryOf(trace, i, ids).toLowerCase().includes(text);
  };
}

/** Kinds offered by the kind filter: the fixed ones and every engine step name in the trace. */
export function kindChoices(trace: TraceColumns | null): string[] {
  if (!trace) return [];
  // Once per trace: a render that is interrupted and restarted (the player's frames do that) would
  // otherwise scan a 300,000-event trace again each time.
  const known = kindsByTrace.get(trace);
  if (known) return known;
  const engines = new Set<number>();
  for (let i = 0; i < trace.length; i++) if (trace.kind[i] === KIND.engine) engines.add(trace.d[i]);
  const kinds = [
    ...KIND_CODES.filter((k) => k !== 'engine'),
    ...[...engines].map((d) => `engine:${trace.strings[d]}`).sort(),
  ];
  kindsByTrace.set(trace, kinds);
  return kinds;
}
const kindsByTrace = new WeakMap<TraceColumns, string[]>();
