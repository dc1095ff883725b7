import type { DrawnTopology, PartitionDescription } from '../../worker/protocol';
import {
  decisionColour,
  diamondPath,
  type GlyphSize,
  glyphFill,
  glyphSize,
  glyphText,
  glyphWords,
  phaseArcPath,
} from '../stage/glyphShapes';
import type { LegendSection } from '../stage/legend';
import { BEHAVIOUR_BADGE, COLOURS, FLIGHT_COLOURS, GROUP_TINTS, PHASE_COLOURS } from '../stage/palette';
import { groupOutlines, partitionGroupOf } from '../stage/partitionGroups';
import { cutLinks, FLIGHT_KINDS, type GlyphFrame } from '../traceIndex';
import { legendHeight, legendSvg, legendWidth } from './legendSvg';
import { placeLabels } from './placeLabels';
import { escapeXml } from './xmlText';

export { escapeXml, xmlSafe } from './xmlText';

/** Agents plus links an exported picture may hold; a larger swarm is refused (the file would be hundreds of MB). */
export const MAX_SVG_EXPORT_ELEMENTS = 200_000;
/** An exported picture is at least this wide (a slide, a printed page), and at least as wide as the stage. */
export const MIN_PICTURE_WIDTH = 1200;
/** Agents above which no label is placed at all (beyond, they could only collide). */
const MAX_LABELLED_AGENTS = 500;

export interface SvgPicture {
  svg: string;
  width: number;
  height: number;
}

/** A message in flight at the pictured moment. */
export interface PictureFlight {
  from: number;
  to: number;
  progress: number;
  delivered: boolean;
  /** A code into FLIGHT_KINDS. */
  kind: number;
}

/** What the stage shows besides the swarm, to picture it as on screen. */
export interface PictureOptions {
  /** Every agent's glyph at the pictured moment; none before a run. */
  glyphs?: GlyphFrame | null;
  partition?: PartitionDescription | null;
  flights?: readonly PictureFlight[];
  legend?: readonly LegendSection[];
  /** A line under the title: the moment pictured. */
  caption?: string;
  /** The stage's size on screen: the picture is at least this wide. */
  stageWidth?: number;
  stageHeight?: number;
}

interface Frame {
  width: number;
  height: number;
  x: (i: number) => number;
  y: (i: number) => number;
  k: number;
  tx: number;
  ty: number;
}

const TOP_PX = 64;

/** The picture's size and where each agent goes: the layout fitted to the room left of the legend. */
function frameOf(topology: DrawnTopology, options: PictureOptions, size: GlyphSize): Frame {
  const p = topology.positions;
  const n = topology.agents.length;
  const legendPx = options.legend ? legendWidth(options.legend) : 0;
  const width = Math.ceil(Math.max(MIN_PICTURE_WIDTH, options.stageWidth ?? 0));
  const height = Math.ceil(
    Math.max(720, options.stageHeight ?? 0, options.legend ? legendHeight(options.legend) + TOP_PX + 20 : 0),
  );
  let [x0, y0, x1, y1] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, p[2 * i]);
    x1 = Math.max(x1, p[2 * i]);
    y0 = Math.min(y0, p[2 * i + 1]);
    y1 = Math.max(y1, p[2 * i + 1]);
  }
  if (n === 0) [x0, y0, x1, y1] = [0, 0, 0, 0];
  const margin = size.ringR + 36;
  const areaW = width - legendPx - 2 * margin;
  const areaH = height - TOP_PX - 2 * margin;
  const k = Math.min(10, areaW / Math.max(1, x1 - x0), areaH / Math.max(1, y1 - y0));
  const tx = margin + (areaW - k * (x1 - x0)) / 2 - k * x0;
  const ty = TOP_PX + margin + (areaH - k * (y1 - y0)) / 2 - k * y0;
  return { width, height, k, tx, ty, x: (i) => p[2 * i] * k + tx, y: (i) => p[2 * i + 1] * k + ty };
}

const f1 = (v: number) => v.toFixed(1);

/** The links, the partition's group outlines and its cut links dashed. */
function linksSvg(topology: DrawnTopology, f: Frame, partition: PartitionDescription | null | undefined): string[] {
  const n = topology.agents.length;
  const out: string[] = [];
  const groupOf = partitionGroupOf(partition ?? null, n);
  if (groupOf) {
    out.push(
      `<g transform="translate(${f1(f.tx)},${f1(f.ty)}) scale(${f.k.toFixed(4)})" fill-opacity="0.12" stroke-opacity="0.12">`,
    );
    for (const { group, d } of groupOutlines(groupOf, topology.positions)) {
      const tint = GROUP_TINTS[group % GROUP_TINTS.length];
      out.push(
        `<path d="${d}" fill="${tint}" stroke="${tint}" stroke-width="${f1(28 / f.k)}" stroke-linejoin="round" stroke-linecap="round"/>`,
      );
    }
    out.push('</g>');
  }
  const cut = partition ? cutLinks(topology.links, partition, n) : null;
  out.push(`<g stroke="${COLOURS.link}" stroke-width="1" stroke-opacity="0.7">`);
  topology.links.forEach(([a, b], i) => {
    if (cut?.[i]) return;
    out.push(`<line x1="${f1(f.x(a))}" y1="${f1(f.y(a))}" x2="${f1(f.x(b))}" y2="${f1(f.y(b))}"/>`);
  });
  out.push('</g>');
  if (cut?.some((c) => c === 1)) {
    out.push(`<g stroke="${COLOURS.dropped}" stroke-width="1.5" stroke-dasharray="5 4" class="cut">`);
    topology.links.forEach(([a, b], i) => {
      if (cut[i]) out.push(`<line x1="${f1(f.x(a))}" y1="${f1(f.y(a))}" x2="${f1(f.x(b))}" y2="${f1(f.y(b))}"/>`);
    });
    out.push('</g>');
  }
  return out;
}

/** One agent's glyph as on the stage: halo, phase ring, decision ring, body, text, badge. */
function agentSvg(topology: DrawnTopology, i: number, s: GlyphSize, g: GlyphFrame | null, tint: string | null): string {
  const agent = topology.agents[i];
  const malicious = agent.behaviour !== undefined && agent.behaviour !== 'honest';
  const parts: string[] = [];
  if (tint) parts.push(`<circle r="${s.ringR + 4}" fill="${tint}" fill-opacity="0.45"/>`);
  if (g?.phases) {
    parts.push(`<circle r="${s.ringR}" fill="none" stroke="${COLOURS.track}" stroke-width="${s.ringWidth}"/>`);
    PHASE_COLOURS.forEach((colour, k) => {
      const d = phaseArcPath(s.ringR, k, (g.phases as Float32Array)[3 * i + k]);
      if (d)
        parts.push(
          `<path d="${d}" fill="none" stroke="${colour}" stroke-width="${s.ringWidth}" stroke-linecap="round"/>`,
        );
    });
  }
  const ring = g ? decisionColour(g, i) : null;
  if (ring) parts.push(`<circle r="${s.r + 3}" fill="none" stroke="${ring}" stroke-width="2.5"/>`);
  const fill = g ? glyphFill(g, i) : COLOURS.idle;
  parts.push(
    malicious
      ? `<path d="${diamondPath(s.r)}" fill="${fill}" stroke="${COLOURS.maliciousEdge}" stroke-width="2"/>`
      : `<circle r="${s.r}" fill="${fill}" stroke="#ffffff" stroke-width="1.5"/>`,
  );
  const text = g ? glyphText(g, i) : '';
  if (text && s.centreText)
    parts.push(
      `<text dy="0.35em" text-anchor="middle" font-size="${s.centreFont}" font-weight="700" fill="#ffffff">${escapeXml(text)}</text>`,
    );
  if (malicious) {
    const badge = BEHAVIOUR_BADGE[agent.behaviour] ?? '!';
    const w = Math.max(s.badgeH, s.badgeFont * 0.65 * badge.length + 5);
    const x = s.r * 0.55;
    const y = -s.r * 1.25 - s.badgeH * 0.35;
    parts.push(
      `<g transform="translate(${f1(x)},${f1(y)})"><rect width="${f1(w)}" height="${s.badgeH}" rx="3" fill="${COLOURS.badge}" stroke="#ffffff"/><text x="${f1(w / 2)}" y="${s.badgeH / 2}" dy="0.35em" text-anchor="middle" font-size="${s.badgeFont}" font-weight="700" fill="#ffffff">${badge}</text></g>`,
    );
  }
  const words = glyphWords(g, i);
  const title = `${agent.label}${malicious ? ` — malicious (${agent.behaviour})` : ''}${words ? ` — ${words}` : ''}`;
  parts.push(`<title>${escapeXml(title)}</title>`);
  return parts.join('');
}

/** Messages in flight as dots coloured by kind (hollow vermillion rings for copies lost on the way). */
function flightsSvg(flights: readonly PictureFlight[], f: Frame, r: number): string[] {
  const out: string[] = ['<g class="flights">'];
  for (const m of flights) {
    const x = f.x(m.from) + (f.x(m.to) - f.x(m.from)) * m.progress;
    const y = f.y(m.from) + (f.y(m.to) - f.y(m.from)) * m.progress;
    out.push(
      m.delivered
        ? `<circle cx="${f1(x)}" cy="${f1(y)}" r="${r}" fill="${FLIGHT_COLOURS[FLIGHT_KINDS[m.kind] ?? 'other']}"/>`
        : `<circle cx="${f1(x)}" cy="${f1(y)}" r="${r}" fill="none" stroke="${COLOURS.dropped}" stroke-width="1.5"/>`,
    );
  }
  out.push('</g>');
  return out;
}

/**
 * The swarm as a standalone SVG document, as the stage draws it: links (cut ones dashed, the
 * partition's groups tinted), every agent's glyph at the pictured moment (state, vote, decision,
 * phase ring, behaviour badge), messages in flight, labels placed where they do not collide, and
 * the legend. At least MIN_PICTURE_WIDTH wide. Labels and titles are escaped text, never markup.
 * Returns undefined when the swarm has more than MAX_SVG_EXPORT_ELEMENTS agents and links.
 *
 * @example
 * const picture = topologySvg(topology, 'My swarm', { glyphs, legend });
 * new Blob([picture!.svg], { type: 'image/svg+xml' });
 */
export function topologySvg(
  topology: DrawnTopology,
  title: string,
  options: PictureOptions = {},
): SvgPicture | undefined {
  const { agents } = topology;
  const n = agents.length;
  if (n + topology.links.length > MAX_SVG_EXPORT_ELEMENTS) return undefined;
  const size = glyphSize(n);
  const f = frameOf(topology, options, size);
  const g = options.glyphs && options.glyphs.agentCount === n ? options.glyphs : null;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}" role="img">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="24" y="34" font-family="system-ui, sans-serif" font-size="20" font-weight="700" fill="${COLOURS.label}">${escapeXml(title)}</text>`,
  ];
  if (options.caption)
    out.push(
      `<text x="24" y="54" font-family="system-ui, sans-serif" font-size="13" fill="#4a5866">${escapeXml(options.caption)}</text>`,
    );
  out.push(...linksSvg(topology, f, options.partition));
  const groupOf = partitionGroupOf(options.partition ?? null, n);
  out.push('<g font-family="system-ui, sans-serif">');
  for (let i = 0; i < n; i++) {
    const tint = groupOf ? GROUP_TINTS[groupOf[i] % GROUP_TINTS.length] : null;
    out.push(`<g transform="translate(${f1(f.x(i))},${f1(f.y(i))})">${agentSvg(topology, i, size, g, tint)}</g>`);
  }
  out.push('</g>');
  if (options.flights?.length) out.push(...flightsSvg(options.flights, f, Math.max(2.5, size.r / 3)));
  if (n <= MAX_LABELLED_AGENTS) out.push(...labelsSvg(topology, f, size));
  if (options.legend) out.push(legendSvg(options.legend, f.width - legendWidth(options.legend) + 4, TOP_PX));
  out.push('</svg>');
  return { svg: out.join('\n'), width: f.width, height: f.height };
}

/** Agents' labels under their glyphs, each placed only where it collides with no label placed before it. */
function labelsSvg(topology: DrawnTopology, f: Frame, s: GlyphSize): string[] {
  const font = s.labelFont;
  const boxes = topology.agents.map((a, i) => {
    const w = a.label.length * font * 0.58 + 4;
    const top = f.y(i) + s.r * 1.3 + 2;
    return { x0: f.x(i) - w / 2, y0: top, x1: f.x(i) + w / 2, y1: top + font + 2 };
  });
  const placed = placeLabels(boxes);
  const out: string[] = [
    `<g font-family="system-ui, sans-serif" font-size="${font}" fill="${COLOURS.label}" text-anchor="middle" stroke="#ffffff" stroke-width="3" paint-order="stroke" stroke-linejoin="round">`,
  ];
  topology.agents.forEach((a, i) => {
    if (placed[i]) out.push(`<text x="${f1(f.x(i))}" y="${f1(boxes[i].y1 - 2)}">${escapeXml(a.label)}</text>`);
  });
  out.push('</g>');
  return out;
}
