import { type ClockOrder, compare, compareEntries, formatClock, merge, type VectorClock } from '../clocks/vectorClock';
import { checkLimit } from '../core/errors';
import type { ExplanationStep, VectorCompareStep } from './explanation';
import { decideLww, label } from './lwwStrategy';
import { canonicalOrder } from './order';
import { refOf, type StateVersion } from './stateVersion';

/** Versions the vector strategy compares pairwise (n² clock comparisons). */
export const MAX_VECTOR_VERSIONS = 2_048;
/** Pairwise comparisons among concurrent versions written out as steps; the rest are summarised. */
export const MAX_EXPLAINED_COMPARISONS = 256;

export interface VectorOutcome {
  winner: StateVersion;
  causal: boolean;
  concurrent: StateVersion[];
  discarded: StateVersion[];
  mergedClock: VectorClock;
  steps: ExplanationStep[];
}

/** A version's clock; a version without one has seen only its own `version` events. */
export function clockOf(v: StateVersion): VectorClock {
  return v.metadata.vectorClock ?? { [v.agentId]: v.version };
}

/**
 * Causal resolution: the versions no other version happened after are the
 * maximal ones. One maximum ⇒ it dominates every other version and wins
 * (`vector_causal`; timestamps play no part). Several ⇒ they are concurrent
 * (or equal-clocked) and LWW decides among them (`vector_concurrent_lww`).
 */
export function decideVector(versions: readonly StateVersion[]): VectorOutcome {
  checkLimit('MAX_VECTOR_VERSIONS', MAX_VECTOR_VERSIONS, versions.length);
  const vs = canonicalOrder(versions);
  const clocks = vs.map(clockOf);
  const steps: ExplanationStep[] = [clocksStep(vs, clocks)];
  const n = vs.length;
  const order: ClockOrder[][] = vs.map(() => new Array<ClockOrder>(n));
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const o = compare(clocks[i], clocks[j]);
      order[i][j] = o;
      order[j][i] = o === 'before' ? 'after' : o === 'after' ? 'before' : o;
    }
  const dominators = vs.map((_, i) => vs.map((_, j) => j).filter((j) => j !== i && order[i][j] === 'before'));
  const maximal = vs.map((_, i) => i).filter((i) => dominators[i].length === 0);
  // Each dominated version is explained against the first version that dominates it.
  for (let i = 0; i < n; i++) if (dominators[i].length > 0) steps.push(compareStep(vs, clocks, dominators[i][0], i));
  let explained = 0;
  for (let a = 0; a < maximal.length; a++)
    for (let b = a + 1; b < maximal.length; b++)
      if (explained++ < MAX_EXPLAINED_COMPARISONS) steps.push(compareStep(vs, clocks, maximal[a], maximal[b]));
  const causal = maximal.length === 1;
  steps.push({
    step: 'vector-maximal',
    inputs: { versions: vs.map(refOf) },
    comparison: {
      dominated: dominators.flatMap((d, i) =>
        d.length ? [{ version: refOf(vs[i]), by: d.map((j) => refOf(vs[j])) }] : [],
      ),
    },
    outcome: { maximal: maximal.map((i) => refOf(vs[i])), causalWinner: causal ? refOf(vs[maximal[0]]) : null },
    reason: causal
      ? `${label(vs[maximal[0]])} causally dominates every other version ⇒ it wins; timestamps are not consulted`
      : `no single version dominates; concurrent maxima: ${maximal.map((i) => label(vs[i])).join(', ')} ⇒ latest timestamp among them`,
  });
  const mergedClock = clocks.reduce((acc, c) => merge(acc, c), {} as VectorClock);
  const concurrent = maximal.map((i) => vs[i]);
  if (causal) {
    const winner = concurrent[0];
    return { winner, causal, concurrent: [], discarded: vs.filter((v) => v !== winner), mergedClock, steps };
  }
  const lww = decideLww(concurrent);
  steps.push(...lww.steps);
  const discarded = vs.filter((v) => v !== lww.winner);
  return { winner: lww.winner, causal, concurrent, discarded, mergedClock, steps };
}

function clocksStep(vs: StateVersion[], clocks: VectorClock[]): ExplanationStep {
  const implicitFor = vs.filter((v) => !v.metadata.vectorClock).map((v) => v.agentId);
  return {
    step: 'vector-clocks',
    inputs: { versions: vs.map((v, i) => ({ ...refOf(v), clock: clocks[i], implicit: !v.metadata.vectorClock })) },
    comparison: null,
    outcome: { implicitFor },
    reason: implicitFor.length
      ? `no vector clock on ${implicitFor.join(', ')} ⇒ taken as {agentId: version}`
      : 'every version carries a vector clock',
  };
}

function compareStep(vs: StateVersion[], clocks: VectorClock[], l: number, r: number): VectorCompareStep {
  const entries = compareEntries(clocks[l], clocks[r]);
  const order = compare(clocks[l], clocks[r]);
  const cells = entries.map((e) => `${e.agent}: ${e.left} ${e.cmp} ${e.right}`).join(', ');
  const words = order === 'after' ? `${vs[r].agentId} happened before ${vs[l].agentId}` : order;
  return {
    step: 'vector-compare',
    inputs: { left: { ...refOf(vs[l]), clock: clocks[l] }, right: { ...refOf(vs[r]), clock: clocks[r] } },
    comparison: { entries },
    outcome: { order },
    reason: `${vs[l].agentId} ${formatClock(clocks[l])} vs ${vs[r].agentId} ${formatClock(clocks[r])}: ${cells} ⇒ ${words}`,
  };
}
