import type { GCounter } from '../crdt/gCounter';
import { compareStrings } from '../crdt/json';
import type { PNCounter } from '../crdt/pnCounter';
import type { CounterMergeStep, PnCounterMergeStep } from './explanation';
import { label } from './lwwStrategy';
import { refOf, type VersionRef } from './stateVersion';
import type { StatedVersion } from './versionState';

/** Entries shown per carried state in a sentence; the step's data has them all. */
const SHOWN_ENTRIES = 6;

const sum = (counts: Record<string, number>) => Object.keys(counts).reduce((s, k) => s + counts[k], 0);
const maxOf = (values: readonly number[]) => values.reduce((m, x) => Math.max(m, x), 0);

/** `{agent-1: 42, agent-2: 45}` (the first few entries, then how many more). */
export function formatCounts(counts: Record<string, number>): string {
  const keys = Object.keys(counts).sort(compareStrings);
  const shown = keys.slice(0, SHOWN_ENTRIES).map((k) => `${k}: ${counts[k]}`);
  const more = keys.length > SHOWN_ENTRIES ? `, … ${keys.length - SHOWN_ENTRIES} more` : '';
  return `{${shown.join(', ')}${more}}`;
}

/** Per agent: the count each holding version has for it (in input order), and which versions those are. */
function holdings(inputs: readonly { ref: VersionRef; counts: Record<string, number> }[]) {
  const byAgent = new Map<string, { values: number[]; from: VersionRef[] }>();
  for (const { ref, counts } of inputs)
    for (const agent of Object.keys(counts)) {
      const held = byAgent.get(agent) ?? { values: [], from: [] };
      held.values.push(counts[agent]);
      held.from.push(ref);
      byAgent.set(agent, held);
    }
  return byAgent;
}

/** "join of per-agent counts (coordinator v3 carries {…}); " when a version brought a state, else nothing. */
function carriedStates(inputs: readonly { ref: VersionRef; source: string; text: string }[]): string {
  const carried = inputs.filter((c) => c.source === 'state');
  if (carried.length === 0) return '';
  return `join of per-agent counts (${carried.map((c) => `${label(c.ref)} carries ${c.text}`).join('; ')}); `;
}

/**
 * G-Counter join: every version brings per-agent counts (a write brings its
 * agent's count, a merged version all the counts it merged); the join keeps
 * each agent's largest count, so a version already merged adds nothing.
 */
export function counterStep(inputs: readonly StatedVersion[], joined: GCounter): CounterMergeStep {
  const contributions = inputs.map((s) => {
    const counts = (s.replica as GCounter).entries();
    return { ...refOf(s.v), value: sum(counts), counts, source: s.source };
  });
  const byAgent = holdings(contributions.map((c) => ({ ref: refOf(c), counts: c.counts })));
  const perAgent = [...byAgent.keys()].sort(compareStrings).map((agent) => {
    const { values, from } = byAgent.get(agent) as { values: number[]; from: VersionRef[] };
    return { agent, values, from, max: maxOf(values) };
  });
  const value = joined.value();
  const naiveSum = contributions.reduce((s, c) => s + c.value, 0);
  const dup = naiveSum !== value ? ` (a naive sum of every version would say ${naiveSum})` : '';
  const via = carriedStates(contributions.map((c) => ({ ref: c, source: c.source, text: formatCounts(c.counts) })));
  return {
    step: 'counter-merge',
    inputs: { contributions },
    comparison: { perAgent, naiveSum },
    outcome: { value, counts: joined.entries() },
    reason: `counter: ${via}per-agent max: ${perAgent.map((a) => `${a.agent} = ${a.max}`).join(', ')}; sum = ${value}${dup}`,
  };
}

/** PN-Counter join: two G-Counters, increments `p` and decrements `n`, each joined by per-agent max. */
export function pnCounterStep(inputs: readonly StatedVersion[], joined: PNCounter): PnCounterMergeStep {
  const contributions = inputs.map((s) => {
    const { p, n } = (s.replica as PNCounter).state();
    return { ...refOf(s.v), increments: sum(p), decrements: sum(n), p, n, source: s.source };
  });
  // An agent absent from one of p, n has 0 there: a missing G-Counter entry is a zero.
  const byAgent = new Map<string, { from: VersionRef[]; increments: number[]; decrements: number[] }>();
  for (const c of contributions)
    for (const agent of new Set([...Object.keys(c.p), ...Object.keys(c.n)])) {
      const held = byAgent.get(agent) ?? { from: [], increments: [], decrements: [] };
      held.from.push(refOf(c));
      held.increments.push(Object.hasOwn(c.p, agent) ? c.p[agent] : 0);
      held.decrements.push(Object.hasOwn(c.n, agent) ? c.n[agent] : 0);
      byAgent.set(agent, held);
    }
  const perAgent = [...byAgent.keys()].sort(compareStrings).map((agent) => {
    const held = byAgent.get(agent) as { from: VersionRef[]; increments: number[]; decrements: number[] };
    return { agent, ...held, maxIncrements: maxOf(held.increments), maxDecrements: maxOf(held.decrements) };
  });
  const state = joined.state();
  const increments = sum(state.p);
  const decrements = sum(state.n);
  const value = increments - decrements;
  const via = carriedStates(
    contributions.map((c) => ({ ref: c, source: c.source, text: `+${formatCounts(c.p)} −${formatCounts(c.n)}` })),
  );
  return {
    step: 'pn-counter-merge',
    inputs: { contributions },
    comparison: { perAgent },
    outcome: { increments, decrements, value },
    reason: `pn-counter: ${via}per-agent max of increments (${increments}) minus per-agent max of decrements (${decrements}) = ${value}`,
  };
}
