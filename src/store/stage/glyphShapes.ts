import { useStore } from '../index';
import { AGENT_MARKS, DECISION_CODES, type GlyphFrame, VOTE_CODES } from '../traceIndex';
import { COLOURS, MARK_GLYPH, markColour } from './palette';

/**
 * The geometry of an agent's glyph in screen pixels, one source for the SVG stage, the canvas
 * stage and the exported picture: the body's radius, the phase ring around it, the behaviour
 * badge at its top right (never under 10 px), the decision ring and the label under it.
 */
export interface GlyphSize {
  /** Body radius. */
  r: number;
  /** Radius of the phase ring's centre line, and its width. */
  ringR: number;
  ringWidth: number;
  /** Behaviour badge: height (≥ 10 px) and font size. */
  badgeH: number;
  badgeFont: number;
  /** Font size of the text in the body (vote, round). */
  centreFont: number;
  labelFont: number;
  /** Whether the body is big enough to hold text. */
  centreText: boolean;
}

/** Agent radius on screen, in pixels, smaller for larger swarms. */
export function agentRadius(n: number): number {
  return n > 2000 ? 3 : n > 500 ? 4 : n > 100 ? 7 : n > 30 ? 10 : n > 12 ? 13 : 16;
}

/** Projector mode (the UI slice's `projector`) draws glyphs this much larger, as it does text. */
export const PROJECTOR_GLYPH_SCALE = 1.35;

export function glyphSize(
  n: number,
  scale = useStore.getState().prefs.projector ? PROJECTOR_GLYPH_SCALE : 1,
): GlyphSize {
  const r = agentRadius(n) * scale;
  return {
    r,
    ringR: r + 8 * scale,
    ringWidth: 3.5 * scale,
    badgeH: Math.max(10, Math.min(14 * scale, r)),
    badgeFont: (r >= 10 ? 10 : 9) * scale,
    centreFont: Math.max(9, Math.round(r * 1.05)),
    labelFont: (n > 100 ? 10 : 12) * scale,
    centreText: r >= 7,
  };
}

/** At most this many agents carry their label on the stage at all times (beyond: hover and selection). */
export const MAX_ALWAYS_LABELLED = 60;

/** The malicious agent's body: a diamond of half-diagonal 1.25 r, centred on 0, 0. */
export const diamondPath = (r: number) => `M0,${-r * 1.25}L${r * 1.25},0L0,${r * 1.25}L${-r * 1.25},0Z`;

/** One third of the phase ring (phase 0 at the top, clockwise), filled to `share` of it; '' for none. */
export function phaseArcPath(radius: number, phase: number, share: number): string {
  if (share <= 0) return '';
  const gap = 0.22;
  const third = (2 * Math.PI) / 3;
  const a0 = -Math.PI / 2 + phase * third + gap / 2;
  const a1 = a0 + (third - gap) * Math.min(1, share);
  const [x0, y0] = [radius * Math.cos(a0), radius * Math.sin(a0)];
  const [x1, y1] = [radius * Math.cos(a1), radius * Math.sin(a1)];
  return `M${x0.toFixed(2)},${y0.toFixed(2)}A${radius},${radius} 0 0 1 ${x1.toFixed(2)},${y1.toFixed(2)}`;
}

/** The body's fill: grey when down, else the vote it sent, else its state (informed, decided…). */
export function glyphFill(g: GlyphFrame, i: number): string {
  if (g.crashed[i]) return COLOURS.crashed;
  const vote = g.vote[i];
  if (vote >= 0) return COLOURS[VOTE_CODES[vote]];
  return markColour(AGENT_MARKS[g.mark[i]]);
}

/** The agent's state in one word (crashed, its vote, or its mark), as the stage exposes it on each agent. */
export function glyphState(g: GlyphFrame | null, i: number): string {
  if (!g) return 'idle';
  if (g.crashed[i]) return 'crashed';
  const vote = g.vote[i];
  return vote >= 0 ? VOTE_CODES[vote] : AGENT_MARKS[g.mark[i]];
}

/** The text in the body: × when down, the round it was informed in, its vote, or its state's glyph. */
export function glyphText(g: GlyphFrame, i: number): string {
  if (g.crashed[i]) return '×';
  if (g.round[i] >= 0) return String(g.round[i]);
  const vote = g.vote[i];
  if (vote >= 0) return MARK_GLYPH[VOTE_CODES[vote]];
  return MARK_GLYPH[AGENT_MARKS[g.mark[i]]];
}

/** The decision ring's colour, or null while undecided. */
export function decisionColour(g: GlyphFrame, i: number): string | null {
  const d = g.decision[i];
  return d >= 0 && !g.crashed[i] ? COLOURS[DECISION_CODES[d]] : null;
}

/** Words for an agent's state, for its accessible name and tooltip. */
export function glyphWords(g: GlyphFrame | null, i: number): string {
  if (!g) return '';
  if (g.crashed[i]) return 'crashed';
  const parts: string[] = [];
  if (g.round[i] >= 0) parts.push(`informed in round ${g.round[i]}`);
  else if (AGENT_MARKS[g.mark[i]] === 'informed') parts.push('informed');
  if (g.vote[i] >= 0) parts.push(`voted ${VOTE_CODES[g.vote[i]]}`);
  if (g.decision[i] >= 0) parts.push(`decided ${DECISION_CODES[g.decision[i]]}`);
  return parts.join(', ');
}
