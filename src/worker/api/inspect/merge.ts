/**
 * The merge inspector's worker side: resolves typed-in or replayed versions
 * with the real ConflictResolver, so what the inspector steps through is the
 * engine's own explanation, never a re-implementation.
 */
import { ConflictResolver, type ResolutionStrategy } from '../../../engine/conflict/conflictResolver';
import type { StateVersion, StateVersionInput } from '../../../engine/conflict/stateVersion';
import type { CRDTType } from '../../../engine/crdt/types';
import type { FieldIssue } from '../../protocol';
import { toFailure } from '../runs';

export type { ExplanationStep } from '../../../engine/conflict/explanation';
export type { StateVersion, StateVersionInput } from '../../../engine/conflict/stateVersion';

export type ResolveOutcome = { ok: true; result: StateVersion } | { ok: false; message: string; issues: FieldIssue[] };

export interface ResolveRequest {
  stateKey: string;
  versions: StateVersionInput[];
  strategy: ResolutionStrategy;
  /** With the crdt strategy: the type every version declares (undefined = detect from the values). */
  crdtType?: CRDTType;
}

/** Resolves with the engine; failures come back as data naming the field (`conflicts[1].value`). */
export function resolveVersions(request: ResolveRequest): ResolveOutcome {
  try {
    const versions =
      request.strategy === 'crdt' && request.crdtType
        ? request.versions.map((v) => ({ ...v, metadata: { ...v.metadata, crdtType: request.crdtType } }))
        : request.versions;
    const result = new ConflictResolver({ strategy: request.strategy }).resolve(request.stateKey, versions);
    return { ok: true, result };
  } catch (error) {
    const failure = toFailure(error);
    return { ok: false, message: failure.message, issues: failure.issues };
  }
}

/** The same versions under lww, vector and crdt, so the difference in outcome is visible side by side. */
export function compareStrategies(
  request: Omit<ResolveRequest, 'strategy'>,
): Record<ResolutionStrategy, ResolveOutcome> {
  return {
    lww: resolveVersions({ ...request, strategy: 'lww' }),
    vector: resolveVersions({ ...request, strategy: 'vector' }),
    crdt: resolveVersions({ ...request, strategy: 'crdt' }),
  };
}
