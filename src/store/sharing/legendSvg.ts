import { diamondPath, phaseArcPath } from '../stage/glyphShapes';
import type { LegendSection, Swatch } from '../stage/legend';
import { COLOURS } from '../stage/palette';
import { escapeXml } from './xmlText';

/** Width of the legend panel of an exported picture, in pixels (its longest label decides, within bounds). */
export function legendWidth(sections: readonly LegendSection[]): number {
  const longest = Math.max(0, ...sections.flatMap((s) => s.entries.map((e) => e.label.length)));
  return Math.round(Math.min(460, Math.max(260, 64 + longest * 7.4)));
}
const ROW_PX = 22;
const HEAD_PX = 24;

/** A legend swatch as SVG markup centred on 0, 0 (the stage's StageLegend draws the same shapes). */
export function swatchSvg(s: Swatch): string {
  switch (s.shape) {
    case 'circle': {
      const ring = s.ring ? `<circle r="8.5" fill="none" stroke="${s.ring}" stroke-width="2"/>` : '';
      const text = s.text
        ? `<text dy="0.35em" text-anchor="middle" font-size="9" font-weight="700" fill="#ffffff">${escapeXml(s.text)}</text>`
        : '';
      return `${ring}<circle r="${s.ring ? 5.5 : 7}" fill="${s.fill}" stroke="#ffffff"/>${text}`;
    }
    case 'diamond':
      return `<path d="${diamondPath(5.5)}" fill="${s.fill}" stroke="${COLOURS.maliciousEdge}" stroke-width="1.2"/><rect x="0.5" y="-10" width="9.5" height="8" rx="2" fill="${COLOURS.badge}"/>`;
    case 'dot':
      return s.hollow
        ? `<circle r="4" fill="none" stroke="${s.fill}" stroke-width="1.8"/>`
        : `<circle r="4" fill="${s.fill}"/>`;
    case 'line':
      return `<line x1="-9" x2="9" stroke="${s.stroke}" stroke-width="2"${s.dashed ? ' stroke-dasharray="4 3"' : ''}/>`;
    case 'hull':
      return `<rect x="-9" y="-7" width="18" height="14" rx="6" fill="${s.fill}" fill-opacity="0.3"/>`;
    case 'phases':
      return `<circle r="4" fill="${COLOURS.idle}"/>${s.colours
        .map((c, k) => `<path d="${phaseArcPath(7.5, k, 1)}" fill="none" stroke="${c}" stroke-width="2.5"/>`)
        .join('')}`;
    case 'cell':
      return `<rect x="-6" y="-6" width="12" height="12" fill="${s.fill}"/>`;
  }
}

/** How tall the legend panel is for these sections. */
export function legendHeight(sections: readonly LegendSection[]): number {
  return 36 + sections.reduce((h, s) => h + HEAD_PX + s.entries.length * ROW_PX, 0);
}

/** The legend as an SVG group at (x, y): a white card with each section's entries, as on the stage. */
export function legendSvg(sections: readonly LegendSection[], x: number, y: number): string {
  const out: string[] = [
    `<g transform="translate(${x},${y})" font-family="system-ui, sans-serif" fill="${COLOURS.label}">`,
    `<rect width="${legendWidth(sections) - 20}" height="${legendHeight(sections)}" rx="6" fill="#ffffff" stroke="#c9d2db"/>`,
    '<text x="12" y="24" font-size="15" font-weight="700">Legend</text>',
  ];
  let top = 36;
  for (const section of sections) {
    out.push(
      `<text x="12" y="${top + 15}" font-size="11" font-weight="700" fill="#4a5866" letter-spacing="0.5">${escapeXml(section.title.toUpperCase())}</text>`,
    );
    top += HEAD_PX;
    for (const entry of section.entries) {
      out.push(
        `<g transform="translate(24,${top + ROW_PX / 2})">${swatchSvg(entry.swatch)}</g>`,
        `<text x="42" y="${top + ROW_PX / 2}" dy="0.35em" font-size="13">${escapeXml(entry.label)}</text>`,
      );
      top += ROW_PX;
    }
  }
  out.push('</g>');
  return out.join('');
}
