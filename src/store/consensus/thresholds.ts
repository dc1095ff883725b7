/**
 * Where the threshold line sits for each algorithm, in the units the tally is
 * drawn in (votes, or weight for weighted runs), with the rule in words. The
 * numbers mirror the engines' rules (quorum.ts, weighted.ts, gossip.ts, the
 * Bracha decision in reliableBroadcast.ts); they are read from the result the
 * engine returned, never recomputed from the scenario.
 */
import type { ConsensusResult } from '../../engine/consensus/types';

export interface ThresholdModel {
  unit: 'votes' | 'weight';
  /** The bar's full length: participants, or their total weight. */
  total: number;
  /** `for` must reach this to approve. */
  approveAt: number;
  /** Strictly more than `approveAt` (simple majority) rather than at least. */
  strict: boolean;
  /** Byzantine: `against`/missing deliveries beyond this make approval impossible (reject). */
  rejectAbove?: number;
  rule: string;
}

const frac = (x: number) => {
  if (Math.abs(x - 2 / 3) < 1e-9) return '2/3';
  if (Math.abs(x - 0.5) < 1e-9) return '1/2';
  return String(Math.round(x * 1000) / 1000);
};
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

export function thresholdModel(result: ConsensusResult): ThresholdModel {
  const n = result.participants.length;
  const meta = result.metadata ?? {};
  switch (result.algorithmUsed) {
    case 'weighted': {
      const total = Number(meta.totalWeight ?? n);
      const at = result.threshold * total;
      return {
        unit: 'weight',
        total,
        approveAt: at,
        strict: false,
        rule: `Approve when the weight for reaches ${frac(result.threshold)} of the total weight ${num(total)} (= ${num(at)}).`,
      };
    }
    case 'byzantine': {
      const f = Number(meta.faultTolerance ?? 1);
      const need = 2 * f + 1;
      return {
        unit: 'votes',
        total: n,
        approveAt: need,
        strict: false,
        rejectAbove: n - need,
        rule: `Each honest agent approves once reliable broadcast has delivered 2f + 1 = ${need} votes for (f = ${f}), and rejects once more than ${n - need} delivered votes are not for.`,
      };
    }
    case 'quorum': {
      const mode = String(meta.mode ?? '');
      const strict = mode === 'simple';
      const at = result.threshold * n;
      const words =
        mode === 'simple'
          ? `more than half of ${n} (> ${num(at)})`
          : mode === 'unanimous'
            ? `all ${n}`
            : `at least ${frac(result.threshold)} of ${n} (≥ ${num(at)})`;
      return { unit: 'votes', total: n, approveAt: at, strict, rule: `Approve when the votes for are ${words}.` };
    }
    case 'gossip': {
      const at = result.threshold * n;
      return {
        unit: 'votes',
        total: n,
        approveAt: at,
        strict: false,
        rule: `Agents gossip their votes; approve when the share for reaches ${frac(result.threshold)} of ${n} (≥ ${num(at)}) at the end.`,
      };
    }
    case 'oral-messages': {
      // The bar counts what the result counts: the loyal lieutenants that decided (not the traitors or the commander).
      const loyal = Object.keys((meta.decisions as object | undefined) ?? {}).length;
      return {
        unit: 'votes',
        total: loyal,
        approveAt: loyal / 2,
        strict: true,
        rule: `Each loyal lieutenant obeys the majority of the orders relayed to it over m = ${num(Number(meta.m ?? 0))} rounds (a tie or a missing message: retreat); approved when more than half of the ${loyal} loyal ${loyal === 1 ? 'lieutenant obeys' : 'lieutenants obey'} attack.`,
      };
    }
    default:
      return {
        unit: 'votes',
        total: n,
        approveAt: n / 2,
        strict: true,
        rule: 'Approve when more than half of the participants vote for.',
      };
  }
}
