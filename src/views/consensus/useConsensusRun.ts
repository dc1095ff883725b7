import { useEffect, useMemo, useState } from 'react';
import {
  type ByzantineMoment,
  byzantineAt,
  byzantineIndexOf,
  ensureByzantineIndex,
} from '../../store/consensus/byzantineTimeline';
import { type VoteStep, voteSteps } from '../../store/consensus/voteTimeline';
import { useStore } from '../../store/index';
import type { AgentRecord, ConsensusSummary } from '../../worker/protocol';

export type { AgentRecord, AgreementVerdict, ConsensusSummary } from '../../worker/protocol';

const EMPTY: VoteStep[] = [];

/** The consensus steps of the current trace, extracted once per trace. */
export function useVoteSteps(): VoteStep[] {
  const trace = useStore((s) => s.trace);
  return useMemo(() => (trace ? voteSteps(trace) : EMPTY), [trace]);
}

/**
 * Byzantine runs: the per-agent matrix at the player's cursor, from an index
 * built once per trace (in slices, off the render); null while it is built.
 * The same object comes back until the cursor crosses a change.
 */
export function useByzantineMoment(records: AgentRecord[] | undefined): ByzantineMoment | null {
  const trace = useStore((s) => s.trace);
  const cursor = useStore((s) => s.cursor);
  const [, setBuilt] = useState(0);
  useEffect(() => {
    if (trace && records) void ensureByzantineIndex(records, () => setBuilt((k) => k + 1));
  }, [trace, records]);
  const index = byzantineIndexOf(trace, records);
  return index ? byzantineAt(index, cursor) : null;
}

/** The last run's result when it was a consensus run. */
export function useConsensusSummary(): ConsensusSummary | null {
  const summary = useStore((s) => s.summary);
  return summary?.runKind === 'consensus' ? summary.result : null;
}

/** Agent ids by network address for the last run, as the run named them. */
export function useAgentIds(): (address: number) => string {
  const ids = useStore((s) => s.summary?.agentIds);
  return useMemo(() => (i: number) => ids?.[i] ?? `#${i}`, [ids]);
}

/** Agent label by id (the drawn swarm's), falling back to the id. */
export function useAgentLabel(): (id: string) => string {
  const topology = useStore((s) => s.topology);
  return useMemo(() => {
    const labels = new Map(topology?.agents.map((a) => [a.id, a.label]) ?? []);
    return (id: string) => labels.get(id) ?? id;
  }, [topology]);
}

export const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
// Formatters made once: toLocaleString builds a new one per call, which showed in every frame of a playback.
const WHOLE = new Intl.NumberFormat('en-US');
const DECIMALS = new Map<number, Intl.NumberFormat>();
export const fmt = (n: number, digits = 2) => {
  if (Number.isInteger(n)) return WHOLE.format(n);
  let f = DECIMALS.get(digits);
  if (!f) DECIMALS.set(digits, (f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits })));
  return f.format(n);
};
