/** Text made safe for XML 1.0 documents (exported pictures): characters it cannot hold dropped, markup escaped. */

/** True for a code point XML 1.0 can hold (its `Char` production): no C0 controls but tab/LF/CR, no lone surrogates, no U+FFFE/U+FFFF. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * `text` without the characters XML 1.0 cannot hold at all, escaped or not
 * (U+FFFE, U+FFFF, lone surrogates, most control characters): they are dropped,
 * so any label gives a file every XML reader opens.
 * @example xmlSafe('a\uFFFEb\u0001c') // 'abc'
 */
export function xmlSafe(text: string): string {
  let out = '';
  for (const c of text) if (isXmlChar(c.codePointAt(0) as number)) out += c;
  return out;
}

/**
 * Escapes text for SVG/XML character data and attribute values, dropping what
 * XML cannot hold (see `xmlSafe`). Labels are plain text from untrusted files:
 * they must never become markup.
 * @example escapeXml('<b onclick="x">') // '&lt;b onclick=&quot;x&quot;&gt;'
 */
export function escapeXml(text: string): string {
  let out = '';
  for (const c of xmlSafe(text))
    out += c === '&' || c === '<' || c === '>' || c === '"' || c === "'" ? `&#${c.charCodeAt(0)};` : c;
  return out;
}
