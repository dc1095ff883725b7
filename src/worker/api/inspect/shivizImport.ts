/**
 * Reads ShiViz's text log format: the user's parser regex (named groups
 * `host`, `clock` — a JSON vector clock — and `event`) is matched over the
 * whole log, and an optional delimiter regex cuts it into executions (a
 * `trace` group in the delimiter names each one). ShiViz refuses a log with
 * unreadable text or broken clocks; here each is a listed problem and the rest
 * is drawn, with the same gap and inconsistency reports as the JSON-lines log.
 */
import { check, checkLimit, LimitError, ValidationError } from '../../../engine/core/errors';
import { MAX_LOG_CHARS } from './logFormats';
import { buildLogModel, isClock, type LogEvent, MAX_LOG_EVENTS } from './logImport';
import type { LogProblem, SpaceTimeModel } from './spaceTimeModel';

export { DEFAULT_SHIVIZ_PARSER } from './logFormats';
/** Characters of a parser or delimiter regex. */
export const MAX_SHIVIZ_REGEX_CHARS = 2_000;
/** Executions one log may hold. */
export const MAX_SHIVIZ_EXECUTIONS = 1_000;

export interface ShiVizOptions {
  /** The parser regex, with named groups host, clock and event. */
  parser: string;
  /** Separates executions; a `trace` named group labels the execution that follows. Empty = one execution. */
  delimiter?: string;
  /** Which execution to draw (index into the labels the model lists; default 0). */
  execution?: number;
}

/** The named groups a regex declares (matching the empty alternative leaves every group undefined). */
function groupNames(re: RegExp): string[] {
  const probe = new RegExp(`(?:${re.source})|`, re.flags.replace('g', ''));
  return Object.keys(probe.exec('')?.groups ?? {});
}

function compile(source: string, field: 'parser' | 'delimiter', needs: readonly string[]): RegExp {
  check(typeof source === 'string' && source !== '', field, 'must not be empty');
  check(
    source.length <= MAX_SHIVIZ_REGEX_CHARS,
    field,
    `must be at most ${MAX_SHIVIZ_REGEX_CHARS} characters (MAX_SHIVIZ_REGEX_CHARS)`,
  );
  let re: RegExp;
  try {
    re = new RegExp(source, 'gm');
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    throw new ValidationError(field, `is not a valid regular expression (${why})`);
  }
  const names = groupNames(re);
  const missing = needs.filter((g) => !names.includes(g));
  if (missing.length > 0)
    throw new ValidationError(
      field,
      `needs the named groups ${needs.map((g) => `(?<${g}>…)`).join(', ')}; missing: ${missing.join(', ')}`,
    );
  return re;
}

/**
 * Checks the parser and delimiter regexes, throwing a ValidationError naming
 * the field (`parser` or `delimiter`).
 * @example checkShiVizOptions({ parser: '(?<host>\\S+)' }) // throws: parser needs … missing: clock, event
 */
export function checkShiVizOptions(options: ShiVizOptions): { parser: RegExp; delimiter: RegExp | null } {
  const parser = compile(options.parser, 'parser', ['host', 'clock', 'event']);
  const delimiter = options.delimiter ? compile(options.delimiter, 'delimiter', []) : null;
  return { parser, delimiter };
}

interface Execution {
  label: string;
  start: number;
  end: number;
}

/** ShiViz's split: text between delimiters; blank pieces are dropped, labels come from the `trace` group. */
function executions(text: string, delimiter: RegExp | null): Execution[] {
  if (!delimiter) return [{ label: '', start: 0, end: text.length }];
  const out: Execution[] = [];
  let label = '';
  let start = 0;
  delimiter.lastIndex = 0;
  for (let m = delimiter.exec(text); m; m = delimiter.exec(text)) {
    if (m[0].length === 0) {
      delimiter.lastIndex++;
      continue;
    }
    if (text.slice(start, m.index).trim() !== '') out.push({ label, start, end: m.index });
    label = m.groups?.trace ?? '';
    start = m.index + m[0].length;
    checkLimit('MAX_SHIVIZ_EXECUTIONS', MAX_SHIVIZ_EXECUTIONS, out.length);
  }
  if (text.slice(start).trim() !== '') out.push({ label, start, end: text.length });
  return out.map((e, i) => ({ ...e, label: e.label || `execution ${i + 1}` }));
}

/** Counts lines as matches advance through the text (matches come in order). */
class LineCounter {
  private pos = 0;
  private line = 1;
  constructor(private readonly text: string) {}
  at(offset: number): number {
    for (; this.pos < offset; this.pos++) if (this.text.charCodeAt(this.pos) === 10) this.line++;
    return this.line;
  }
}

const preview = (s: string) => {
  const t = s.trim().replace(/\s+/g, ' ');
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
};

/** One match of the parser regex as a log event, or a problem naming its line. */
function readMatch(m: RegExpExecArray, line: number, problems: LogProblem[]): LogEvent | null {
  const g = m.groups ?? {};
  const host = g.host ?? '';
  if (host === '') {
    problems.push({ line, agent: '', message: `line ${line}: the host group matched nothing; skipped` });
    return null;
  }
  let clock: unknown;
  try {
    clock = JSON.parse(g.clock ?? '');
  } catch {
    problems.push({ line, agent: host, message: `line ${line}: the clock of ${host} is not JSON; skipped` });
    return null;
  }
  if (!isClock(clock)) {
    problems.push({
      line,
      agent: host,
      message: `line ${line}: the clock of ${host} must map hosts to whole numbers ≥ 0; skipped`,
    });
    return null;
  }
  return { line, agent: host, clock, event: (g.event ?? '').trim() };
}

/** Matches the parser over one execution's text; text between matches that is not blank is a problem. */
function readExecution(text: string, ex: Execution, parser: RegExp, problems: LogProblem[]): LogEvent[] {
  const lines = new LineCounter(text);
  const body = text.slice(0, ex.end);
  const events: LogEvent[] = [];
  let pos = ex.start;
  const unread = (from: number, to: number) => {
    if (body.slice(from, to).trim() === '') return;
    const skip = from + (body.slice(from, to).length - body.slice(from, to).trimStart().length);
    const line = lines.at(skip);
    problems.push({
      line,
      agent: '',
      message: `line ${line}: the parser regex does not match "${preview(body.slice(from, to))}"; skipped`,
    });
  };
  parser.lastIndex = ex.start;
  for (let m = parser.exec(body); m; m = parser.exec(body)) {
    if (m[0].length === 0) {
      parser.lastIndex++;
      continue;
    }
    unread(pos, m.index);
    pos = m.index + m[0].length;
    const e = readMatch(m, lines.at(m.index), problems);
    if (e) events.push(e);
    checkLimit('MAX_LOG_EVENTS', MAX_LOG_EVENTS, events.length);
  }
  unread(pos, ex.end);
  return events;
}

/**
 * Parses a ShiViz-format log into a model of one execution (its labels are
 * listed in `executions`); problems name the line and, when known, the host.
 *
 * @example parseShiViz('start\na {"a":1}', { parser: DEFAULT_SHIVIZ_PARSER }).count // 1
 */
export function parseShiViz(text: string, options: ShiVizOptions): SpaceTimeModel {
  if (text.length > MAX_LOG_CHARS)
    // Named after the field, so the message shows next to the log text.
    throw Object.assign(new LimitError('MAX_LOG_CHARS', MAX_LOG_CHARS, text.length), { field: 'text' });
  const { parser, delimiter } = checkShiVizOptions(options);
  const all = executions(text, delimiter);
  const index = options.execution ?? 0;
  check(
    Number.isInteger(index) && index >= 0 && index < Math.max(1, all.length),
    'execution',
    `must be 0 to ${Math.max(0, all.length - 1)}`,
  );
  const problems: LogProblem[] = [];
  const events = all.length === 0 ? [] : readExecution(text, all[index], parser, problems);
  const model = buildLogModel(events, problems);
  return { ...model, executions: all.map((e) => e.label), execution: index };
}
