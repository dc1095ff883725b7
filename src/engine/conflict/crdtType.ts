import { check } from '../core/errors';
import { isPlainObject } from '../crdt/json';
import type { CRDTType } from '../crdt/types';
import type { CrdtTypeStep } from './explanation';
import { refOf, type StateVersion } from './stateVersion';
import { declaredStateType } from './versionState';

/**
 * The seed's detection rules: a number is a counter, an array or Set a set, a
 * plain object (or Map) a map, anything else a last-writer-wins register.
 *
 * @example detectCrdtType(42) // 'counter'
 */
export function detectCrdtType(value: unknown): CRDTType {
  if (typeof value === 'number') return 'counter';
  if (Array.isArray(value) || value instanceof Set) return 'set';
  if (isPlainObject(value) || value instanceof Map) return 'map';
  return 'register';
}

/**
 * The type of a merge: the declared `metadata.crdtType` (or, without one, the
 * type of the `metadata.crdtState` a merged version carries; versions that
 * declare must agree), else the detected type of every value (which must agree
 * too). `vs` is in canonical order; `fields[i]` names version i in errors.
 */
export function chooseCrdtType(vs: readonly StateVersion[], fields: readonly string[]): CrdtTypeStep {
  const declared = vs.map((v) => v.metadata.crdtType ?? declaredStateType(v));
  const detected = vs.map((v) => detectCrdtType(v.value));
  const firstDeclared = declared.findIndex((d) => d !== null);
  const inputs = { versions: vs.map((v, i) => ({ ...refOf(v), declared: declared[i], detected: detected[i] })) };
  if (firstDeclared >= 0) {
    const type = declared[firstDeclared] as CRDTType;
    declared.forEach((d, i) => {
      check(
        d === null || d === type,
        `${fields[i]}.metadata.${vs[i].metadata.crdtType ? 'crdtType' : 'crdtState.type'}`,
        `${vs[i].agentId} declares '${d}' but ${vs[firstDeclared].agentId} declares '${type}'`,
      );
    });
    return {
      step: 'crdt-type',
      inputs,
      comparison: { source: 'metadata' },
      outcome: { crdtType: type },
      reason: vs[firstDeclared].metadata.crdtType
        ? `metadata.crdtType says '${type}'`
        : `metadata.crdtState is a '${type}' state`,
    };
  }
  const type = detected[0];
  detected.forEach((d, i) => {
    check(
      d === type,
      `${fields[i]}.value`,
      `${vs[i].agentId}'s value looks like a ${d} but ${vs[0].agentId}'s like a ${type}; set metadata.crdtType`,
    );
  });
  return {
    step: 'crdt-type',
    inputs,
    comparison: { source: 'detected' },
    outcome: { crdtType: type },
    reason: `no crdtType in metadata; every value looks like a ${type} (${describeRule(type)})`,
  };
}

function describeRule(type: CRDTType): string {
  if (type === 'counter') return 'number ⇒ counter';
  if (type === 'set') return 'array or Set ⇒ set';
  if (type === 'map') return 'plain object ⇒ map';
  return 'anything else ⇒ register';
}
