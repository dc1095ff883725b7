import type { AgentMark, FlightKind } from '../traceIndex';

/**
 * The stage's colours, shared by the renderers, the legend and exported pictures: Okabe–Ito
 * (distinguishable with the common colour-vision deficiencies). Every state also has a glyph or
 * shape, so colour is never the only cue.
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
  maliciousEdge: '#7a3e00',
  crashed: '#bbbbbb',
  selected: '#111111',
  link: '#9aa7b4',
  message: '#56B4E9',
  dropped: '#D55E00',
  label: '#1b2733',
  badge: '#7a3e00',
  track: '#d8dee4',
  fieldOff: '#dfe6ee',
  fieldOn: '#009E73',
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

/** A message dot's colour by what it carries (kinds that share a run never share a colour). */
export const FLIGHT_COLOURS: Record<FlightKind, string> = {
  request: '#999999',
  vote: '#56B4E9',
  echo: '#CC79A7',
  ready: '#0072B2',
  rumor: '#009E73',
  order: '#0072B2',
  relay: '#CC79A7',
  sync: '#56B4E9',
  flood: '#56B4E9',
  append: '#0072B2',
  task: '#E69F00',
  other: '#666666',
};

/** The phase ring's arcs: SEND, ECHO, READY (the colours of those messages in flight; none is a decision's green). */
export const PHASE_COLOURS = ['#56B4E9', '#CC79A7', '#0072B2'] as const;

/** Light tints for the groups of a partition (the agents in no named group take the last). */
export const GROUP_TINTS = ['#56B4E9', '#E69F00', '#CC79A7', '#009E73', '#F0E442', '#999999'] as const;

/** Short badges naming a malicious behaviour on its agent (the legend spells them out). */
export const BEHAVIOUR_BADGE: Record<string, string> = {
  equivocate: 'Eq',
  flip: 'Fl',
  silent: 'Si',
  random: 'Rn',
  'lie-in-relay': 'Li',
  stubborn: 'St',
};
