import type { ExplanationStep } from './explanation';
import { canonicalOrder, describeLww, lwwComparison, lwwOrder } from './order';
import { refOf, type StateVersion, type VersionRef } from './stateVersion';

export interface LwwOutcome {
  winner: StateVersion;
  discarded: StateVersion[];
  steps: ExplanationStep[];
}

/**
 * Last-writer-wins among `versions` (at least one): sorts them by `lwwOrder`,
 * and explains the winner against each loser, then the overall order.
 */
export function decideLww(versions: readonly StateVersion[]): LwwOutcome {
  const candidates = canonicalOrder(versions);
  const ranked = [...candidates].sort((a, b) => lwwOrder(b, a));
  const [winner, ...discarded] = ranked;
  const steps: ExplanationStep[] = discarded.map((loser) => {
    const comparison = lwwComparison(winner, loser);
    return {
      step: 'lww-compare',
      inputs: { left: refOf(winner), right: refOf(loser) },
      comparison,
      outcome: { winner: refOf(winner) },
      reason: `${label(winner)} beats ${label(loser)}: ${describeLww(comparison)}`,
    };
  });
  const order: VersionRef[] = ranked.map(refOf);
  steps.push({
    step: 'lww-result',
    inputs: { candidates: candidates.map(refOf) },
    comparison: { order },
    outcome: { winner: refOf(winner), discarded: discarded.map(refOf) },
    reason: `last writer wins: ${label(winner)} (order: ${ranked.map(label).join(' > ')})`,
  });
  return { winner, discarded, steps };
}

export function label(v: StateVersion | VersionRef): string {
  return `${v.agentId} v${v.version}`;
}
