import type { ClockEntryComparison, ClockOrder, VectorClock } from '../clocks/vectorClock';
import type { LwwDecidedBy } from '../crdt/lww';
import type { CRDTType } from '../crdt/types';
import type { VersionRef } from './stateVersion';

/**
 * One step of a resolution, as data: what was looked at (`inputs`), the cells
 * compared (`comparison`), what followed (`outcome`) and a sentence a person can
 * read (`reason`). The inspector highlights `comparison` cells; nothing here is
 * only a pre-formatted string. Steps are JSON-serialisable.
 *
 * The crdt steps describe a join of states: each version brings the state it
 * carries (`source: 'state'`, a merged version) or its one write (`'value'`),
 * and the step shows, per agent, element or key, what each version holds and
 * what the join keeps. A version already merged into another shows up holding
 * the same counts or cells, and adds nothing.
 */
export type ExplanationStep =
  | SingleStep
  | LwwCompareStep
  | LwwResultStep
  | VectorClocksStep
  | VectorCompareStep
  | VectorMaximalStep
  | CrdtTypeStep
  | CounterMergeStep
  | PnCounterMergeStep
  | SetUnionStep
  | OrSetMergeStep
  | MapKeyStep;

export type ExplanationStepKind = ExplanationStep['step'];

export interface SingleStep {
  step: 'single';
  inputs: { versions: VersionRef[] };
  comparison: null;
  outcome: { winner: VersionRef };
  reason: string;
}

/** A cell compared under the LWW rule: the field that decided and both sides' values. */
export interface LwwComparison {
  decidedBy: LwwDecidedBy;
  left: number | string;
  right: number | string;
  cmp: '<' | '=' | '>';
}

export interface LwwCompareStep {
  step: 'lww-compare';
  inputs: { left: VersionRef; right: VersionRef };
  comparison: LwwComparison;
  outcome: { winner: VersionRef };
  reason: string;
}

export interface LwwResultStep {
  step: 'lww-result';
  inputs: { candidates: VersionRef[] };
  /** The candidates in LWW order, winner first. */
  comparison: { order: VersionRef[] };
  outcome: { winner: VersionRef; discarded: VersionRef[] };
  reason: string;
}

export interface VectorClocksStep {
  step: 'vector-clocks';
  inputs: { versions: (VersionRef & { clock: VectorClock; implicit: boolean })[] };
  comparison: null;
  outcome: { implicitFor: string[] };
  reason: string;
}

export interface VectorCompareStep {
  step: 'vector-compare';
  inputs: { left: VersionRef & { clock: VectorClock }; right: VersionRef & { clock: VectorClock } };
  comparison: { entries: ClockEntryComparison[] };
  outcome: { order: ClockOrder };
  reason: string;
}

export interface VectorMaximalStep {
  step: 'vector-maximal';
  inputs: { versions: VersionRef[] };
  comparison: { dominated: { version: VersionRef; by: VersionRef[] }[] };
  outcome: { maximal: VersionRef[]; causalWinner: VersionRef | null };
  reason: string;
}

export interface CrdtTypeStep {
  step: 'crdt-type';
  inputs: { versions: (VersionRef & { declared: CRDTType | null; detected: CRDTType })[] };
  comparison: { source: 'metadata' | 'detected' };
  outcome: { crdtType: CRDTType };
  reason: string;
}

/** Where a version's state in a crdt merge came from: its `metadata.crdtState`, or its value as one agent's write. */
export type StateSource = 'state' | 'value';

export interface CounterMergeStep {
  step: 'counter-merge';
  /** Each version: its value as it reads (a merged version's is its total) and the per-agent counts it carries. */
  inputs: {
    contributions: (VersionRef & { value: number; counts: Record<string, number>; source: StateSource })[];
  };
  /**
   * Per agent, that agent's count in each version holding one (`from[i]` holds `values[i]`) and the
   * largest: the join. `naiveSum` adds every version's value, as if each were a new contribution.
   */
  comparison: { perAgent: { agent: string; values: number[]; from: VersionRef[]; max: number }[]; naiveSum: number };
  /** The joined per-agent counts and their sum. */
  outcome: { value: number; counts: Record<string, number> };
  reason: string;
}

export interface PnCounterMergeStep {
  step: 'pn-counter-merge';
  /** Each version's increments and decrements in all, and per agent (`p`, `n`). */
  inputs: {
    contributions: (VersionRef & {
      increments: number;
      decrements: number;
      p: Record<string, number>;
      n: Record<string, number>;
      source: StateSource;
    })[];
  };
  comparison: {
    perAgent: {
      agent: string;
      /** The versions holding an entry of this agent; `increments[i]`, `decrements[i]` are `from[i]`'s. */
      from: VersionRef[];
      increments: number[];
      decrements: number[];
      maxIncrements: number;
      maxDecrements: number;
    }[];
  };
  outcome: { increments: number; decrements: number; value: number };
  reason: string;
}

export interface SetUnionStep {
  step: 'set-union';
  inputs: { sets: (VersionRef & { elements: unknown[]; source: StateSource })[] };
  /** Each element of the union and the agent ids of the versions holding it. */
  comparison: { elements: { element: unknown; from: string[] }[] };
  outcome: { value: unknown[] };
  reason: string;
}

export interface OrSetMergeStep {
  step: 'or-set-merge';
  inputs: { sets: (VersionRef & { visible: unknown[]; source: StateSource })[] };
  comparison: { elements: { element: unknown; tags: string[]; removedTags: string[]; present: boolean }[] };
  outcome: { value: unknown[] };
  reason: string;
}

/**
 * One key of an LWW-map join. A candidate is one write of the key (its own
 * stamp: writer, version, timestamp) and `heldBy` the input versions that
 * carry it — a merged version carries the cells of the writes it merged.
 */
export interface MapKeyStep {
  step: 'map-key';
  inputs: { key: string; candidates: (VersionRef & { value: unknown; deleted?: boolean; heldBy: VersionRef[] })[] };
  comparison: LwwComparison | null;
  outcome: { key: string; value: unknown; winner: VersionRef; deleted?: boolean };
  reason: string;
}
