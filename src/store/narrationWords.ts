/**
 * One trace event in words, for the narration of the current moment (src/store/narration.ts).
 * Network events (messages, drops, relays, crashes, partitions) are worded here, the same for
 * every run kind; engine events are worded by their kind's `narrate` in the run catalogue.
 */
import { DROP_REASONS, type DropReason, KIND } from '../engine/trace/events';
import type { PartitionDescription, TraceColumns } from '../worker/protocol';

/**
 * A kind's wording of its engine events and messages (RunKindMeta.narrate). A message's detail is a
 * `MessageDetail`: with no `payload` key when the trace does not carry one (drops, duplicates), so
 * the kind must word it from its tag alone.
 */
export type Narrate = (name: string, detail: unknown, agent: string, peer: string | null) => string | null;

/** What the words need besides the trace: agent names and the kind's own wording. */
export interface Speaker {
  ids: readonly string[];
  narrate?: Narrate;
}

/** "agent-4", or "#12" for an address with no id (an imported trace), '' for none. */
export const nameOf = (speaker: Speaker, a: number): string => (a < 0 ? '' : (speaker.ids[a] ?? `#${a}`));

/** Up to `max` names, then "and N more": "agent-1, agent-2 and agent-3". */
export function listNames(names: readonly string[], max = 4): string {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length > max) return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The detail of `narrate('message', …)`: `payload` is absent when the event carries none. */
export interface MessageDetail {
  tag: string;
  payload?: unknown;
}

/** How far back a drop or duplicate looks for its message's send (which is most often just before it). */
const SEND_SCAN_MAX = 64;

const valueAt = (trace: TraceColumns, i: number): unknown => (trace.e[i] >= 0 ? trace.values[trace.e[i]] : undefined);
const tagAt = (trace: TraceColumns, i: number): string => (trace.d[i] >= 0 ? trace.strings[trace.d[i]] : '');

/** What a message carries, in words: the kind's, else a vote or order in its payload, else its tag. */
export function contentOf(speaker: Speaker, tag: string, payload: unknown, from: number, to: number): string {
  const detail: MessageDetail = payload === undefined ? { tag } : { tag, payload };
  const own = speaker.narrate?.('message', detail, nameOf(speaker, from), to < 0 ? null : nameOf(speaker, to));
  if (own) return own;
  const p = payload as Record<string, unknown> | undefined;
  const vote = p && typeof p === 'object' ? (p.vote ?? p.value ?? p.order) : undefined;
  if (typeof vote === 'string') return `'${vote}'`;
  return tag ? `a ${tag.replace(/[_-]/g, ' ')} message` : 'a message';
}

/**
 * The payload of message event `i`: its own for a send or delivery; for a drop or duplicate (which
 * carry none) the payload of its send, when that is near enough to find cheaply; else undefined.
 */
function payloadOf(trace: TraceColumns, i: number): unknown {
  const kind = trace.kind[i];
  if (kind === KIND.messageSent || kind === KIND.messageDelivered) return valueAt(trace, i);
  if (kind !== KIND.messageDropped && kind !== KIND.messageDuplicated) return undefined;
  const sent = origin(trace, i, trace.c[i], SEND_SCAN_MAX);
  return sent === null ? undefined : valueAt(trace, sent);
}

/** The content of event `i` (a message event), through the kind's words. */
export function messageContent(trace: TraceColumns, i: number, speaker: Speaker): string {
  return contentOf(speaker, tagAt(trace, i), payloadOf(trace, i), trace.a[i], trace.b[i]);
}

const DROP_WORDS: Record<DropReason, (what: string, from: string, to: string) => string> = {
  loss: (what, from, to) => `${from}'s ${what} to ${to} was lost on the way`,
  partition: (what, from, to) => `the partition stopped ${from}'s ${what} to ${to}`,
  crashed: (what, from, to) => `${from}'s ${what} to ${to} was dropped: ${to} had crashed`,
  'sender-crashed': (what, from, to) => `${from} had crashed: its ${what} to ${to} never left`,
  'no-route': (what, from, to) => `no route from ${from} to ${to}: no path of links, so the ${what} was dropped`,
  duplicate: (what, from, to) => `a duplicate copy of ${from}'s ${what} to ${to} was dropped`,
  silent: (what, from, to) => `${from} is silent: its ${what} to ${to} never left`,
};

/** A message's content as a noun after a possessive: "'for'" → "message 'for'", "the rumor" → "rumor". */
const noun = (content: string) => (content.startsWith("'") ? `message ${content}` : content.replace(/^(an?|the) /, ''));

/** Where routed message `msg` started and was going: its messageSent event before `i`, or null. */
function origin(trace: TraceColumns, i: number, msg: number, scanMax: number): number | null {
  for (let j = i - 1, seen = 0; j >= 0 && seen < scanMax; j--, seen++)
    if (trace.kind[j] === KIND.messageSent && trace.c[j] === msg) return j;
  return null;
}

/** A relay hop: "agent-2 relayed 'for' from agent-1 towards agent-5". */
export function relaySentence(trace: TraceColumns, i: number, speaker: Speaker, scanMax = 50_000): string {
  const relay = nameOf(speaker, trace.b[i]);
  const sent = origin(trace, i, trace.c[i], scanMax);
  if (sent === null) return `${relay} relayed a message from ${nameOf(speaker, trace.a[i])}`;
  const what = messageContent(trace, sent, speaker);
  return `${relay} relayed ${what} from ${nameOf(speaker, trace.a[sent])} towards ${nameOf(speaker, trace.b[sent])}`;
}

/** "{agent-1, agent-2} | the rest", "{agent-1} | {agent-2, agent-3}", or the heal. */
export function partitionSentence(p: PartitionDescription, speaker: Speaker): string {
  if (p.groups.length === 0 && p.oneWay.length === 0) return 'the partition healed: every agent can reach every other';
  const set = (g: readonly number[]) =>
    `{${listNames(
      g.map((a) => nameOf(speaker, a)),
      5,
    )}}`;
  const covered = p.groups.reduce((n, g) => n + g.length, 0);
  const parts: string[] = [];
  if (p.groups.length > 0) {
    const rest = covered < speaker.ids.length ? ' | the rest' : '';
    parts.push(`partition: ${p.groups.map(set).join(' | ')}${rest}`);
  }
  for (const cut of p.oneWay) parts.push(`one-way cut: ${set(cut.from)} cannot reach ${set(cut.to)}`);
  return parts.join('; ');
}

/** "voteSent" → "vote sent": an engine event no kind has words for. */
const eventWords = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** Event `i` as one sentence, or null when it is not worth saying (a timer, an event a kind leaves unsaid). */
export function eventSentence(trace: TraceColumns, i: number, speaker: Speaker): string | null {
  const from = nameOf(speaker, trace.a[i]);
  const to = nameOf(speaker, trace.b[i]);
  switch (trace.kind[i]) {
    case KIND.messageSent:
      return `${from} sent ${messageContent(trace, i, speaker)} to ${to}`;
    case KIND.messageDelivered:
      return `${to} received ${messageContent(trace, i, speaker)} from ${from}`;
    case KIND.messageDropped: {
      const reason = DROP_REASONS[trace.e[i]] ?? 'loss';
      return DROP_WORDS[reason](noun(messageContent(trace, i, speaker)), from, to);
    }
    case KIND.messageDuplicated:
      return `the network duplicated ${from}'s ${noun(messageContent(trace, i, speaker))} to ${to}`;
    case KIND.messageRelayed:
      return relaySentence(trace, i, speaker);
    case KIND.timerFired:
      return `${from}'s timer fired`;
    case KIND.agentCrashed:
      return `${from} crashed`;
    case KIND.agentRecovered:
      return `${from} recovered`;
    case KIND.partitionChanged:
      return partitionSentence(valueAt(trace, i) as PartitionDescription, speaker);
    case KIND.engine: {
      const name = tagAt(trace, i);
      const peer = trace.b[i] >= 0 ? to : null;
      const own = speaker.narrate ? speaker.narrate(name, valueAt(trace, i), from, peer) : undefined;
      if (own !== undefined) return own;
      return `${from ? `${from}: ` : ''}${eventWords(name)}${peer ? ` (${peer})` : ''}`;
    }
    default:
      return null;
  }
}
