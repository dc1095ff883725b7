/**
 * A clock log naming 20,000 agents used to build a 20,000 × 20,000 clock array
 * ("Invalid array length", a fatal crash in Node): now it is refused on the
 * log's text, naming the bound, in both log formats.
 */
import { describe, expect, it } from 'vitest';
import { MAX_DIAGRAM_AGENTS } from '../../src/worker/api/inspect/spaceTime';
import { simApi } from '../../src/worker/simApi';

/** `agents` agents, each logging one event whose clock names only itself. */
const jsonLines = (agents: number) =>
  Array.from({ length: agents }, (_, i) =>
    JSON.stringify({ agent: `a${i}`, clock: { [`a${i}`]: 1 }, event: 'x' }),
  ).join('\n');

describe('clock logs with very many agents', () => {
  it('refuses 20,000 agents on the text, with the bound in words', () => {
    const out = simApi.parseLog(jsonLines(20_000));
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.issues).toHaveLength(1);
    expect(out.issues[0].field).toBe('text');
    expect(out.issues[0].rule).toBe(
      `names more than ${MAX_DIAGRAM_AGENTS} agents (by line ${MAX_DIAGRAM_AGENTS + 1}); a space-time diagram draws at most ${MAX_DIAGRAM_AGENTS} lifelines`,
    );
  });

  it('counts agents named only in clocks too: two loggers whose clocks name 20,000 agents', () => {
    const wide = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`z${i}`, 1]));
    const text = [
      JSON.stringify({ agent: 'a', clock: { a: 1 }, event: 'start' }),
      JSON.stringify({ agent: 'b', clock: { ...wide, b: 1 }, event: 'wide' }),
    ].join('\n');
    const out = simApi.parseLog(text);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.issues[0]).toMatchObject({ field: 'text', rule: expect.stringContaining('by line 2') });
  });

  it('draws a log of exactly MAX_DIAGRAM_AGENTS agents', () => {
    const out = simApi.parseLog(jsonLines(MAX_DIAGRAM_AGENTS));
    expect(out.ok).toBe(true);
    if (out.ok) expect(out.value.agentIds).toHaveLength(MAX_DIAGRAM_AGENTS);
  });

  it('refuses the same in the ShiViz format', () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `event ${i}\nh${i} {"h${i}": 1}`).join('\n');
    const out = simApi.parseShiVizLog(text, { parser: '(?<event>.*)\\n(?<host>\\S*) (?<clock>{.*})' });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.issues[0].field).toBe('text');
  });
});
