/**
 * "Find a counterexample": model checking by sampling. Runs the scenario for
 * seed after seed (without recording the trace) until one run breaks the
 * property the run kind is about, and returns that seed, its summary and the
 * violation with its witnesses, so the player can open the run and the CLI can
 * replay it from the scenario and the seed alone.
 */
import { runScenario } from '../../engine/runs/runScenario';
import { parseScenario } from '../../engine/scenario';
import type { RunFailure, RunSummary } from '../protocol';
import { toFailure } from './runs';

/** The most seeds one search may try (each is a full run). */
export const MAX_SEARCH_SEEDS = 100_000;

export interface SearchRequest {
  /** First seed tried (default: the scenario's seed). */
  firstSeed?: number;
  /** Seeds to try. Default 1,000. */
  maxSeeds?: number;
  /** Gossip vote and rumor: the property is "converges within k rounds". */
  withinRounds?: number;
}

/** What broke, in words, and who shows it. */
export interface Violation {
  property: string;
  message: string;
  witnesses: { agentId: string; detail: string }[];
}

export type SearchOutcome =
  | { ok: true; found: true; seed: number; tried: number; violation: Violation; summary: RunSummary }
  | { ok: true; found: false; tried: number; firstSeed: number; property: string }
  | { ok: false; failure: RunFailure };

type Json = Record<string, unknown>;

/** The property a run kind's lesson is about, as a check on its summary. */
export function propertyOf(
  run: Json,
  withinRounds?: number,
): { name: string; check: (result: Json) => Violation | undefined } | null {
  if (run.kind === 'consensus') {
    if (run.algorithm === 'byzantine') return { name: 'honest agents agree', check: byzantineViolation };
    if (run.algorithm === 'oral-messages') return { name: 'loyal generals agree', check: oralViolation };
    if (run.algorithm === 'gossip') {
      const k = withinRounds ?? Number(run.rounds ?? 5);
      return { name: `converges within ${k} rounds`, check: (r) => gossipViolation(r, k) };
    }
    return { name: 'decides before the timeout', check: timeoutViolation };
  }
  if (run.kind === 'rumor') {
    const k = withinRounds;
    return {
      name: k ? `every live agent informed within ${k} rounds` : 'every live agent informed',
      check: (r) => rumorViolation(r, k),
    };
  }
  if (run.kind === 'delegation') return { name: 'no task lost', check: delegationViolation };
  if (run.kind === 'replicated-state')
    return {
      name: 'replicas converge',
      check: (r) => (r.converged === false ? plain('replicas converge', 'The replicas did not converge.') : undefined),
    };
  if (run.kind === 'sync')
    return {
      name: 'every live agent up to date',
      check: (r) =>
        r.ok === false
          ? plain(
              'every live agent up to date',
              `${Number(r.liveAgents) - Number(r.upToDate)} live agents are not up to date.`,
            )
          : undefined,
    };
  if (run.kind === 'flood') return null;
  return null;
}

const plain = (property: string, message: string): Violation => ({ property, message, witnesses: [] });

function byzantineViolation(r: Json): Violation | undefined {
  const agreement = r.agreement as
    | {
        agreed: boolean;
        approved: string[];
        rejected: string[];
        witnesses?: {
          approvedBy: string;
          rejectedBy: string;
          differingVotes: { owner: string; approvedSide: string | null; rejectedSide: string | null }[];
        };
      }
    | undefined;
  if (!agreement || agreement.agreed) return undefined;
  const w = agreement.witnesses;
  const votes = (side: 'approvedSide' | 'rejectedSide') =>
    (w?.differingVotes ?? []).map((d) => `${d.owner}: ${d[side] ?? 'nothing'}`).join(', ');
  return {
    property: 'honest agents agree',
    message: `Honest agents disagree: ${agreement.approved.length} approved, ${agreement.rejected.length} rejected.`,
    witnesses: w
      ? [
          { agentId: w.approvedBy, detail: `approved, having delivered ${votes('approvedSide')}` },
          { agentId: w.rejectedBy, detail: `rejected, having delivered ${votes('rejectedSide')}` },
        ]
      : [],
  };
}

function oralViolation(r: Json): Violation | undefined {
  const meta = ((r.result as Json | undefined)?.metadata ?? {}) as Json;
  const v = meta.violation as { rule: string; witnesses: { agentId: string; order: string }[] } | undefined;
  if (!v) return undefined;
  return {
    property: 'loyal generals agree',
    message: `Interactive consistency broken (${v.rule}).`,
    witnesses: v.witnesses.map((w) => ({ agentId: w.agentId, detail: `decided ${w.order}` })),
  };
}

function gossipViolation(r: Json, k: number): Violation | undefined {
  const meta = ((r.result as Json | undefined)?.metadata ?? {}) as Json;
  const history = (meta.history as { round: number; agreementRatio: number }[] | undefined) ?? [];
  const threshold = Number(meta.convergenceThreshold ?? 0.95);
  const hit = history.find((h) => h.round <= k && h.agreementRatio >= threshold);
  if (hit) return undefined;
  const last = history.filter((h) => h.round <= k).at(-1);
  return plain(
    `converges within ${k} rounds`,
    `After ${last?.round ?? 0} rounds the agreement ratio is ${(last?.agreementRatio ?? 0).toFixed(2)}, below ${threshold}.`,
  );
}

function rumorViolation(r: Json, k?: number): Violation | undefined {
  const perRound = (r.informedPerRound as number[]) ?? [];
  const live = Number(r.agents) - Number(r.crashed ?? 0);
  const round = perRound.findIndex((x) => x >= live);
  if (round >= 0 && (k === undefined || round <= k)) return undefined;
  const at = k === undefined ? perRound.length - 1 : Math.min(k, perRound.length - 1);
  return plain(
    k === undefined ? 'every live agent informed' : `every live agent informed within ${k} rounds`,
    `After ${at} rounds ${perRound[at] ?? 0} of ${live} live agents are informed.`,
  );
}

function delegationViolation(r: Json): Violation | undefined {
  const lost = Number(r.tasksLost ?? 0);
  if (lost === 0 && r.completed === r.tasks) return undefined;
  return plain('no task lost', `${lost} tasks lost; ${String(r.completed)} of ${String(r.tasks)} completed.`);
}

function timeoutViolation(r: Json): Violation | undefined {
  const res = r.result as { decision?: string } | undefined;
  return res?.decision === 'timeout' ? plain('decides before the timeout', 'The proposal timed out.') : undefined;
}

export const searchApi = {
  /**
   * Tries seeds `firstSeed, firstSeed + 1, …` and stops at the first run that
   * breaks the scenario's property. Cancelled by the client (the worker is
   * terminated); progress is reported as a fraction of `maxSeeds`.
   * @example await searchApi.searchCounterexample(byzantine13With5Equivocators, { maxSeeds: 200 }) // { found: true, seed: … }
   */
  async searchCounterexample(
    input: unknown,
    request: SearchRequest = {},
    onProgress?: (fraction: number, tried: number) => void,
  ): Promise<SearchOutcome> {
    try {
      const scenario = parseScenario(input);
      const property = propertyOf(scenario.run as unknown as Json, request.withinRounds);
      if (!property)
        return {
          ok: false,
          failure: { kind: 'validation', message: 'This run kind has no property to break.', issues: [] },
        };
      const first = request.firstSeed ?? scenario.seed;
      const max = Math.min(request.maxSeeds ?? 1000, MAX_SEARCH_SEEDS);
      const every = Math.max(1, Math.floor(max / 100));
      for (let k = 0; k < max; k++) {
        const seed = (first + k) % 2 ** 32;
        const { summary } = await runScenario(scenario, { seed, record: false });
        const violation = property.check(summary.result as Json);
        if (violation) return { ok: true, found: true, seed, tried: k + 1, violation, summary };
        if ((k + 1) % every === 0) onProgress?.((k + 1) / max, k + 1);
      }
      return { ok: true, found: false, tried: max, firstSeed: first, property: property.name };
    } catch (error) {
      return { ok: false, failure: toFailure(error) };
    }
  },
};
