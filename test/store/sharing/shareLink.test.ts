import '@vitest/web-worker';
// Imports are validated in the simulation worker, as in the browser.
import { describe, expect, it } from 'vitest';
import { MAX_SCENARIO_BYTES } from '../../../src/engine/core/limits';
import { Prng } from '../../../src/engine/core/prng';
import {
  decodeShareData,
  fromBase64Url,
  MAX_SHARE_LINK_CHARS,
  PIPE_SLICE_BYTES,
  PIPE_SLICE_MIN_BYTES,
  pipeBytes,
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
      expect(result.problem.message).toContain('a share link holds at most 2,000,000');
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
    if (!result.ok) expect(result.problem.message).toContain('5,242,880 bytes, the most a scenario may hold');
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

  it('feeds the decompressor in small slices and stops writing once the output passes the limit', async () => {
    // An identity transform that records each write: the output grows exactly as fast as the input is fed.
    const writes: number[] = [];
    const spy = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        writes.push(chunk.byteLength);
        controller.enqueue(chunk);
      },
    });
    const out = await pipeBytes(new Uint8Array(4 * 1024 * 1024), spy, 64 * 1024);
    expect(out).toBe('too-large');
    expect(Math.max(...writes)).toBeLessThanOrEqual(16 * 1024);
    expect(PIPE_SLICE_BYTES).toBeLessThanOrEqual(16 * 1024);
    // Refused after about the limit's worth of input, never the whole 4 MB.
    expect(writes.reduce((a, b) => a + b, 0)).toBeLessThan(64 * 1024 + 4 * 16 * 1024);
  });

  it('stops a bomb after inflating about one slice past the limit, not the whole link', async () => {
    // A transform that inflates like a deflate bomb (every input byte → 1,000 output bytes, in 64 KB chunks)
    // with the backpressure of the browser's DecompressionStream (a spec TransformStream): what it enqueues is
    // what a browser would hold in memory. The real DecompressionStream is measured in e2e/robustness.spec.ts.
    let inflated = 0;
    const bombLike = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        for (let left = chunk.byteLength * 1000; left > 0; left -= 65536) {
          const size = Math.min(65536, left);
          inflated += size;
          controller.enqueue(new Uint8Array(size));
        }
      },
    });
    const link = new Uint8Array(1024 * 1024); // 1 MB of link → 1 GB inflated
    expect(await pipeBytes(link, bombLike, MAX_SCENARIO_BYTES)).toBe('too-large');
    // Fed in the smallest slices once it shows itself a bomb: a few hundred kilobytes past the limit, not a gigabyte.
    expect(inflated).toBeLessThanOrEqual(MAX_SCENARIO_BYTES + 4 * PIPE_SLICE_MIN_BYTES * 1000);
    expect(PIPE_SLICE_MIN_BYTES).toBeLessThanOrEqual(1024);
  });

  it.each([
    ['a UTF-8 byte-order mark', [0xef, 0xbb, 0xbf], true],
    ['a UTF-16 LE byte-order mark', [0xff, 0xfe], false],
    ['a UTF-16 BE byte-order mark', [0xfe, 0xff], false],
  ])('decodes a link whose text starts with %s by the same rule as a file', async (_what, prefix, ok) => {
    const text = fileText();
    const body = ok ? new TextEncoder().encode(text) : utf16(text, prefix[0] === 0xff);
    const bytes = new Uint8Array([...prefix, ...body]);
    const result = await decodeShareData(toBase64Url(await deflate(bytes)));
    expect(result.ok).toBe(ok);
    if (result.ok) expect(result.text).toBe(text);
    else
      expect(result.problem.message).toBe(
        'The share link is damaged: its data is UTF-16 text (it starts with a UTF-16 byte-order mark).',
      );
  });
});

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i), littleEndian);
  return out;
}
