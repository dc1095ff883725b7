import type { StateCreator } from 'zustand';
import type { ModeCost, ReplicaRow, ResolveOutcome, SpaceTimeModel } from '../../worker/api/inspect';
import type { FieldIssue } from '../../worker/protocol';
import type { Store } from '../index';

/** One version as the merge inspector edits it: every field as typed, parsed when resolving. */
export interface VersionDraft {
  agentId: string;
  value: string;
  version: string;
  timestamp: string;
  clock: string;
}

export type MergeStrategy = 'lww' | 'vector' | 'crdt';
export type CrdtChoice = 'auto' | 'counter' | 'pn-counter' | 'set' | 'or-set' | 'map' | 'register';

export interface LogFilter {
  /** Network index, or −1 for every agent. */
  agent: number;
  /** A trace kind (`messageSent`), `engine:<name>`, or '' for all. */
  kind: string;
  text: string;
}

export interface DiagramOptions {
  labels: 'hover' | 'always';
  clock: 'vector' | 'lamport' | 'both';
  collapseLocal: boolean;
  axis: 'time' | 'order';
  hiddenAgents: number[];
}

export interface InspectorSlice {
  /** The event selected in any inspector (trace index; a log line for imported logs), or −1. */
  inspectedEvent: number;
  /** A second event, compared with the first. */
  comparedEvent: number;
  // Space-time diagram
  diagram: SpaceTimeModel | null;
  diagramError: string | null;
  diagramSource: 'run' | 'log';
  importedLog: SpaceTimeModel | null;
  diagramOptions: DiagramOptions;
  // Merge inspector
  mergeSource: 'hand' | 'run';
  mergeStateKey: string;
  mergeDrafts: VersionDraft[];
  mergeStrategy: MergeStrategy;
  mergeCrdt: CrdtChoice;
  /** Teaching toggle: agent-1's version is delivered twice. */
  mergeDuplicate: boolean;
  mergeOutcome: ResolveOutcome | null;
  mergeCompare: Record<MergeStrategy, ResolveOutcome> | null;
  mergeFrame: number;
  replicaRows: ReplicaRow[] | null;
  replicaError: string | null;
  /** A sync run's state keys (sorted), for the key picker; null for other runs. */
  syncKeys: string[] | null;
  /** What the replica rows leave out (agents holding no version, values the trace never carried). */
  replicaNote: string | null;
  // Log import
  /** Why the last import failed, by field (`parser`, `delimiter`, `text`). */
  logImportIssues: FieldIssue[];
  logImportError: string | null;
  // Message log
  logFilter: LogFilter;
  /** Matching trace indices (null: no filter, every event). */
  logRows: Int32Array | null;
  /** Fraction of the trace filtered so far (1 = done). */
  logProgress: number;
  // Sync
  syncCosts: ModeCost[] | null;
  syncCostsError: string | null;
  inspect: (index: number, compared?: boolean) => void;
  setDiagramOptions: (patch: Partial<DiagramOptions>) => void;
  setMergeFrame: (frame: number) => void;
}

export const SEED_VECTOR_DRAFTS: VersionDraft[] = [
  {
    agentId: 'agent-1',
    value: '"Version A"',
    version: '1',
    timestamp: '2025-01-01T12:00:01Z',
    clock: '{"agent-1": 5, "agent-2": 3}',
  },
  {
    agentId: 'agent-2',
    value: '"Version B"',
    version: '2',
    timestamp: '2025-01-01T12:00:02Z',
    clock: '{"agent-1": 4, "agent-2": 6}',
  },
];

export const createInspectorSlice: StateCreator<Store, [], [], InspectorSlice> = (set) => ({
  inspectedEvent: -1,
  comparedEvent: -1,
  diagram: null,
  diagramError: null,
  diagramSource: 'run',
  importedLog: null,
  diagramOptions: { labels: 'hover', clock: 'vector', collapseLocal: false, axis: 'order', hiddenAgents: [] },
  mergeSource: 'hand',
  mergeStateKey: 'document',
  mergeDrafts: SEED_VECTOR_DRAFTS,
  mergeStrategy: 'vector',
  mergeCrdt: 'auto',
  mergeDuplicate: false,
  mergeOutcome: null,
  mergeCompare: null,
  mergeFrame: 0,
  replicaRows: null,
  replicaError: null,
  syncKeys: null,
  replicaNote: null,
  logImportIssues: [],
  logImportError: null,
  logFilter: { agent: -1, kind: '', text: '' },
  logRows: null,
  logProgress: 1,
  syncCosts: null,
  syncCostsError: null,
  inspect: (index, compared = false) =>
    set(compared ? { comparedEvent: index } : { inspectedEvent: index, comparedEvent: -1 }),
  setDiagramOptions: (patch) => set((s) => ({ diagramOptions: { ...s.diagramOptions, ...patch } })),
  setMergeFrame: (mergeFrame) => set({ mergeFrame }),
});
