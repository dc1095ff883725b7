import type { GCounter } from '../crdt/gCounter';
import type { GSet } from '../crdt/gSet';
import { LWWMap } from '../crdt/lwwMap';
import type { ORSet } from '../crdt/orSet';
import type { PNCounter } from '../crdt/pnCounter';
import { type CrdtState, createReplica, joinReplica } from '../crdt/replica';
import type { CRDTType } from '../crdt/types';
import { counterStep, pnCounterStep } from './counterSteps';
import type { ExplanationStep } from './explanation';
import { mapJoin, registerSteps } from './lwwSteps';
import { orSetStep, setStep } from './setSteps';
import type { StatedVersion } from './versionState';

/** The agent id of a merged (crdt) result: nobody wrote it, the resolver made it. */
export const COORDINATOR_AGENT_ID = 'coordinator';

/** What a typed merge gives: the joined state, the value read from it, and the steps. */
export interface MergeOutcome {
  value: unknown;
  crdtState: CrdtState;
  steps: ExplanationStep[];
}

/**
 * Joins the versions' states (the semilattice join of `type`: per-agent max,
 * union, LWW per key) and explains it. The value is read from the joined
 * state, never computed from the inputs' values, so merging a merged version
 * again, in any grouping or order, gives the same state.
 */
export function mergeByType(type: CRDTType, inputs: readonly StatedVersion[]): MergeOutcome {
  if (type === 'map') return mergeMaps(inputs);
  const joined = createReplica(type, COORDINATOR_AGENT_ID);
  for (const s of inputs) joinReplica(joined, s.replica);
  return { value: joined.value(), crdtState: joined.state(), steps: stepsOf(type, inputs, joined) };
}

/** A map's join is each key's winning write, which its key step has found (see `mapJoin`). */
function mergeMaps(inputs: readonly StatedVersion[]): MergeOutcome {
  const { steps, winners } = mapJoin(inputs);
  const joined = LWWMap.fromCells(COORDINATOR_AGENT_ID, winners);
  return { value: joined.value(), crdtState: joined.state(), steps };
}

function stepsOf(
  type: Exclude<CRDTType, 'map'>,
  inputs: readonly StatedVersion[],
  joined: ReturnType<typeof createReplica>,
) {
  switch (type) {
    case 'counter':
      return [counterStep(inputs, joined as GCounter)];
    case 'pn-counter':
      return [pnCounterStep(inputs, joined as PNCounter)];
    case 'set':
      return [setStep(inputs, joined as GSet)];
    case 'or-set':
      return [orSetStep(inputs, joined as ORSet)];
    case 'register':
      return registerSteps(inputs);
  }
}
