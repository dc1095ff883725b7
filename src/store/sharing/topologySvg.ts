import type { DrawnTopology } from '../../worker/protocol';

/** Agents plus links an exported picture may hold; a larger swarm is refused (the file would be hundreds of MB). */
export const MAX_SVG_EXPORT_ELEMENTS = 200_000;
/** Agents above which labels are left out of the picture (they would overlap into a grey smear). */
const MAX_LABELLED_AGENTS = 200;

/** Okabe–Ito colours, as on the stage: honest agents blue, malicious ones orange. */
const HONEST = '#0072B2';
const MALICIOUS = '#E69F00';
const LINK = '#9aa7b4';

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

export interface SvgPicture {
  svg: string;
  width: number;
  height: number;
}

/**
 * The swarm as a standalone SVG document: links, agents and their labels as
 * text nodes (escaped), laid out as on the stage. Returns undefined when the
 * swarm has more than MAX_SVG_EXPORT_ELEMENTS agents and links.
 *
 * @example
 * const picture = topologySvg(useStore.getState().topology!, 'My swarm');
 * new Blob([picture!.svg], { type: 'image/svg+xml' });
 */
export function topologySvg(topology: DrawnTopology, title: string): SvgPicture | undefined {
  const { agents, links, positions: p } = topology;
  if (agents.length + links.length > MAX_SVG_EXPORT_ELEMENTS) return undefined;
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < agents.length; i++) {
    minX = Math.min(minX, p[2 * i]);
    maxX = Math.max(maxX, p[2 * i]);
    minY = Math.min(minY, p[2 * i + 1]);
    maxY = Math.max(maxY, p[2 * i + 1]);
  }
  if (agents.length === 0) [minX, minY, maxX, maxY] = [0, 0, 0, 0];
  const r = agents.length > 500 ? 2 : agents.length > 100 ? 5 : 10;
  const labelled = agents.length <= MAX_LABELLED_AGENTS;
  const pad = r * 2 + (labelled ? 16 : 0);
  const width = Math.ceil(maxX - minX + 2 * pad);
  const height = Math.ceil(maxY - minY + 2 * pad);
  const x = (i: number) => (p[2 * i] - minX + pad).toFixed(1);
  const y = (i: number) => (p[2 * i + 1] - minY + pad).toFixed(1);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<g stroke="${LINK}" stroke-width="1">`,
  ];
  for (const [a, b] of links) out.push(`<line x1="${x(a)}" y1="${y(a)}" x2="${x(b)}" y2="${y(b)}"/>`);
  out.push('</g><g stroke="#ffffff" stroke-width="1">');
  for (let i = 0; i < agents.length; i++) {
    const fill = agents[i].behaviour === 'honest' ? HONEST : MALICIOUS;
    out.push(
      `<circle cx="${x(i)}" cy="${y(i)}" r="${r}" fill="${fill}"><title>${escapeXml(agents[i].label)}</title></circle>`,
    );
  }
  out.push('</g>');
  if (labelled) {
    out.push('<g font-family="system-ui, sans-serif" font-size="11" fill="#1b2733" text-anchor="middle">');
    for (let i = 0; i < agents.length; i++)
      out.push(`<text x="${x(i)}" y="${(Number(y(i)) + r + 12).toFixed(1)}">${escapeXml(agents[i].label)}</text>`);
    out.push('</g>');
  }
  out.push('</svg>');
  return { svg: out.join('\n'), width, height };
}
