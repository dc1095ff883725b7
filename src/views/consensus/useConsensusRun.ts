import { useEffect, useMemo, useState } from 'react';
import type { AgentRecord } from '../../engine/consensus/reliableBroadcast';
import type { ConsensusSummary } from '../../engine/consensus/runs';
import {
  type ByzantineMoment,
  byzantineAt,
  byzantineIndexOf,
  ensureByzantineIndex,
} from '../../store/consensus/byzantineTimeline';
import { type VoteStep, voteSteps } from '../../store/consensus/voteTimeline';
import { useStore } from '../../store/index';

export type { AgentRecord, AgreementVerdict } from '../../engine/consensus/reliableBroadcast';
export type { ConsensusSummary } from '../../engine/consensus/runs';

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

/** The last run's summary when it was a consensus run. */
export function useConsensusSummary(): ConsensusSummary | null {
  const summary = useStore((s) => s.summary);
  const result = summary?.result as { kind?: string } | undefined;
  return result?.kind === 'consensus' ? (result as ConsensusSummary) : null;
}

/**
 * Agent ids by network address for the last run: the drawn swarm's when it is
 * the run's swarm (same size), otherwise `agent-(i+1)`, the engine's default ids.
 */
export function useAgentIds(): (address: number) => string {
  const topology = useStore((s) => s.topology);
  const agents = useStore((s) => s.summary?.agents ?? 0);
  return useMemo(() => {
    const ids = topology && topology.agents.length === agents ? topology.agents.map((a) => a.id) : null;
    return (i: number) => ids?.[i] ?? `agent-${i + 1}`;
  }, [topology, agents]);
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
export const fmt = (n: number, digits = 2) =>
  Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: digits });
