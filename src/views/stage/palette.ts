import type { AgentMark } from '../../store/traceIndex';

/**
 * Okabe–Ito colours (distinguishable with the common colour-vision deficiencies);
 * every state also has a glyph or shape, so colour is never the only cue.
 */
export const COLOURS = {
  idle: '#0072B2',
  informed: '#009E73',
  for: '#009E73',
  against: '#D55E00',
  abstain: '#999999',
  approved: '#009E73',
  rejected: '#D55E00',
  timeout: '#E69F00',
  malicious: '#E69F00',
  crashed: '#bbbbbb',
  selected: '#111111',
  link: '#9aa7b4',
  message: '#56B4E9',
  dropped: '#D55E00',
} as const;

export const MARK_GLYPH: Record<AgentMark, string> = {
  idle: '',
  informed: '•',
  for: '✓',
  against: '✗',
  abstain: '–',
  approved: '✓',
  rejected: '✗',
  timeout: '⌛',
};

export function markColour(mark: AgentMark): string {
  return COLOURS[mark];
}
