import { MAX_SCENARIO_BYTES } from '../../engine/core/limits';
import { decodeTextBytes } from '../../worker/api/textBytes';
import { LINK_FIELD, type Problem, problem } from './problems';

/**
 * Characters of the compressed, base64url-encoded scenario in a link. Chromium
 * keeps URLs up to 2 MB; a longer link could not be opened again anyway, and a
 * pasted one is refused before it is decoded.
 */
export const MAX_SHARE_LINK_CHARS = 2_000_000;

/** What comes before the data in the fragment: `#scenario=…`. */
export const SHARE_PARAM = 'scenario';

/** The compression the browser's CompressionStream applies: no header, smallest links. */
const FORMAT: CompressionFormat = 'deflate-raw';

export type DecodeOutcome = { ok: true; text: string } | { ok: false; problem: Problem };

/**
 * The link that opens `text` (a scenario file) in this app: the text deflated by
 * the browser's CompressionStream, base64url-encoded, in the URL fragment (never
 * sent to a server). Throws nothing; returns a Problem when the link would be too long.
 *
 * @example
 * const link = await shareLinkFor(serializeScenario(scenario), location.href);
 * // https://…/#scenario=q1YqTs1JTS5RsjI0MDDRUSrOL0pVslIqS8wpTgVyFGoB
 */
export async function shareLinkFor(
  text: string,
  pageUrl: string,
): Promise<{ ok: true; link: string } | { ok: false; problem: Problem }> {
  const bytes = await pipeBytes(new TextEncoder().encode(text), new CompressionStream(FORMAT));
  if (bytes === 'too-large') throw new Error('unreachable: compression has no output limit');
  const data = toBase64Url(bytes);
  if (data.length > MAX_SHARE_LINK_CHARS)
    return {
      ok: false,
      problem: problem(
        `This scenario is too large for a link (${data.length.toLocaleString('en-US')} characters, MAX_SHARE_LINK_CHARS is ${MAX_SHARE_LINK_CHARS.toLocaleString('en-US')}). Export it as a file instead.`,
      ),
    };
  const url = new URL(pageUrl);
  url.hash = `${SHARE_PARAM}=${data}`;
  return { ok: true, link: url.href };
}

/** The encoded data of a share link, from a whole URL, a fragment or a pasted string; undefined when there is none. */
export function shareDataOf(input: string): string | undefined {
  const at = input.indexOf(`#${SHARE_PARAM}=`);
  if (at >= 0) return input.slice(at + SHARE_PARAM.length + 2).trim();
  return input.startsWith(`${SHARE_PARAM}=`) ? input.slice(SHARE_PARAM.length + 1).trim() : undefined;
}

/**
 * Decodes a share link's data back to scenario text. Hostile until proven
 * otherwise: the length is checked before decoding, the alphabet before
 * allocating, and decompression stops as soon as the output passes
 * MAX_SCENARIO_BYTES (a few kilobytes can inflate to gigabytes). The text still
 * has to go through the scenario validator.
 *
 * @example
 * const decoded = await decodeShareData(shareDataOf(location.hash) ?? '');
 * if (decoded.ok) readScenarioText(decoded.text, 'The link');
 */
export async function decodeShareData(data: string): Promise<DecodeOutcome> {
  // A User Timing entry per decode (DevTools shows it; the e2e suite holds a bomb's refusal to < 200 ms with it).
  const started = performance.now();
  try {
    return await decodeUntimed(data);
  } finally {
    performance.measure(DECODE_MEASURE, { start: started, end: performance.now() });
  }
}

/** The User Timing measure each share-link decode leaves behind. */
export const DECODE_MEASURE = 'swarm:decode-share-link';

async function decodeUntimed(data: string): Promise<DecodeOutcome> {
  const fail = (rule: string): DecodeOutcome => ({
    ok: false,
    problem: problem(`The share link ${rule}`, LINK_FIELD, rule),
  });
  if (data.length > MAX_SHARE_LINK_CHARS)
    return fail(
      `is ${data.length.toLocaleString('en-US')} characters long; a share link holds at most ${MAX_SHARE_LINK_CHARS.toLocaleString('en-US')}.`,
    );
  if (data.length === 0) return fail('has no scenario in it.');
  if (!/^[A-Za-z0-9_-]+$/.test(data)) return fail('is damaged: it has characters a share link never contains.');
  const bytes = fromBase64Url(data);
  if (!bytes) return fail('is damaged: its data is cut off.');
  let out: Uint8Array | 'too-large';
  try {
    out = await pipeBytes(bytes, new DecompressionStream(FORMAT), MAX_SCENARIO_BYTES);
  } catch {
    return fail('is damaged: its data does not decompress (was it cut off when copied?).');
  }
  if (out === 'too-large')
    return fail(
      `unpacks to more than ${MAX_SCENARIO_BYTES.toLocaleString('en-US')} bytes, the most a scenario may hold.`,
    );
  // The same decoding rule as a file's (a UTF-8 byte-order mark skipped, anything but UTF-8 refused).
  const text = decodeTextBytes(out);
  return text.ok ? text : fail(`is damaged: its data ${text.rule}.`);
}

/**
 * Input bytes fed to a (de)compressor per write, at most. A decompressor
 * inflates a whole write before the reader can stop it, and deflate inflates up
 * to ~1,000×: a slice of PIPE_SLICE_BYTES is at most ~16 MB of output.
 */
export const PIPE_SLICE_BYTES = 16 * 1024;
/** The slice while the output grows much faster than the input (a bomb): ~256 KB of output per write at most. */
export const PIPE_SLICE_MIN_BYTES = 256;
/** Output per input byte above which the input is treated as a bomb and fed in the smallest slices. */
const BOMB_RATIO = 50;

/**
 * Streams `input` through a (de)compressor in slices; with `maxBytes`, stops
 * writing and reading once the output exceeds it. Slices start at
 * PIPE_SLICE_MIN_BYTES and double up to PIPE_SLICE_BYTES while the output grows
 * at an ordinary rate, so a bomb is refused a few hundred kilobytes past the
 * limit (in milliseconds, not a gigabyte and seconds) and a large honest link
 * still takes few writes.
 */
export async function pipeBytes(
  input: Uint8Array,
  transform: GenericTransformStream,
  maxBytes = Number.POSITIVE_INFINITY,
): Promise<Uint8Array | 'too-large'> {
  const writer = transform.writable.getWriter();
  let stop = false;
  let total = 0;
  // Each slice waits for the previous one and for room on the reading side (backpressure).
  const feeding = (async () => {
    let slice = PIPE_SLICE_MIN_BYTES;
    let at = 0;
    while (at < input.length && !stop) {
      await writer.ready;
      if (stop) return;
      await writer.write(input.subarray(at, at + slice) as Uint8Array<ArrayBuffer>);
      at += slice;
      // The next slice: the smallest while the output outgrows the input like a bomb's, else twice this one.
      slice = total / at > BOMB_RATIO ? PIPE_SLICE_MIN_BYTES : Math.min(PIPE_SLICE_BYTES, slice * 2);
    }
    if (!stop) await writer.close();
  })();
  // Errors of the writing side surface on the reading side too; catching here keeps them from being unhandled.
  feeding.catch(() => {});
  const reader = (transform.readable as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      stop = true;
      chunks.length = 0;
      await reader.cancel().catch(() => {});
      return 'too-large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Bytes to base64url without padding, in slices so a large array never overflows the call stack. */
export function toBase64Url(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x8000) parts.push(String.fromCharCode(...bytes.subarray(i, i + 0x8000)));
  return btoa(parts.join('')).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url (no padding) to bytes; undefined when the length cannot be base64. */
export function fromBase64Url(data: string): Uint8Array | undefined {
  if (data.length % 4 === 1) return undefined;
  // The browser's own decoder where it has one (no 1.4-million-character binary string on the way).
  const native = (Uint8Array as { fromBase64?: (text: string, options: object) => Uint8Array }).fromBase64;
  if (native) {
    try {
      return native(data, { alphabet: 'base64url', lastChunkHandling: 'loose' });
    } catch {
      return undefined;
    }
  }
  const binary = atob(data.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (data.length % 4)) % 4));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
