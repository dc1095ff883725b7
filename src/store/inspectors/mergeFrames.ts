/**
 * The resolver's explanation cut into frames the inspector shows one at a
 * time: which cells are compared, the reason in words, and the value built so
 * far (per-agent maxima of a G-Counter, a growing set union, the per-key LWW
 * map). Steps that merge many things at once (counter, set) become one frame
 * per agent or element, then the engine's own sentence.
 */
import type { ExplanationStep } from '../../worker/api/inspect/merge';

export type CellField = 'agentId' | 'value' | 'version' | 'timestamp' | 'clock';

export interface FrameCell {
  agentId: string;
  /** When set, only that version of the agent (several versions of one agent may be listed). */
  version?: number;
  field: CellField;
}

export interface MergeFrame {
  step: ExplanationStep['step'];
  title: string;
  reason: string;
  cells: FrameCell[];
  /** The value as it stands after this frame. */
  partial?: { label: string; value: unknown };
  /** A short verdict shown big (`concurrent`, `before`, a winner). */
  verdict?: string;
  /** Vector clocks compared entry by entry. */
  entries?: { agent: string; left: number; right: number; cmp: string }[];
}

const TITLES: Record<ExplanationStep['step'], string> = {
  single: 'Only one version',
  'lww-compare': 'Last writer wins: compare',
  'lww-result': 'Last writer wins: result',
  'vector-clocks': 'Vector clocks',
  'vector-compare': 'Compare vector clocks',
  'vector-maximal': 'Causally maximal versions',
  'crdt-type': 'CRDT type',
  'counter-merge': 'G-Counter merge',
  'pn-counter-merge': 'PN-Counter merge',
  'set-union': 'Set union',
  'or-set-merge': 'OR-Set merge',
  'map-key': 'LWW map: one key',
};

const FIELD_OF: Record<string, CellField> = {
  timestamp: 'timestamp',
  version: 'version',
  agentId: 'agentId',
  value: 'value',
};

function counterFrames(step: Extract<ExplanationStep, { step: 'counter-merge' }>): MergeFrame[] {
  const maxima: Record<string, number> = {};
  let sum = 0;
  const frames = step.comparison.perAgent.map((a): MergeFrame => {
    maxima[a.agent] = a.max;
    sum += a.max;
    const seen = a.values.length > 1 ? `max(${a.values.join(', ')}) = ${a.max}` : `${a.max}`;
    return {
      step: step.step,
      title: TITLES[step.step],
      reason: `${a.agent}: ${seen} — an agent's count only grows, so its largest value is its contribution; running sum = ${sum}`,
      // The versions holding this agent's count (a merged version holds the counts it merged).
      cells: a.from.map((r) => ({ agentId: r.agentId, version: r.version, field: 'value' as const })),
      partial: { label: 'per-agent maxima', value: { ...maxima, sum } },
    };
  });
  frames.push({
    step: step.step,
    title: TITLES[step.step],
    reason: step.reason,
    cells: step.inputs.contributions.map((c) => ({ agentId: c.agentId, field: 'value' as const })),
    partial: { label: 'G-Counter value', value: step.outcome.value },
    verdict: `${step.outcome.value}`,
  });
  return frames;
}

function setFrames(step: Extract<ExplanationStep, { step: 'set-union' }>): MergeFrame[] {
  const union: unknown[] = [];
  const frames = step.comparison.elements.map((e): MergeFrame => {
    union.push(e.element);
    return {
      step: step.step,
      title: TITLES[step.step],
      reason: `${JSON.stringify(e.element)} is held by ${e.from.join(' and ')} ⇒ it is in the union (once)`,
      cells: e.from.map((agentId) => ({ agentId, field: 'value' as const })),
      partial: { label: 'union so far', value: [...union] },
    };
  });
  frames.push({
    step: step.step,
    title: TITLES[step.step],
    reason: step.reason,
    cells: [],
    partial: { label: 'union', value: step.outcome.value },
  });
  return frames;
}

/**
 * The frames of a whole explanation, in order.
 *
 * @example mergeFrames(result.metadata.explanation).map((f) => f.reason)
 */
export function mergeFrames(steps: readonly ExplanationStep[]): MergeFrame[] {
  const frames: MergeFrame[] = [];
  const map: Record<string, unknown> = {};
  for (const step of steps) {
    const base = { step: step.step, title: TITLES[step.step], reason: step.reason };
    switch (step.step) {
      case 'counter-merge':
        frames.push(...counterFrames(step));
        break;
      case 'set-union':
        frames.push(...setFrames(step));
        break;
      case 'lww-compare': {
        const field = FIELD_OF[step.comparison.decidedBy] ?? 'timestamp';
        frames.push({
          ...base,
          cells: [step.inputs.left, step.inputs.right].map((v) => ({ agentId: v.agentId, version: v.version, field })),
          verdict: `${step.outcome.winner.agentId} wins`,
        });
        break;
      }
      case 'lww-result':
        frames.push({
          ...base,
          cells: [{ agentId: step.outcome.winner.agentId, version: step.outcome.winner.version, field: 'value' }],
          verdict: `${step.outcome.winner.agentId} v${step.outcome.winner.version}`,
        });
        break;
      case 'vector-clocks':
        frames.push({
          ...base,
          cells: step.inputs.versions.map((v) => ({ agentId: v.agentId, version: v.version, field: 'clock' })),
        });
        break;
      case 'vector-compare':
        frames.push({
          ...base,
          cells: [step.inputs.left, step.inputs.right].map((v) => ({
            agentId: v.agentId,
            version: v.version,
            field: 'clock',
          })),
          verdict: step.outcome.order,
          entries: step.comparison.entries,
        });
        break;
      case 'vector-maximal':
        frames.push({
          ...base,
          cells: step.outcome.maximal.map((v) => ({ agentId: v.agentId, version: v.version, field: 'clock' })),
          verdict: step.outcome.causalWinner ? `${step.outcome.causalWinner.agentId} dominates` : 'concurrent',
        });
        break;
      case 'map-key':
        if (step.outcome.deleted) delete map[step.outcome.key];
        else map[step.outcome.key] = step.outcome.value;
        frames.push({
          ...base,
          // The versions carrying each write of the key (its writer's, or a merged version holding it).
          cells: step.inputs.candidates.flatMap((c) =>
            c.heldBy.map((h) => ({ agentId: h.agentId, version: h.version, field: 'value' as const })),
          ),
          partial: { label: 'merged map so far', value: { ...map } },
          verdict: `${step.outcome.key} = ${JSON.stringify(step.outcome.value)}`,
        });
        break;
      case 'pn-counter-merge':
        frames.push({
          ...base,
          cells: step.inputs.contributions.map((c) => ({ agentId: c.agentId, version: c.version, field: 'value' })),
          partial: { label: 'PN-Counter value', value: step.outcome.value },
        });
        break;
      case 'or-set-merge':
        frames.push({ ...base, cells: [], partial: { label: 'OR-Set value', value: step.outcome.value } });
        break;
      case 'crdt-type':
        frames.push({
          ...base,
          cells: step.inputs.versions.map((v) => ({ agentId: v.agentId, field: 'value' })),
          verdict: step.outcome.crdtType,
        });
        break;
      case 'single':
        frames.push({ ...base, cells: [{ agentId: step.outcome.winner.agentId, field: 'value' }] });
        break;
    }
  }
  return frames;
}
