import { byzantineSizeRule } from '../../consensus/byzantine';
import {
  type ConsensusSummary,
  plannedParticipants,
  runConsensus,
  validateConsensusParams,
} from '../../consensus/runs';
import { ValidationError } from '../../core/errors';
import type { Warning } from '../advice';
import { estimateConsensus } from '../budgetKinds';
import type { RunKindDescriptor, ScenarioOf, Violation } from '../kind';
import { consensusMeta } from './consensus.meta';
import { paramsOf } from './params';
import { plain, withinRounds } from './violation';

/** Byzantine agreement needs n ≥ 3f + 1 (refused before the run); more malicious agents than f is the lesson. */
function byzantineAdvice(scenario: ScenarioOf<'consensus'>): Warning[] {
  const run = scenario.run;
  const f = run.faultTolerance ?? 1;
  const crashedAtStart = new Set(
    scenario.network.faults.flatMap((x) => (x.kind === 'crash' && x.atMs === 0 ? [x.agent] : [])),
  );
  const ids = run.participants ?? scenario.topology.agents.map((a) => a.id).filter((id) => !crashedAtStart.has(id));
  const n = ids.length;
  if (n < 3 * f + 1) throw new ValidationError('run.faultTolerance', byzantineSizeRule(f, n));
  const byId = new Map(scenario.topology.agents.map((a) => [a.id, a]));
  const malicious = ids.filter((id) => (byId.get(id)?.behaviour ?? 'honest') !== 'honest').length;
  if (malicious <= f) return [];
  return [
    {
      field: 'run.faultTolerance',
      message: `${malicious} of ${n} agents are malicious: more than f = ${f}; safety is not guaranteed (try "Find a counterexample").`,
    },
  ];
}

function honestAgreement(r: ConsensusSummary): Violation | undefined {
  const agreement = r.agreement;
  if (!agreement || agreement.agreed) return undefined;
  const w = agreement.witnesses;
  const votes = (side: 'approvedSide' | 'rejectedSide') =>
    (w?.differingVotes ?? []).map((d) => `${d.owner}: ${d[side] ?? 'nothing'}`).join(', ');
  return {
    property: 'all honest agents decide the same',
    message: `Honest agents disagree: ${agreement.approved.length} approved, ${agreement.rejected.length} rejected.`,
    witnesses: w
      ? [
          { agentId: w.approvedBy, detail: `approved, having delivered ${votes('approvedSide')}` },
          { agentId: w.rejectedBy, detail: `rejected, having delivered ${votes('rejectedSide')}` },
        ]
      : [],
  };
}

function interactiveConsistency(r: ConsensusSummary): Violation | undefined {
  const v = r.result.metadata.violation as
    | { rule: string; witnesses: { agentId: string; order: string }[] }
    | undefined;
  if (!v) return undefined;
  return {
    property: 'loyal generals agree (interactive consistency)',
    message: `Interactive consistency broken (${v.rule}).`,
    witnesses: v.witnesses.map((w) => ({ agentId: w.agentId, detail: `decided ${w.order}` })),
  };
}

function converges(r: ConsensusSummary, k: number): Violation | undefined {
  const meta = r.result.metadata;
  const history = (meta.history as { round: number; agreementRatio: number }[] | undefined) ?? [];
  const threshold = Number(meta.convergenceThreshold ?? 0.95);
  if (history.some((h) => h.round <= k && h.agreementRatio >= threshold)) return undefined;
  const last = history.filter((h) => h.round <= k).at(-1);
  return plain(
    withinRounds('the vote converges', k),
    `After ${last?.round ?? 0} rounds the agreement ratio is ${(last?.agreementRatio ?? 0).toFixed(2)}, below ${threshold}.`,
  );
}

export const consensusKind: RunKindDescriptor<'consensus', ConsensusSummary> = {
  meta: consensusMeta,
  estimate: estimateConsensus,
  advise(scenario) {
    validateConsensusParams(paramsOf(scenario.run), { participants: plannedParticipants(scenario) });
    return scenario.run.algorithm === 'byzantine' ? byzantineAdvice(scenario) : [];
  },
  run: (ctx, scenario) => runConsensus(ctx, paramsOf(scenario.run)),
  check(id, r, bound) {
    switch (id) {
      case 'honest-agreement':
        return honestAgreement(r);
      case 'interactive-consistency':
        return interactiveConsistency(r);
      case 'converges':
        return converges(r, bound ?? Number(r.result.metadata.rounds ?? 5));
      default:
        return r.result.decision === 'timeout'
          ? plain('a decision before the timeout', 'The proposal timed out.')
          : undefined;
    }
  },
};
