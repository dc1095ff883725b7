import type { Behaviour } from '../../worker/protocol';
import { FLIGHT_KIND_LABEL, type RunVocabulary } from '../traceIndex';
import { BEHAVIOUR_BADGE, COLOURS, FLIGHT_COLOURS, GROUP_TINTS, PHASE_COLOURS } from './palette';

/** How a legend entry is drawn: the same mark as on the stage, small. */
export type Swatch =
  | { shape: 'circle'; fill: string; text?: string; ring?: string }
  | { shape: 'diamond'; fill: string; badge: string }
  | { shape: 'dot'; fill: string; hollow?: boolean }
  | { shape: 'line'; stroke: string; dashed?: boolean }
  | { shape: 'hull'; fill: string }
  | { shape: 'phases'; colours: readonly string[] }
  | { shape: 'cell'; fill: string };

export interface LegendEntry {
  id: string;
  label: string;
  swatch: Swatch;
}

export interface LegendSection {
  title: string;
  entries: LegendEntry[];
}

/** What the stage shows, which decides what the legend lists. */
export interface LegendInput {
  /** Behaviours of the drawn agents (none for an aggregate field). */
  behaviours: readonly Behaviour[];
  /** What the run draws; null before a run (the swarm alone). */
  vocabulary: RunVocabulary | null;
  /** An aggregate run drawn as a field of cells instead of a swarm. */
  field?: boolean;
}

const VOTE_WORDS = { for: 'voted for', against: 'voted against', abstain: 'abstained' } as const;
const VOTE_TEXT = { for: '✓', against: '✗', abstain: '–' } as const;
const DECISION_WORDS = { approved: 'decided: approved', rejected: 'decided: rejected', timeout: 'timed out' } as const;

function agentEntries(behaviours: readonly Behaviour[], v: RunVocabulary | null): LegendEntry[] {
  const out: LegendEntry[] = [];
  const kinds = new Set(behaviours);
  const idleWords = v?.marks.includes('informed') ? 'agent, not yet informed' : 'agent';
  if (kinds.has('honest'))
    out.push({ id: 'honest', label: idleWords, swatch: { shape: 'circle', fill: COLOURS.idle } });
  for (const b of kinds) {
    if (b === 'honest') continue;
    const badge = BEHAVIOUR_BADGE[b] ?? '!';
    out.push({
      id: `behaviour-${b}`,
      label: `malicious: ${b} (badge ${badge})`,
      swatch: { shape: 'diamond', fill: COLOURS.idle, badge },
    });
  }
  return out;
}

function stateEntries(v: RunVocabulary): LegendEntry[] {
  const out: LegendEntry[] = [];
  if (v.marks.includes('informed'))
    out.push({
      id: 'informed',
      label: v.maxRound >= 0 ? 'informed (number: the round it heard)' : 'informed',
      swatch: { shape: 'circle', fill: COLOURS.informed, text: v.maxRound >= 0 ? '3' : '•' },
    });
  for (const vote of v.votes)
    out.push({
      id: `vote-${vote}`,
      label: VOTE_WORDS[vote],
      swatch: { shape: 'circle', fill: COLOURS[vote], text: VOTE_TEXT[vote] },
    });
  for (const d of v.decisions)
    out.push({
      id: `decision-${d}`,
      label: `${DECISION_WORDS[d]} (ring)`,
      swatch: { shape: 'circle', fill: COLOURS.idle, ring: COLOURS[d] },
    });
  if (v.phases)
    out.push({
      id: 'phases',
      label: 'phase ring: SEND · ECHO · READY done',
      swatch: { shape: 'phases', colours: PHASE_COLOURS },
    });
  if (v.crashes)
    out.push({
      id: 'crashed',
      label: 'crashed (greyed, crossed)',
      swatch: { shape: 'circle', fill: COLOURS.crashed, text: '×' },
    });
  return out;
}

function messageEntries(v: RunVocabulary): LegendEntry[] {
  const out: LegendEntry[] = v.flightKinds.map((k) => ({
    id: `message-${k}`,
    label: FLIGHT_KIND_LABEL[k],
    swatch: { shape: 'dot', fill: FLIGHT_COLOURS[k] },
  }));
  if (v.lostInFlight)
    out.push({
      id: 'message-lost',
      label: 'lost in flight',
      swatch: { shape: 'dot', fill: COLOURS.dropped, hollow: true },
    });
  return out;
}

/**
 * The legend for what the stage draws now: only the marks, states and message kinds that occur
 * in this swarm and this run, so the legend never explains something that is not on screen.
 * @example legendSections({ behaviours: ['honest'], vocabulary: null })[0].entries[0].label // 'agent'
 */
export function legendSections({ behaviours, vocabulary: v, field }: LegendInput): LegendSection[] {
  if (field)
    return [
      {
        title: 'Field',
        entries: [
          {
            id: 'field-off',
            label: 'one cell: one agent, not yet informed',
            swatch: { shape: 'cell', fill: COLOURS.fieldOff },
          },
          {
            id: 'field-on',
            label: 'informed (cells count agents; which cell is arbitrary)',
            swatch: { shape: 'cell', fill: COLOURS.fieldOn },
          },
        ],
      },
    ];
  const sections: LegendSection[] = [{ title: 'Agents', entries: agentEntries(behaviours, v) }];
  if (v) {
    sections.push({ title: 'State', entries: stateEntries(v) });
    sections.push({ title: 'Messages', entries: messageEntries(v) });
  }
  const network: LegendEntry[] = [{ id: 'link', label: 'link', swatch: { shape: 'line', stroke: COLOURS.link } }];
  if (v?.partitions)
    network.push(
      { id: 'partition-group', label: 'partition group (tinted)', swatch: { shape: 'hull', fill: GROUP_TINTS[0] } },
      {
        id: 'cut-link',
        label: 'link cut by the partition',
        swatch: { shape: 'line', stroke: COLOURS.dropped, dashed: true },
      },
    );
  sections.push({ title: 'Network', entries: network });
  return sections.filter((s) => s.entries.length > 0);
}
