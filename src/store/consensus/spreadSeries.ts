/**
 * The gossip/rumor chart's data: the observed share per round (from the engine's
 * summary), the mean-field expectation to overlay, and the round the player's
 * cursor is in (from the trace's `roundEnd` events, so chart and player agree).
 */
import type { RunSummary, TraceColumns } from '../../worker/protocol';
import type { VoteStep } from './voteTimeline';

export interface SpreadPoint {
  round: number;
  /** Share in [0, 1]. */
  value: number;
  /** The count behind the share (informed agents, or agents holding the leading vote). */
  count: number;
}

export interface SpreadSeries {
  kind: 'rumor' | 'gossip';
  title: string;
  yLabel: string;
  /** The population the shares are of. */
  total: number;
  observed: SpreadPoint[];
  expected: SpreadPoint[];
  /** Gossip: the convergence threshold line. */
  target?: number;
  /** Rumor: agents that can be informed (crashed excluded). */
  live?: number;
  /** Rumor: what the run modelled, in words to print beside the chart (well-mixed aggregate, or the network). */
  note?: string;
}

interface RumorLike {
  kind: 'rumor';
  agents: number;
  crashed: number;
  informedPerRound: number[];
  meanField: number[];
  mode: string;
  fanout: number;
  /** Absent in summaries from before the network model: those were well-mixed or full-mesh rounds. */
  model?: 'network' | 'well-mixed';
  note?: string;
}

interface GossipRound {
  round: number;
  for: number;
  against: number;
  abstain: number;
  agreementRatio: number;
}

/** The chart's series for a rumor run or a gossip vote, or null for other runs. */
export function spreadSeries(summary: RunSummary | null, agentCount: number): SpreadSeries | null {
  if (summary?.runKind === 'rumor') return rumorSeries(summary.result);
  const res = summary?.runKind === 'consensus' ? summary.result.result : undefined;
  if (res?.algorithmUsed === 'gossip') {
    const history = (res.metadata.history as GossipRound[] | undefined) ?? [];
    const fanout = Number(res.metadata?.fanout ?? 3);
    const target = Number(res.metadata?.convergenceThreshold ?? 0.95);
    return gossipSeries(history, fanout, target, agentCount);
  }
  return null;
}

function rumorSeries(r: RumorLike): SpreadSeries {
  const live = r.agents - r.crashed;
  // On the network an agent down at the start may recover and learn it: the share stays a share.
  const share = (x: number) => (live > 0 ? Math.min(1, x / live) : 0);
  const where = r.model === 'well-mixed' ? 'well-mixed' : r.model === 'network' ? 'on the network' : undefined;
  return {
    kind: 'rumor',
    title: `Informed share per round (${r.mode}, fanout ${r.fanout}${where ? `, ${where}` : ''})`,
    note: r.note,
    yLabel: 'informed share',
    total: r.agents,
    live,
    observed: r.informedPerRound.map((count, round) => ({ round, count, value: share(count) })),
    expected: r.meanField.map((count, round) => ({ round, count, value: share(count) })),
  };
}

function gossipSeries(history: GossipRound[], fanout: number, target: number, agents: number): SpreadSeries {
  const observed = history.map((h) => {
    const voting = h.for + h.against;
    return { round: h.round, value: h.agreementRatio, count: Math.max(h.for, h.against), voting };
  });
  const first = history[0];
  const n = first ? first.for + first.against + first.abstain : agents;
  const expected: SpreadPoint[] = [];
  if (first) {
    const curve = meanFieldMajority(first, Math.min(fanout, Math.max(1, n - 1)), Math.max(history.length - 1, 1));
    curve.forEach((p, round) => {
      const voting = p.for + p.against;
      const ratio = voting > 0 ? Math.max(p.for, p.against) / voting : 0;
      expected.push({ round, value: ratio, count: ratio * voting * n });
    });
  }
  return {
    kind: 'gossip',
    title: `Agreement ratio per round (fanout ${fanout})`,
    yLabel: 'agreement ratio',
    total: n,
    observed: observed.map(({ round, value, count }) => ({ round, value, count })),
    expected,
    target,
  };
}

const binom = (n: number, k: number) => {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
};

/**
 * The mean-field recursion of `gossipMajority`: each voting agent samples k peers
 * (for / against / abstain with the current shares), takes the strict majority
 * of its own vote and theirs, keeps its own on a tie. Returns shares per round,
 * round 0 first. Abstainers stay abstainers.
 */
export function meanFieldMajority(
  initial: { for: number; against: number; abstain: number },
  k: number,
  rounds: number,
): { for: number; against: number }[] {
  const n = initial.for + initial.against + initial.abstain;
  if (n === 0) return [];
  let pf = initial.for / n;
  let pa = initial.against / n;
  const pz = initial.abstain / n;
  const out = [{ for: pf, against: pa }];
  for (let r = 0; r < rounds; r++) {
    // P(sum of k samples = s) over the trinomial (x for, y against, rest abstain).
    let forStays = 0;
    let againstFlips = 0;
    for (let x = 0; x <= k; x++) {
      for (let y = 0; x + y <= k; y++) {
        const p = binom(k, x) * binom(k - x, y) * pf ** x * pa ** y * pz ** (k - x - y);
        const s = x - y;
        if (1 + s >= 0) forStays += p; // own for: stays unless the sum turns negative
        if (-1 + s > 0) againstFlips += p; // own against: flips when the sum turns positive
      }
    }
    const nextF = pf * forStays + pa * againstFlips;
    pa = pf + pa - nextF;
    pf = nextF;
    out.push({ for: pf, against: pa });
  }
  return out;
}

/** Where the player is: the last round ended at or before the cursor, and its count from the trace. */
export interface RoundAtCursor {
  round: number;
  /** Rumor: informed agents; gossip: agents holding `for` / `against`. */
  informed?: number;
  for?: number;
  against?: number;
}

export function roundAtCursor(trace: TraceColumns | null, steps: readonly VoteStep[], cursor: number): RoundAtCursor {
  let at: RoundAtCursor = { round: 0 };
  if (!trace) return at;
  for (const s of steps) {
    if (s.index > cursor) break;
    if (s.name !== 'roundEnd') continue;
    const detail = trace.values[trace.e[s.index]] as Record<string, unknown> | undefined;
    at = {
      round: s.round ?? at.round + 1,
      informed: typeof detail?.informed === 'number' ? detail.informed : undefined,
      for: s.counts?.for,
      against: s.counts?.against,
    };
  }
  return at;
}
