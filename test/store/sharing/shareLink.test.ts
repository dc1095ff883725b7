import '@vitest/web-worker';
// Imports are validated in the simulation worker, as in the browser.
import { describe, expect, it } from 'vitest';
import { MAX_SCENARIO_BYTES } from '../../../src/engine/core/limits';
import { Prng } from '../../../src/engine/core/prng';
import {
  decodeShareData,
  fromBase64Url,
  MAX_SHARE_LINK_CHARS,
  shareDataOf,
  shareLinkFor,
  toBase64Url,
} from '../../../src/store/sharing/shareLink';
import { readScenarioInput as readScenarioText } from '../../../src/worker/api/scenarioIo';

const PAGE = 'https://example.test/playground/?x=1';

function fileText(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: 'swarm-playground/scenario',
    version: 1,
    seed: 12,
    topology: { agentCount: 30, builder: { kind: 'ring' } },
    run: { kind: 'flood' },
    ...overrides,
  });
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function linkDataFor(text: string): Promise<string> {
  const made = await shareLinkFor(text, PAGE);
  if (!made.ok) throw new Error(made.problem.message);
  return shareDataOf(made.link) ?? '';
}

describe('share links', () => {
  it('round-trips the canonical text through the fragment, keeping the page address', async () => {
    const read = readScenarioText(fileText(), 'test');
    if (!read.ok) throw new Error('fixture invalid');
    const made = await shareLinkFor(read.text, PAGE);
    expect(made.ok && made.link.startsWith('https://example.test/playground/?x=1#scenario=')).toBe(true);
    const decoded = await decodeShareData(await linkDataFor(read.text));
    expect(decoded).toEqual({ ok: true, text: read.text });
  });

  it('finds the data in a whole URL, a fragment or a bare parameter, and nothing in other text', () => {
    expect(shareDataOf('https://a.b/#scenario=abc')).toBe('abc');
    expect(shareDataOf('#scenario=abc')).toBe('abc');
    expect(shareDataOf('scenario=abc')).toBe('abc');
    expect(shareDataOf('{"format":1}')).toBeUndefined();
    expect(shareDataOf('https://a.b/#other=abc')).toBeUndefined();
  });

  it('base64url round-trips every byte value', () => {
    const bytes = Uint8Array.from({ length: 256 * 3 + 1 }, (_, i) => (i * 7) % 256);
    expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
    expect(fromBase64Url('abcde')).toBeUndefined();
  });

  it('refuses a link longer than MAX_SHARE_LINK_CHARS before decoding it', async () => {
    const result = await decodeShareData('A'.repeat(MAX_SHARE_LINK_CHARS + 1));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.issues[0].field).toBe('(link)');
      expect(result.problem.message).toContain('MAX_SHARE_LINK_CHARS');
    }
  });

  it.each([
    ['', 'has no scenario'],
    ['abc$def', 'characters a share link never contains'],
    ['abcde', 'cut off'],
    ['q1YqTs1JTS5RsjI0MDDR', 'does not decompress'],
  ])('explains the damaged link %j', async (data, words) => {
    const result = await decodeShareData(data);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.message).toContain(words);
  });

  it('stops decompressing a bomb at MAX_SCENARIO_BYTES', async () => {
    const bomb = await deflate(new Uint8Array(MAX_SCENARIO_BYTES * 4).fill(32));
    expect(bomb.length).toBeLessThan(MAX_SCENARIO_BYTES / 100);
    const result = await decodeShareData(toBase64Url(bomb));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.message).toContain('MAX_SCENARIO_BYTES');
  });

  it('refuses bytes that are not UTF-8', async () => {
    const result = await decodeShareData(toBase64Url(await deflate(Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d))));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.message).toContain('UTF-8');
  });

  it('a link asking for 10,000,000 agents is refused by validation within 100 ms', async () => {
    const data = await linkDataFor(fileText({ topology: { agentCount: 10_000_000, builder: { kind: 'mesh' } } }));
    const started = performance.now();
    const decoded = await decodeShareData(data);
    const read = decoded.ok ? readScenarioText(decoded.text, 'The share link') : undefined;
    const elapsed = performance.now() - started;
    expect(read?.ok).toBe(false);
    if (read && !read.ok) expect(read.problem.issues.map((i) => i.field)).toContain('topology.agentCount');
    expect(elapsed).toBeLessThan(100);
  });

  it('says when a scenario is too large for a link', async () => {
    // Random text barely compresses: 3 MB of it cannot fit in MAX_SHARE_LINK_CHARS once base64-encoded.
    const rng = new Prng(1);
    const noise = Array.from({ length: 3_000_000 }, () => String.fromCharCode(33 + rng.int(90))).join('');
    const made = await shareLinkFor(noise, PAGE);
    expect(made.ok).toBe(false);
    if (!made.ok) expect(made.problem.message).toContain('Export it as a file instead');
  });
});
