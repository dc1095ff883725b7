import { describe, expect, it } from 'vitest';
import { inspectApi } from '../../src/worker/api/inspect';
import { MAX_LOG_CHARS } from '../../src/worker/api/inspect/logFormats';
import { DEFAULT_SHIVIZ_PARSER } from '../../src/worker/api/inspect/shivizImport';

const jsonLines = [
  { agent: 'a', clock: { a: 1 }, event: 'send to b' },
  { agent: 'b', clock: { a: 1, b: 1 }, event: 'receive from a' },
  { agent: 'b', clock: { a: 1, b: 3 }, event: 'jump' },
  { agent: 'c', clock: { c: 1, d: 2 }, event: 'from nowhere' },
  { agent: 'a', clock: { a: 1 }, event: 'stuck' },
];
/** The same events in ShiViz's default form: an event line, then `host {clock}`. */
const shiviz = jsonLines.map((e) => `${e.event}\n${e.agent} ${JSON.stringify(e.clock)}`).join('\n');

const ok = <T>(out: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!out.ok) throw new Error(out.message);
  return out.value;
};
const withoutLines = (s: string) => s.replace(/line \d+/g, 'line ?');

describe('inspect API: importing a ShiViz text log', () => {
  it('draws the same diagram, with the same problems, as the equivalent JSON-lines log', () => {
    const a = ok(inspectApi.parseLog(jsonLines.map((e) => JSON.stringify(e)).join('\n')));
    const b = ok(inspectApi.parseShiVizLog(shiviz, { parser: DEFAULT_SHIVIZ_PARSER }));
    expect(b.count).toBe(5);
    expect(b.agentIds).toEqual(a.agentIds);
    expect(b.clocks).toEqual(a.clocks);
    expect(b.label).toEqual(a.label);
    expect(b.lamport).toEqual(a.lamport);
    expect(b.arrows.map((x) => [x.from, x.to])).toEqual(a.arrows.map((x) => [x.from, x.to]));
    expect(b.problems.map((p) => withoutLines(p.message))).toEqual(a.problems.map((p) => withoutLines(p.message)));
    // Lines are the log's own: event k starts on line 2k − 1.
    expect(b.index).toEqual([1, 3, 5, 7, 9]);
    expect(b.problems[0].message).toBe("gap: b's own entry jumps from 1 to 3 at line 5 (1 event of b missing)");
  });

  it('lists unreadable text and broken clocks instead of refusing the log', () => {
    const log = [
      'start',
      'a {"a":1}',
      'garbage without a clock line',
      '',
      'send',
      'a {"a":2,}',
      'recv',
      'b {"a":-1,"b":1}',
      'ok',
      'b {"b":1}',
    ].join('\n');
    const m = ok(inspectApi.parseShiVizLog(log, { parser: DEFAULT_SHIVIZ_PARSER }));
    expect(m.label).toEqual(['start', 'ok']);
    expect(m.problems.map((p) => p.message)).toEqual([
      'line 3: the parser regex does not match "garbage without a clock line"; skipped',
      'line 5: the clock of a is not JSON; skipped',
      'line 7: the clock of b must map hosts to whole numbers ≥ 0; skipped',
    ]);
  });

  it('a custom parser (host and clock first, ShiViz’s Chord example) and other groups', () => {
    const log = 'a {"a":1}\nsend\nb {"a":1,"b":1}\nrecv';
    const m = ok(inspectApi.parseShiVizLog(log, { parser: '(?<host>\\S*) (?<clock>{.*})\\n(?<event>.*)' }));
    expect(m.label).toEqual(['send', 'recv']);
    expect(m.arrows).toHaveLength(1);
  });

  it('a delimiter cuts executions, labelled by its trace group; any one can be drawn', () => {
    const log = ['=== run one ===', 'x', 'a {"a":1}', '=== run two ===', 'y', 'b {"b":1}', 'z', 'b {"b":2}'].join('\n');
    const options = { parser: DEFAULT_SHIVIZ_PARSER, delimiter: '^=== (?<trace>.*) ===$' };
    const first = ok(inspectApi.parseShiVizLog(log, options));
    expect(first.executions).toEqual(['run one', 'run two']);
    expect(first.label).toEqual(['x']);
    const second = ok(inspectApi.parseShiVizLog(log, { ...options, execution: 1 }));
    expect(second.label).toEqual(['y', 'z']);
    expect(second.index).toEqual([5, 7]);
    expect(second.problems).toEqual([]);
    const out = inspectApi.parseShiVizLog(log, { ...options, execution: 2 });
    expect(!out.ok && out.issues[0].field).toBe('execution');
  });

  it('a bad regex, or one without the needed groups, is an issue on its field', () => {
    const bad = inspectApi.checkShiViz({ parser: '(?<host>\\S*' });
    expect(!bad.ok && bad.issues[0].field).toBe('parser');
    expect(!bad.ok && bad.issues[0].rule).toMatch(/^is not a valid regular expression \(/);
    const groups = inspectApi.checkShiViz({ parser: '(?<host>\\S*) (?<time>{.*})' });
    expect(!groups.ok && groups.issues[0].rule).toBe(
      'needs the named groups (?<host>…), (?<clock>…), (?<event>…); missing: clock, event',
    );
    const delimiter = inspectApi.checkShiViz({ parser: DEFAULT_SHIVIZ_PARSER, delimiter: '[' });
    expect(!delimiter.ok && delimiter.issues[0].field).toBe('delimiter');
    expect(inspectApi.checkShiViz({ parser: DEFAULT_SHIVIZ_PARSER, delimiter: '' }).ok).toBe(true);
    const parse = inspectApi.parseShiVizLog('x\na {"a":1}', { parser: '' });
    expect(!parse.ok && parse.issues[0]).toMatchObject({ field: 'parser', rule: 'must not be empty' });
  });

  it('a regex that matches empty text ends, and input size is bounded', () => {
    const m = ok(
      inspectApi.parseShiVizLog('a {"a":1}\n\nb {"b":1}', { parser: '(?<host>\\S*) ?(?<clock>{.*})?(?<event>)' }),
    );
    expect(m.label).toHaveLength(2);
    const big = inspectApi.parseShiVizLog('x'.repeat(MAX_LOG_CHARS + 1), { parser: DEFAULT_SHIVIZ_PARSER });
    expect(!big.ok && big.issues[0].field).toBe('text');
    expect(!big.ok && big.message).toMatch(/^MAX_LOG_CHARS is 10,000,000/);
  });
});
