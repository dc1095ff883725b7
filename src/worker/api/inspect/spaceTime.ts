/**
 * Builds a space-time model from a window of a run's trace: one dot per send,
 * delivery, engine step and timer; arrows from send to delivery (drops end in a
 * cross, duplicates are drawn once per copy); crashes and partitions as shaded
 * intervals; vector and Lamport clocks computed from happened-before.
 */
import { checkLimit } from '../../../engine/core/errors';
import { DROP_REASONS, KIND, type PartitionDescription } from '../../../engine/trace/events';
import type { TraceColumns } from '../../../engine/trace/trace';
import { DOT_LOCAL, DOT_RECEIVE, DOT_SEND, DOT_TIMER, emptyModel, type SpaceTimeModel } from './spaceTimeModel';

/** Trace events one diagram holds (the window around the cursor). */
export const MAX_DIAGRAM_EVENTS = 20_000;
/** Lifelines one diagram draws. */
export const MAX_DIAGRAM_AGENTS = 256;

/** A window of a trace: the columns of events [firstIndex, firstIndex + length). */
export type TraceWindow = TraceColumns & { firstIndex: number; omitted: number };

interface Builder {
  m: SpaceTimeModel;
  n: number;
  vc: Int32Array[];
  lamport: Int32Array;
  sendDot: Map<number, number>;
  sendClock: Map<number, Int32Array>;
  sendLamport: Map<number, number>;
  delivered: Set<number>;
}

function addDot(b: Builder, i: number, w: TraceWindow, agent: number, type: number, label: string): number {
  const { m, n } = b;
  const own = b.vc[agent];
  own[agent]++;
  b.lamport[agent]++;
  const d = m.count++;
  m.index.push(w.firstIndex + i);
  m.agent.push(agent);
  m.t.push(w.t[i]);
  m.type.push(type);
  m.label.push(label);
  for (let k = 0; k < n; k++) m.clocks.push(own[k]);
  m.lamport.push(b.lamport[agent]);
  m.engineClock.push(null);
  return d;
}

function receive(b: Builder, msg: number, agent: number): void {
  const sent = b.sendClock.get(msg);
  if (!sent) return;
  const own = b.vc[agent];
  for (let k = 0; k < b.n; k++) if (sent[k] > own[k]) own[k] = sent[k];
  b.lamport[agent] = Math.max(b.lamport[agent], b.sendLamport.get(msg) ?? 0);
}

function engineClockOf(detail: unknown): Record<string, number> | null {
  const clock = (detail as { clock?: unknown } | null)?.clock;
  return clock && typeof clock === 'object' ? (clock as Record<string, number>) : null;
}

function partitionLabel(p: PartitionDescription, ids: string[]): string {
  const name = (g: number[]) => `{${g.map((a) => ids[a] ?? a).join(', ')}}`;
  const parts = [...p.groups.map(name), ...p.oneWay.map((o) => `${name(o.from)} ↛ ${name(o.to)}`)];
  return `partition ${parts.join(' | ')}`;
}

/**
 * The model of one trace window; `agentIds[i]` names network index i.
 *
 * @example buildSpaceTime({ ...trace.columns(), firstIndex: 0, omitted: 0 }, ['agent-1', 'agent-2']).arrows.length
 */
export function buildSpaceTime(w: TraceWindow, agentIds: string[]): SpaceTimeModel {
  checkLimit('MAX_DIAGRAM_EVENTS', MAX_DIAGRAM_EVENTS, w.length);
  checkLimit('MAX_DIAGRAM_AGENTS', MAX_DIAGRAM_AGENTS, agentIds.length);
  const n = agentIds.length;
  const b: Builder = {
    m: { ...emptyModel('trace', agentIds), firstIndex: w.firstIndex, omitted: w.omitted },
    n,
    vc: agentIds.map(() => new Int32Array(n)),
    lamport: new Int32Array(n),
    sendDot: new Map(),
    sendClock: new Map(),
    sendLamport: new Map(),
    delivered: new Set(),
  };
  const crashedAt = new Map<number, number>();
  let partition: { startT: number; label: string } | null = null;
  const endT = w.length > 0 ? w.t[w.length - 1] : 0;
  for (let i = 0; i < w.length; i++) {
    const kind = w.kind[i];
    const a = w.a[i];
    const tag = w.d[i] >= 0 ? w.strings[w.d[i]] : '';
    if (kind === KIND.messageSent && a >= 0 && a < n) {
      const d = addDot(b, i, w, a, DOT_SEND, tag);
      b.sendDot.set(w.c[i], d);
      b.sendClock.set(w.c[i], Int32Array.from(b.vc[a]));
      b.sendLamport.set(w.c[i], b.lamport[a]);
    } else if (kind === KIND.messageDelivered && w.b[i] >= 0 && w.b[i] < n) {
      const to = w.b[i];
      receive(b, w.c[i], to);
      const d = addDot(b, i, w, to, DOT_RECEIVE, tag);
      const from = b.sendDot.get(w.c[i]);
      const duplicate = b.delivered.has(w.c[i]);
      b.delivered.add(w.c[i]);
      if (from !== undefined)
        b.m.arrows.push({ from, to: d, toAgent: to, endT: w.t[i], dropped: false, duplicate, tag });
    } else if (kind === KIND.messageDropped) {
      const from = b.sendDot.get(w.c[i]);
      if (from !== undefined)
        b.m.arrows.push({
          from,
          to: -1,
          toAgent: w.b[i],
          endT: w.t[i],
          dropped: true,
          duplicate: false,
          tag,
          reason: DROP_REASONS[w.e[i]],
        });
    } else if (kind === KIND.engine && a >= 0 && a < n) {
      const d = addDot(b, i, w, a, DOT_LOCAL, tag);
      b.m.engineClock[d] = engineClockOf(w.e[i] >= 0 ? w.values[w.e[i]] : undefined);
    } else if (kind === KIND.timerFired && a >= 0 && a < n) addDot(b, i, w, a, DOT_TIMER, `timer ${w.c[i]}`);
    else if (kind === KIND.agentCrashed) crashedAt.set(a, w.t[i]);
    else if (kind === KIND.agentRecovered && crashedAt.has(a)) {
      b.m.intervals.push({ agent: a, startT: crashedAt.get(a) ?? 0, endT: w.t[i], kind: 'crash', label: 'crashed' });
      crashedAt.delete(a);
    } else if (kind === KIND.partitionChanged) {
      if (partition)
        b.m.intervals.push({
          agent: -1,
          startT: partition.startT,
          endT: w.t[i],
          kind: 'partition',
          label: partition.label,
        });
      const p = w.values[w.e[i]] as PartitionDescription;
      partition = p.groups.length || p.oneWay.length ? { startT: w.t[i], label: partitionLabel(p, agentIds) } : null;
    }
  }
  for (const [agent, startT] of crashedAt) b.m.intervals.push({ agent, startT, endT, kind: 'crash', label: 'crashed' });
  if (partition)
    b.m.intervals.push({ agent: -1, startT: partition.startT, endT, kind: 'partition', label: partition.label });
  return b.m;
}
