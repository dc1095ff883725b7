import { type PbftMoment, pbftAt } from '../../store/consensus/pbftTimeline';
import { type RaftMoment, raftAt } from '../../store/consensus/raftTimeline';
import { useStore } from '../../store/index';
import type { RunResultOf, RunSummary } from '../../worker/protocol';

export type RaftResult = RunResultOf<'raft'>;
export type PbftResult = RunResultOf<'pbft'>;

/** The last run when it was a Raft or a PBFT run. */
export function useLeaderSummary(): Extract<RunSummary, { runKind: 'raft' | 'pbft' }> | null {
  const summary = useStore((s) => s.summary);
  return summary?.runKind === 'raft' || summary?.runKind === 'pbft' ? summary : null;
}

/** Raft's servers at the player's cursor (the same object until one of them changes). */
export function useRaftMoment(agents: number): RaftMoment | null {
  const trace = useStore((s) => s.trace);
  const cursor = useStore((s) => s.cursor);
  return trace ? raftAt(trace, agents, cursor) : null;
}

/** PBFT's replicas at the player's cursor. */
export function usePbftMoment(replicas: number, requests: number): PbftMoment | null {
  const trace = useStore((s) => s.trace);
  const cursor = useStore((s) => s.cursor);
  return trace ? pbftAt(trace, replicas, requests, cursor) : null;
}

/** The simulated time at the cursor, and whether the cursor is at the run's last event. */
export function useCursorTime(): { t: number; atEnd: boolean } {
  const t = useStore((s) => Math.round(s.playTime));
  const atEnd = useStore((s) => s.trace !== null && s.cursor >= s.trace.length - 1);
  return { t, atEnd };
}
