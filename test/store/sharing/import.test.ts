import '@vitest/web-worker';
// Imports are validated in the simulation worker, as in the browser.
import { beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../../src/store/index';
import { importFile, importPasted, openShareLink } from '../../../src/store/sharing/importScenario';
import { decodeShareData, shareLinkFor, toBase64Url } from '../../../src/store/sharing/shareLink';
import { escapeXml, topologySvg, xmlSafe } from '../../../src/store/sharing/topologySvg';
import { readScenarioInput as readScenarioText } from '../../../src/worker/api/scenarioIo';

// Node has no animation frames; the player's pause() cancels one when a scenario is replaced.
globalThis.cancelAnimationFrame ??= () => {};

const initial = useStore.getState();
beforeEach(() => useStore.setState(initial, true));

const doc = (extra: Record<string, unknown> = {}) => ({
  format: 'swarm-playground/scenario',
  version: 1,
  name: 'Ring of five',
  seed: 3,
  topology: { agentCount: 5, builder: { kind: 'ring' } },
  run: { kind: 'flood' },
  ...extra,
});

describe('import', () => {
  it('opens a valid file as its canonical draft, as one undoable step', async () => {
    const file = new File([JSON.stringify(doc())], 'ring.json');
    expect(await importFile(file)).toEqual({ ok: true, name: 'Ring of five' });
    const s = useStore.getState();
    expect(s.scenario.topology.agentCount).toBe(5);
    expect(s.scenario.run).toEqual({ kind: 'flood', origin: 'agent-1' });
    expect(s.libraryNotices.import).toBe('Opened “Ring of five”.');
    s.undo();
    expect(useStore.getState().scenario).toEqual(initial.scenario);
  });

  it('export → import → export gives the same text', () => {
    const first = readScenarioText(JSON.stringify(doc({ description: 'x' })), 'a');
    if (!first.ok) throw new Error('invalid');
    const second = readScenarioText(first.text, 'b');
    expect(second.ok && second.text).toBe(first.text);
  });

  it('refuses an oversized file before reading it', async () => {
    const file = new File(['x'], 'big.json');
    Object.defineProperty(file, 'size', { value: 6 * 1024 * 1024 });
    Object.defineProperty(file, 'text', { value: () => Promise.reject(new Error('must not be read')) });
    Object.defineProperty(file, 'arrayBuffer', { value: () => Promise.reject(new Error('must not be read')) });
    const outcome = await importFile(file);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problem.message).toContain('MAX_SCENARIO_BYTES');
  });

  it('a failed import changes nothing and names each bad field', async () => {
    const before = useStore.getState().scenario;
    const bad = doc({ seed: 'x', topology: { agentCount: 3, builder: { kind: 'hexagon' } } });
    const outcome = await importPasted(JSON.stringify(bad));
    expect(outcome.ok).toBe(false);
    expect(useStore.getState().scenario).toBe(before);
    expect(useStore.getState().past).toEqual([]);
    const fields = useStore.getState().libraryProblems.import?.issues.map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['seed', 'topology.builder.kind']));
  });

  it.each([
    ['__proto__ as a key', '{"__proto__":{"polluted":true},"format":"swarm-playground/scenario","version":1}'],
    [
      'constructor.prototype',
      JSON.stringify(doc({ run: { kind: 'flood', constructor: { prototype: { polluted: 1 } } } })),
    ],
    [
      '__proto__ as an agent id',
      JSON.stringify(doc({ topology: { agents: [{ id: '__proto__' }, { id: 'b' }], builder: { kind: 'ring' } } })),
    ],
  ])('%s is refused and pollutes nothing', async (_name, text) => {
    const outcome = await importPasted(text);
    expect(outcome.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(useStore.getState().scenario).toBe(initial.scenario);
  });

  it('a link asking for 10,000,000 agents shows its error under the link, within 100 ms, and starts no run', async () => {
    const made = await shareLinkFor(
      JSON.stringify(doc({ topology: { agentCount: 10_000_000, builder: { kind: 'mesh' } } })),
      'https://x.test/',
    );
    if (!made.ok) throw new Error('link');
    const started = performance.now();
    const outcome = await openShareLink(new URL(made.link).hash);
    expect(performance.now() - started).toBeLessThan(100);
    expect(outcome?.ok).toBe(false);
    const s = useStore.getState();
    expect(s.libraryProblems.link?.issues[0].field).toBe('topology.agentCount');
    expect(s.runStatus).toBe('idle');
    expect(s.scenario).toBe(initial.scenario);
    expect(s.rightTab).toBe('library');
  });

  it('a hash that is not a share link is ignored', async () => {
    expect(await openShareLink('#section-2')).toBeUndefined();
  });
});

describe('one decoding rule for files and links', () => {
  const text = JSON.stringify(doc());
  const utf16le = (t: string) => new Uint8Array(new Uint16Array([...t].map((c) => c.charCodeAt(0))).buffer);

  it('opens a UTF-8 file that starts with a byte-order mark', async () => {
    const file = new File([new Uint8Array([0xef, 0xbb, 0xbf]), text], 'bom.json');
    expect(await importFile(file)).toEqual({ ok: true, name: 'Ring of five' });
  });

  it.each([
    ['UTF-16 with a byte-order mark', [0xff, 0xfe], 'is UTF-16 text (it starts with a UTF-16 byte-order mark)'],
    ['invalid UTF-8', [0x7b, 0xff], 'is not UTF-8 text (byte 1 is not valid UTF-8)'],
    ['a truncated UTF-8 sequence', [0x7b, 0x22, 0xe2, 0x82], 'is not UTF-8 text (byte 2 is not valid UTF-8)'],
  ])('refuses %s in a file with the same words as in a link, changing nothing', async (_what, head, rule) => {
    const before = useStore.getState().scenario;
    const bytes = new Uint8Array([...head, ...utf16le(text)]);
    const outcome = await importFile(new File([bytes], 'odd.json'));
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problem.message).toBe(`The file “odd.json” ${rule}. Save it as UTF-8 and open it again.`);
    expect(outcome.problem.issues[0].field).toBe('(file)');
    expect(useStore.getState().scenario).toBe(before);
    const link = await decodeShareData(toBase64Url(await deflate(bytes)));
    expect(link.ok).toBe(false);
    if (!link.ok) expect(link.problem.message).toBe(`The share link is damaged: its data ${rule}.`);
  });
});

describe('topology SVG', () => {
  it('escapes labels and titles: text only, never markup', () => {
    expect(escapeXml('<b onclick="x">&\'\u0001')).toBe('&#60;b onclick=&#34;x&#34;&#62;&#38;&#39;');
    const picture = topologySvg(
      {
        agents: [
          { id: 'a', label: '<script>alert(1)</script>' },
          { id: 'b', label: '__proto__' },
        ] as never,
        links: [[0, 1]],
        connected: true,
        positions: Float64Array.of(0, 0, 100, 50),
        warnings: [],
      },
      '"><svg onload=alert(1)>',
    );
    expect(picture?.svg).not.toMatch(/<script|<svg onload/);
    expect(picture?.svg).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(picture?.svg.match(/<line /g)).toHaveLength(1);
    expect(picture?.svg.match(/<circle /g)).toHaveLength(2);
  });

  it('is valid XML for any label: U+FFFE, U+FFFF, lone surrogates and control characters are dropped', () => {
    const hostile = 'a\uFFFEb\uFFFFc\uD800d\uDFFFe\u0000f\u001Bg 🐝';
    expect(escapeXml(hostile)).toBe('abcdefg 🐝');
    expect(xmlSafe('tab\tline\ncr\r')).toBe('tab\tline\ncr\r');
    const picture = topologySvg(
      {
        agents: [{ id: 'a', label: hostile }] as never,
        links: [],
        connected: true,
        positions: Float64Array.of(0, 0),
        warnings: [],
      },
      hostile,
    );
    // Every character is one XML 1.0 can hold (its Char production).
    expect(picture?.svg).toMatch(/^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u);
    expect(picture?.svg).toContain('>abcdefg 🐝</text>');
  });
});

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
