import { useMemo } from 'react';
import { useStore } from '../../store/index';
import { type LegendSection, legendSections } from '../../store/stage/legend';
import { runVocabulary } from '../../store/traceIndex';

/**
 * The legend for what the stage draws now: the drawn swarm's behaviours and, when the current
 * run is this swarm's, what the run draws (computed once per run, not per frame).
 */
export function useLegendSections(field: boolean): LegendSection[] {
  const topology = useStore((s) => s.topology);
  const traceIndex = useStore((s) => s.traceIndex);
  const summary = useStore((s) => s.summary);
  return useMemo(() => {
    const n = topology?.agents.length ?? 0;
    const ours = traceIndex && summary && summary.agents === n && traceIndex.agentCount === n;
    const behaviours = topology ? [...new Set(topology.agents.map((a) => a.behaviour))] : [];
    return legendSections({ behaviours, vocabulary: ours ? runVocabulary(traceIndex) : null, field });
  }, [topology, traceIndex, summary, field]);
}
