import {
  defaultFaultTolerance,
  type PbftPropertyName,
  type PbftSummary,
  type PbftVerdict,
  runPbft,
  validatePbftParams,
} from '../../consensus/pbft';
import { isMalicious } from '../../core/agent';
import type { Warning } from '../advice';
import { estimatePbft } from '../budgetLeaders';
import type { RunKindDescriptor, ScenarioOf, Violation } from '../kind';
import { paramsOf } from './params';
import { PBFT_PROPERTY_META, type PbftPropertyId, pbftMeta } from './pbft.meta';
import { plain } from './violation';

const ENGINE_NAME: Record<Exclude<PbftPropertyId, 'every-request-committed'>, PbftPropertyName> = {
  agreement: 'agreement',
  validity: 'validity',
};

/** n ≥ 3f + 1 (refused before the run, worded as Bracha's rule); more malicious replicas than f is the lesson. */
function pbftAdvice(scenario: ScenarioOf<'pbft'>): Warning[] {
  const agents = scenario.topology.agents;
  const params = validatePbftParams(paramsOf(scenario.run), { replicas: agents.length });
  const f = params.faultTolerance ?? defaultFaultTolerance(agents.length);
  const warnings: Warning[] = [];
  if (params.teaching.weakQuorums)
    warnings.push({
      field: 'run.teaching.weakQuorums',
      message:
        'Teaching switch on: quorums of f + 1 instead of 2f + 1, so two quorums need not share an honest replica — safety is not guaranteed (try "Find a counterexample").',
    });
  const malicious = agents.filter(isMalicious).length;
  if (malicious > f)
    warnings.push({
      field: 'run.faultTolerance',
      message: `${malicious} of ${agents.length} replicas are malicious: more than f = ${f}; safety is not guaranteed (try "Find a counterexample").`,
    });
  return warnings;
}

const short = (digest: string | undefined) => (digest === undefined ? 'a request' : `request ${digest.slice(0, 8)}…`);

function violationOf(id: keyof typeof ENGINE_NAME, verdict: PbftVerdict): Violation {
  const label = PBFT_PROPERTY_META[id].label;
  const w = verdict.witness;
  if (!w) return plain(label, `Violated ${verdict.violations} times.`);
  const more = verdict.violations > 1 ? `; ${verdict.violations} violations in all` : '';
  const [seq] = w.sequences;
  const details =
    id === 'agreement'
      ? w.agents.map((_, k) => `executed ${short(w.digests[k])} as number ${seq} (view ${w.views[k]})`)
      : [`executed ${short(w.digests[0])} as number ${seq}, which no client issued`];
  return {
    property: label,
    message: `${w.explanation} (at ${w.atMs} ms${more}).`,
    witnesses: w.agents.flatMap((agentId, k) => (details[k] ? [{ agentId, detail: details[k] }] : [])),
  };
}

function everyRequestCommitted(r: PbftSummary): Violation | undefined {
  if (r.allCommitted) return undefined;
  const missing = r.requests.filter((q) => q.committedAtMs === null);
  return plain(
    PBFT_PROPERTY_META['every-request-committed'].label,
    `${missing.length} of ${r.requests.length} requests never gathered f + 1 matching replies: ${missing
      .slice(0, 5)
      .map((q) => `“${q.value}”`)
      .join(', ')}${missing.length > 5 ? ', …' : ''}.`,
  );
}

export const pbftKind: RunKindDescriptor<'pbft', PbftSummary> = {
  meta: pbftMeta,
  estimate: estimatePbft,
  advise: pbftAdvice,
  run: (ctx, scenario) => runPbft(ctx, validatePbftParams(paramsOf(scenario.run), { replicas: ctx.coordinator.size })),
  check(id, r) {
    if (id === 'every-request-committed') return everyRequestCommitted(r);
    const name = ENGINE_NAME[id as keyof typeof ENGINE_NAME];
    const verdict = r.properties.find((p) => p.name === name);
    return verdict && !verdict.held ? violationOf(id as keyof typeof ENGINE_NAME, verdict) : undefined;
  },
};
