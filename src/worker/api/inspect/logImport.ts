/**
 * Reads a vector-clock log (JSON lines of `{ agent, clock, event, ... }`, as
 * ShiViz-style tools write them) into a space-time model. Unlike ShiViz it
 * never refuses a whole log: lines it cannot read, clocks with gaps and clocks
 * that go backwards are listed as problems, and everything else is drawn.
 * Messages are inferred from the clocks: when an agent's entry for another
 * agent grows, that agent's event with that count sent to it.
 */
import { checkLimit, ValidationError } from '../../../engine/core/errors';
import { MAX_LOG_CHARS } from './logFormats';
import { MAX_DIAGRAM_AGENTS } from './spaceTime';
import { DOT_LOCAL, DOT_RECEIVE, DOT_SEND, emptyModel, type LogProblem, type SpaceTimeModel } from './spaceTimeModel';

export { MAX_LOG_CHARS };
/** Events of one imported log. */
export const MAX_LOG_EVENTS = 20_000;

/** One event of an imported log, whatever its format. */
export interface LogEvent {
  line: number;
  agent: string;
  clock: Record<string, number>;
  event: string;
}

/** A clock as a log writes it: an object mapping agents to whole numbers ≥ 0. */
export function isClock(clock: unknown): clock is Record<string, number> {
  return (
    typeof clock === 'object' &&
    clock !== null &&
    !Array.isArray(clock) &&
    Object.values(clock).every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0)
  );
}

function readLine(text: string, line: number, problems: LogProblem[]): LogEvent | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    problems.push({ line, agent: '', message: `line ${line} is not JSON; skipped` });
    return null;
  }
  const o = raw as { agent?: unknown; clock?: unknown; event?: unknown };
  if (typeof o !== 'object' || o === null || typeof o.agent !== 'string' || o.agent === '') {
    problems.push({ line, agent: '', message: `line ${line} has no "agent"; skipped` });
    return null;
  }
  const clock = o.clock;
  if (!isClock(clock)) {
    problems.push({
      line,
      agent: o.agent,
      message: `line ${line}: "clock" must map agents to whole numbers ≥ 0; skipped`,
    });
    return null;
  }
  const event = typeof o.event === 'string' ? o.event : JSON.stringify(o.event ?? '');
  return { line, agent: o.agent, clock, event };
}

/** Per agent, the entries seen last, to spot gaps and clocks that go backwards. */
function checkClock(e: LogEvent, prev: Record<string, number>, problems: LogProblem[]): void {
  const own = e.clock[e.agent] ?? 0;
  const before = prev[e.agent] ?? 0;
  if (own > before + 1)
    problems.push({
      line: e.line,
      agent: e.agent,
      message: `gap: ${e.agent}'s own entry jumps from ${before} to ${own} at line ${e.line} (${own - before - 1} event${own - before - 1 === 1 ? '' : 's'} of ${e.agent} missing)`,
    });
  else if (own <= before)
    problems.push({
      line: e.line,
      agent: e.agent,
      message: `inconsistent: ${e.agent}'s own entry does not grow (${before} → ${own}) at line ${e.line}`,
    });
  for (const [k, v] of Object.entries(prev))
    if (k !== e.agent && (e.clock[k] ?? 0) < v)
      problems.push({
        line: e.line,
        agent: e.agent,
        message: `inconsistent: ${e.agent}'s entry for ${k} goes back from ${v} to ${e.clock[k] ?? 0} at line ${e.line}`,
      });
}

/**
 * The entries of `e`'s clock that grew, minus those already implied by another
 * grown entry's event (learnt transitively, not received directly).
 */
function directSenders(
  e: LogEvent,
  before: Record<string, number>,
  byCount: Map<string, number>,
  m: SpaceTimeModel,
  agentIds: string[],
): { k: string; v: number; from: number | undefined }[] {
  const grown = Object.entries(e.clock)
    .filter(([k, v]) => k !== e.agent && v > (before[k] ?? 0))
    .map(([k, v]) => ({ k, v, from: byCount.get(`${k}\u0000${v}`) }));
  const n = agentIds.length;
  const entryOf = (dot: number, k: string) => m.clocks[dot * n + agentIds.indexOf(k)];
  return grown.filter((c) => !grown.some((o) => o !== c && o.from !== undefined && entryOf(o.from, c.k) >= c.v));
}

/**
 * Every event holds a dense clock row (one entry per agent) and is checked
 * against every entry seen before: 20,000 agents were a 20,000 × 20,000 array
 * ("Invalid array length", a fatal crash in Node). A diagram draws at most
 * MAX_DIAGRAM_AGENTS lifelines, so a log naming more agents (as loggers or in
 * clocks) is refused, on the log's text, before anything is built.
 */
function refuseTooManyAgents(events: readonly LogEvent[]): void {
  const named = new Set<string>();
  for (const e of events) {
    named.add(e.agent);
    for (const k in e.clock) named.add(k);
    if (named.size > MAX_DIAGRAM_AGENTS)
      throw new ValidationError(
        'text',
        `names more than ${MAX_DIAGRAM_AGENTS} agents (by line ${e.line}); a space-time diagram draws at most ${MAX_DIAGRAM_AGENTS} lifelines`,
      );
  }
}

/**
 * Parses a JSON-lines log into a model; problems name the line and the agent.
 *
 * @example parseLog('{"agent":"a","clock":{"a":1},"event":"start"}').count // 1
 */
export function parseLog(text: string): SpaceTimeModel {
  checkLimit('MAX_LOG_CHARS', MAX_LOG_CHARS, text.length);
  const problems: LogProblem[] = [];
  const events: LogEvent[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    const e = readLine(raw, i + 1, problems);
    if (e) events.push(e);
  });
  return buildLogModel(events, problems);
}

/**
 * Draws read log events (in log order) as a model: clocks as written, messages
 * inferred from the clocks, gaps and inconsistencies added to `problems`.
 * Shared by every log format, so each reports the same problems the same way.
 */
export function buildLogModel(events: LogEvent[], problems: LogProblem[]): SpaceTimeModel {
  checkLimit('MAX_LOG_EVENTS', MAX_LOG_EVENTS, events.length);
  refuseTooManyAgents(events);
  const agentIds = [...new Set(events.map((e) => e.agent))];
  const m: SpaceTimeModel = { ...emptyModel('log', agentIds), problems };
  const n = agentIds.length;
  const col = new Map(agentIds.map((id, i) => [id, i]));
  const prev = new Map<string, Record<string, number>>();
  /** Dot of agent's event number k (its own clock entry). */
  const byCount = new Map<string, number>();
  const lamport = new Int32Array(n);
  for (const e of events) {
    const before = prev.get(e.agent) ?? {};
    checkClock(e, before, problems);
    const a = col.get(e.agent) as number;
    const d = m.count++;
    m.index.push(e.line);
    m.agent.push(a);
    m.t.push(e.line);
    m.type.push(DOT_LOCAL);
    m.label.push(e.event);
    for (const id of agentIds) m.clocks.push(e.clock[id] ?? 0);
    m.engineClock.push(e.clock);
    let l = lamport[a];
    for (const { k, v, from } of directSenders(e, before, byCount, m, agentIds)) {
      if (from === undefined) {
        problems.push({
          line: e.line,
          agent: e.agent,
          message: `missing event: line ${e.line} (${e.agent}) has seen ${k}'s event ${v}, which is not in the log`,
        });
        continue;
      }
      m.arrows.push({ from, to: d, toAgent: a, endT: e.line, dropped: false, duplicate: false, tag: '' });
      m.type[from] = DOT_SEND;
      m.type[d] = DOT_RECEIVE;
      l = Math.max(l, m.lamport[from]);
    }
    lamport[a] = l + 1;
    m.lamport.push(l + 1);
    byCount.set(`${e.agent}\u0000${e.clock[e.agent] ?? 0}`, d);
    prev.set(e.agent, { ...before, ...e.clock });
  }
  return m;
}
