/**
 * What the Consensus tab reads from an oral-messages (OM(m)) result: the commander,
 * the loyal lieutenants' decided orders, and IC1 / IC2 with their witnesses, put in
 * words. It reads the engine's verdict (oralMessagesAlgorithm.ts), never recomputes it.
 */
import { defaultOralM } from '../../engine/consensus/oralMessages';
import type { ConsensusResult } from '../../engine/consensus/types';
import type { ScenarioDraft } from '../scenarioSlice';

export type Order = 'attack' | 'retreat';

export interface OralWitness {
  agentId: string;
  order: Order;
}

/** An oral-messages result as the view shows it. */
export interface OralReading {
  m: number;
  generals: number;
  commander: OralWitness;
  commanderLoyal: boolean;
  traitors: string[];
  /** Every loyal lieutenant that decided, in general order, with the order it obeys. */
  decided: OralWitness[];
  /** Loyal lieutenants crashed before the end: they decide nothing and are left out of IC1/IC2. */
  crashed: string[];
  ic1: { held: boolean; witnesses: OralWitness[] };
  ic2: { held: boolean; applies: boolean; witnesses: OralWitness[] };
}

const isOrder = (x: unknown): x is Order => x === 'attack' || x === 'retreat';
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

function witnessesOf(x: unknown): OralWitness[] {
  if (!Array.isArray(x)) return [];
  return x.flatMap((w) =>
    isObject(w) && typeof w.agentId === 'string' && isOrder(w.order) ? [{ agentId: w.agentId, order: w.order }] : [],
  );
}

const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);

/** The OM(m) reading of a consensus result; null when it is not one (or predates IC1/IC2 in results). */
export function readOralMessages(result: ConsensusResult): OralReading | null {
  const meta = result.metadata;
  if (result.algorithmUsed !== 'oral-messages' || !isObject(meta.ic1) || !isObject(meta.ic2)) return null;
  const commander = String(meta.commander ?? result.participants[0] ?? '');
  const traitors = strings(meta.traitors);
  const order = isOrder(meta.commanderOrder) ? meta.commanderOrder : 'retreat';
  const decisions = isObject(meta.decisions) ? meta.decisions : {};
  return {
    m: Number(meta.m ?? 0),
    generals: result.participants.length,
    commander: { agentId: commander, order },
    commanderLoyal: !traitors.includes(commander),
    traitors,
    decided: result.participants.flatMap((id) => {
      const o = decisions[id];
      return isOrder(o) ? [{ agentId: id, order: o }] : [];
    }),
    crashed: strings(meta.crashed),
    ic1: { held: meta.ic1.held === true, witnesses: witnessesOf(meta.ic1.witnesses) },
    ic2: {
      held: meta.ic2.held === true,
      applies: meta.ic2.applies === true,
      witnesses: witnessesOf(meta.ic2.witnesses),
    },
  };
}

/** Above this many witnesses they are grouped by order instead of listed one by one. */
const LIST_WITNESSES = 8;

/** "agent-2 obeyed 'attack', agent-3 obeyed 'retreat'" (grouped by order for many witnesses). */
export function obeyedWords(witnesses: readonly OralWitness[]): string {
  if (witnesses.length === 0) return 'no loyal lieutenant decided';
  if (witnesses.length <= LIST_WITNESSES) return witnesses.map((w) => `${w.agentId} obeyed '${w.order}'`).join(', ');
  return (['attack', 'retreat'] as const)
    .map((order) => {
      const ids = witnesses.filter((w) => w.order === order).map((w) => w.agentId);
      if (ids.length === 0) return '';
      const shown = ids.length > 4 ? `${ids.slice(0, 4).join(', ')} and ${ids.length - 4} more` : ids.join(', ');
      return `${ids.length} obeyed '${order}' (${shown})`;
    })
    .filter(Boolean)
    .join('; ');
}

/** One condition's verdict: a title ("IC1 violated") and what shows it, in words. */
export interface RuleWords {
  held: boolean;
  title: string;
  text: string;
}

/** IC1: held or violated, and who decided what. */
export function ic1Words(r: OralReading): RuleWords {
  const who = obeyedWords(r.ic1.witnesses);
  return r.ic1.held
    ? { held: true, title: 'IC1 held', text: `all loyal lieutenants obey the same order: ${who}.` }
    : { held: false, title: 'IC1 violated', text: `the loyal lieutenants obey different orders: ${who}.` };
}

/** IC2: held, violated (the loyal commander's order and who disobeyed it), or not binding. */
export function ic2Words(r: OralReading): RuleWords {
  const c = r.commander;
  if (!r.ic2.applies)
    return {
      held: true,
      title: 'IC2 holds trivially',
      text: `the commander ${c.agentId} is a traitor, so no order binds the loyal lieutenants.`,
    };
  return r.ic2.held
    ? {
        held: true,
        title: 'IC2 held',
        text: `the loyal commander ${c.agentId} ordered '${c.order}' and every loyal lieutenant obeys it: ${obeyedWords(r.ic2.witnesses)}.`,
      }
    : {
        held: false,
        title: 'IC2 violated',
        text: `the loyal commander ${c.agentId} ordered '${c.order}', but ${obeyedWords(r.ic2.witnesses)}.`,
      };
}

/** The lesson in one line: how many traitors OM(m) withstands for these n and m. */
export function guaranteeWords(r: OralReading): string {
  const n = r.generals;
  const traitors = r.traitors.length;
  const within = n > 3 * r.m && traitors <= r.m;
  return within
    ? `n = ${n} > 3m = ${3 * r.m} and ${traitors} traitor${traitors === 1 ? '' : 's'} ≤ m: OM(${r.m}) guarantees IC1 and IC2.`
    : `OM(${r.m}) guarantees IC1 and IC2 only with at most m traitors and n > 3m; here n = ${n}, 3m = ${3 * r.m}, ${traitors} traitor${traitors === 1 ? '' : 's'}: no guarantee.`;
}

/** How many generals an OM(m) run of this draft would have: run.participants, else every agent. */
export function draftGenerals(draft: ScenarioDraft, builtAgents: number | undefined): number {
  const participants = draft.run.participants;
  if (Array.isArray(participants)) return participants.length;
  return builtAgents ?? draft.topology.agents?.length ?? draft.topology.agentCount ?? 0;
}

/** The m the form shows: run.m, else the older numRounds − 1, else the engine's default for n generals. */
export function draftOralM(draft: ScenarioDraft, generals: number): { m: number; isDefault: boolean } {
  const { m, numRounds } = draft.run;
  if (typeof m === 'number') return { m, isDefault: false };
  if (typeof numRounds === 'number') return { m: numRounds - 1, isDefault: false };
  return { m: defaultOralM(generals), isDefault: true };
}
