/**
 * The one decoding rule for scenario bytes, wherever they come from (a file, a
 * share link; the CLI can use it too): the text must be UTF-8; a UTF-8
 * byte-order mark is skipped; UTF-16/UTF-32 text (a byte-order mark saying so)
 * and invalid UTF-8 are refused with the reason in words (`rule`, to follow the
 * source's name), never replaced by U+FFFD silently.
 */

export type TextBytesOutcome = { ok: true; text: string } | { ok: false; rule: string };

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (−1 when all are valid). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    // Lead byte → sequence length and the allowed range of the second byte (no overlongs, surrogates or > U+10FFFF).
    const [n, lo, hi] =
      b < 0x80
        ? [1, 0, 0]
        : b >= 0xc2 && b <= 0xdf
          ? [2, 0x80, 0xbf]
          : b === 0xe0
            ? [3, 0xa0, 0xbf]
            : b === 0xed
              ? [3, 0x80, 0x9f]
              : b >= 0xe1 && b <= 0xef
                ? [3, 0x80, 0xbf]
                : b === 0xf0
                  ? [4, 0x90, 0xbf]
                  : b === 0xf4
                    ? [4, 0x80, 0x8f]
                    : b >= 0xf1 && b <= 0xf3
                      ? [4, 0x80, 0xbf]
                      : [0, 0, 0];
    if (n === 0) return i;
    if (n > 1) {
      if (i + n > bytes.length || bytes[i + 1] < lo || bytes[i + 1] > hi) return i;
      for (let k = 2; k < n; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return i;
    }
    i += n;
  }
  return -1;
}

/**
 * Decodes scenario bytes by the one rule.
 * @example decodeTextBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d])) // { ok: true, text: '{}' }
 */
export function decodeTextBytes(bytes: Uint8Array): TextBytesOutcome {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return { ok: false, rule: 'is UTF-16 text (it starts with a UTF-16 byte-order mark)' };
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)
    return { ok: false, rule: 'is UTF-32 text (it starts with a UTF-32 byte-order mark)' };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    // ignoreBOM: the mark is removed above, exactly once; a second one would be text.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(bom)) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    return {
      ok: false,
      rule: `is not UTF-8 text (byte ${Math.max(at, 0).toLocaleString('en-US')} is not valid UTF-8)`,
    };
  }
}
