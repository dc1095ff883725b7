import { useMemo } from 'react';
import { useStore } from '../../store/index';
import { type LegendSection, legendSections } from '../../store/stage/legend';
import { type RunVocabulary, runVocabulary } from '../../store/traceIndex';

/** What the current run draws, when it is the drawn swarm's run (computed once per run, not per frame). */
export function useRunVocabulary(): RunVocabulary | null {
  const topology = useStore((s) => s.topology);
  const traceIndex = useStore((s) => s.traceIndex);
  const summary = useStore((s) => s.summary);
  return useMemo(() => {
    const n = topology?.agents.length ?? 0;
    const ours = traceIndex && summary && summary.agents === n && traceIndex.agentCount === n;
    return ours ? runVocabulary(traceIndex) : null;
  }, [topology, traceIndex, summary]);
}

/**
 * The legend for what the stage draws now: the drawn swarm's behaviours and, when the current
 * run is this swarm's, what the run draws.
 */
export function useLegendSections(field: boolean, vocabulary: RunVocabulary | null): LegendSection[] {
  const topology = useStore((s) => s.topology);
  return useMemo(() => {
    const behaviours = topology ? [...new Set(topology.agents.map((a) => a.behaviour))] : [];
    return legendSections({ behaviours, vocabulary, field });
  }, [topology, vocabulary, field]);
}
