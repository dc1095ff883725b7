import { check, checkLimit } from '../core/errors';
import { compareStrings } from '../crdt/json';
import { COORDINATOR_AGENT_ID, mergeByType } from './crdtMerge';
import { chooseCrdtType } from './crdtType';
import { detectConflicts, type StatesByAgent } from './detectConflicts';
import type { ExplanationStep } from './explanation';
import { decideLww, label } from './lwwStrategy';
import { canonicalOrder } from './order';
import { borrowStateVersion, cloneValue, refOf, type StateVersion, type StateVersionInput } from './stateVersion';
import { decideVector } from './vectorStrategy';
import { statedVersion } from './versionState';

export type ResolutionStrategy = 'lww' | 'vector' | 'crdt';
export const RESOLUTION_STRATEGIES: readonly ResolutionStrategy[] = ['lww', 'vector', 'crdt'];

export interface ConflictResolverOptions {
  strategy?: ResolutionStrategy;
}

/** Versions one `resolve` call accepts. */
export const MAX_RESOLVE_VERSIONS = 100_000;

export { COORDINATOR_AGENT_ID };

/**
 * Resolves conflicting versions of one piece of state (the seed's
 * `ConflictResolver`). Every result is a new `StateVersion` — the inputs are
 * never changed — whose `metadata.explanation` lists the steps that led to it.
 *
 * Tie rule (lww, and LWW inside vector, register and map): the later
 * timestamp wins; on equal timestamps the higher version; then the agent id
 * that sorts last (code-unit order). The same winner for every input order.
 *
 * The crdt strategy joins CRDT *states*: a version that carries
 * `metadata.crdtState` (every crdt result does) brings that state, a version
 * without one brings its agent's write (the seed's versions). The result's
 * value is read from the joined state, so resolving is commutative,
 * associative and idempotent over results too: `resolve([resolve([a, b]), a])`
 * is still 87 for the seed's 42 + 45.
 *
 * @example
 * const resolver = new ConflictResolver({ strategy: 'crdt' });
 * const resolved = resolver.resolve('counter', [
 *   { stateKey: 'counter', value: 42, version: 1, timestamp: 0, agentId: 'agent-1', metadata: { crdtType: 'counter' } },
 *   { stateKey: 'counter', value: 45, version: 2, timestamp: 0, agentId: 'agent-2', metadata: { crdtType: 'counter' } },
 * ]);
 * resolved.value; // 87
 */
export class ConflictResolver {
  readonly strategy: ResolutionStrategy;

  constructor(options: ConflictResolverOptions = {}) {
    const strategy = options.strategy ?? 'lww';
    check(
      RESOLUTION_STRATEGIES.includes(strategy),
      'strategy',
      `must be one of ${RESOLUTION_STRATEGIES.map((s) => `'${s}'`).join(', ')} (got ${JSON.stringify(strategy)})`,
    );
    this.strategy = strategy;
  }

  /** Resolves `conflicts` (all of `stateKey`) into one new version. */
  resolve(stateKey: string, conflicts: readonly (StateVersion | StateVersionInput)[]): StateVersion {
    check(typeof stateKey === 'string' && stateKey.length > 0, 'stateKey', 'must not be empty');
    check(Array.isArray(conflicts) && conflicts.length > 0, 'conflicts', 'must be a non-empty list of versions');
    checkLimit('MAX_RESOLVE_VERSIONS', MAX_RESOLVE_VERSIONS, conflicts.length);
    const fields = new Map<StateVersion, string>();
    const vs = conflicts.map((c, i) => {
      const v = borrowStateVersion(c, `conflicts[${i}]`);
      check(v.stateKey === stateKey, `conflicts[${i}].stateKey`, `must be '${stateKey}' (got '${v.stateKey}')`);
      fields.set(v, `conflicts[${i}]`);
      return v;
    });
    const fieldOf = (v: StateVersion) => fields.get(v) as string;
    if (this.strategy === 'crdt') return resolveCrdt(stateKey, vs, fieldOf);
    if (vs.length === 1) return single(vs[0], this.strategy === 'lww' ? 'lww' : 'vector_causal');
    if (this.strategy === 'lww') {
      const { winner, discarded, steps } = decideLww(vs);
      return withMetadata(winner, {
        resolutionStrategy: 'lww',
        discardedVersions: discarded.map(refOf),
        explanation: steps,
      });
    }
    const out = decideVector(vs);
    return withMetadata(out.winner, {
      resolutionStrategy: out.causal ? 'vector_causal' : 'vector_concurrent_lww',
      vectorClock: out.mergedClock,
      ...(out.causal ? {} : { concurrentAgents: out.concurrent.map((v) => v.agentId).sort(compareStrings) }),
      discardedVersions: out.discarded.map(refOf),
      explanation: out.steps,
    });
  }

  /** The state keys that more than one agent holds with different values or versions (sorted). */
  detectConflicts(states: StatesByAgent): string[] {
    return detectConflicts(states);
  }
}

function withMetadata(v: StateVersion, extra: StateVersion['metadata']): StateVersion {
  return { ...v, value: cloneValue(v.value), metadata: { ...cloneValue(v.metadata), ...extra } };
}

function single(v: StateVersion, resolutionStrategy: 'lww' | 'vector_causal' | 'crdt'): StateVersion {
  const step: ExplanationStep = {
    step: 'single',
    inputs: { versions: [refOf(v)] },
    comparison: null,
    outcome: { winner: refOf(v) },
    reason: `only one version (${label(v)}) ⇒ nothing to resolve`,
  };
  return withMetadata(v, { resolutionStrategy, explanation: [step] });
}

function resolveCrdt(stateKey: string, versions: StateVersion[], fieldOf: (v: StateVersion) => string): StateVersion {
  const vs = canonicalOrder(versions);
  const typeStep = chooseCrdtType(vs, vs.map(fieldOf));
  const crdtType = typeStep.outcome.crdtType;
  // Shape errors surface even for a single version, whose value is then read from its state.
  const inputs = vs.map((v) => statedVersion(crdtType, v, fieldOf(v)));
  if (vs.length === 1) {
    const one = single(vs[0], 'crdt');
    const from = inputs[0].source === 'state' ? 'the state it carries' : 'its write';
    for (const step of one.metadata.explanation ?? [])
      if (step.step === 'single')
        step.reason = `only one version (${label(vs[0])}) ⇒ nothing to join; its value is read from ${from}`;
    one.value = inputs[0].replica.value();
    one.metadata.crdtType = crdtType;
    one.metadata.crdtState = inputs[0].replica.state();
    one.metadata.explanation = [typeStep, ...(one.metadata.explanation ?? [])];
    return one;
  }
  const merged = mergeByType(crdtType, inputs);
  return {
    stateKey,
    value: merged.value,
    version: Math.max(...vs.map((v) => v.version)) + 1,
    timestamp: Math.max(...vs.map((v) => v.timestamp)),
    agentId: COORDINATOR_AGENT_ID,
    metadata: {
      resolutionStrategy: 'crdt',
      crdtType,
      mergedFromAgents: mergedFrom(vs),
      crdtState: merged.crdtState,
      explanation: [typeStep, ...merged.steps],
    },
  };
}

/** The agents whose writes a merge holds: a merged input counts with the agents it was merged from. */
function mergedFrom(vs: readonly StateVersion[]): string[] {
  const agents = new Set<string>();
  for (const v of vs) {
    const from = v.metadata.mergedFromAgents;
    if (Array.isArray(from) && from.every((a) => typeof a === 'string')) for (const a of from) agents.add(a);
    else agents.add(v.agentId);
  }
  return [...agents].sort(compareStrings);
}
