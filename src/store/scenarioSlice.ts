import type { StateCreator } from 'zustand';
import { DEFAULT_NETWORK, type FieldIssue } from '../worker/protocol';
import type { BuilderDraft, ScenarioDraft } from '../worker/scenarioDraft';
import type { Store } from './index';

export type { AgentDraft, BuilderDraft, ScenarioDraft } from '../worker/scenarioDraft';

export const DEFAULT_BUILDER_PARAMS: { [K in BuilderDraft['kind']]: Extract<BuilderDraft, { kind: K }> } = {
  mesh: { kind: 'mesh' },
  'partial-mesh': { kind: 'partial-mesh', k: 4 },
  ring: { kind: 'ring' },
  star: { kind: 'star' },
  hierarchical: { kind: 'hierarchical', branching: 3 },
  'small-world': { kind: 'small-world', k: 4, beta: 0.1 },
  random: { kind: 'random', p: 0.1 },
  custom: { kind: 'custom' },
};

export const DEFAULT_SCENARIO: ScenarioDraft = {
  format: 'swarm-playground/scenario',
  version: 1,
  name: 'Untitled swarm',
  seed: 1,
  topology: { agentCount: 12, builder: { kind: 'small-world', k: 4, beta: 0.1 } },
  network: { ...DEFAULT_NETWORK, faults: [] },
  run: { kind: 'flood', origin: 'agent-1' },
};

interface HistoryEntry {
  label: string;
  scenario: ScenarioDraft;
}

/** Undo steps kept; older ones are dropped. */
const MAX_HISTORY = 200;
/** Edits with the same label this close together (typing in a field) undo as one. */
const COALESCE_MS = 800;

export interface ScenarioSlice {
  scenario: ScenarioDraft;
  /** Problems the worker found in `scenario`, by field path. */
  issues: FieldIssue[];
  past: HistoryEntry[];
  future: HistoryEntry[];
  lastEdit: { label: string; at: number } | null;
  /** Applies an edit as one undoable step named `label`. */
  edit: (label: string, recipe: (scenario: ScenarioDraft) => ScenarioDraft) => void;
  /** Replaces the whole scenario (import, lesson, reset) as one undoable step. */
  setScenario: (scenario: ScenarioDraft, label?: string) => void;
  undo: () => void;
  redo: () => void;
  setBuilder: (builder: BuilderDraft) => void;
  setAgentCount: (count: number) => void;
  setSeed: (seed: number) => void;
}

export const createScenarioSlice: StateCreator<Store, [], [], ScenarioSlice> = (set, get) => ({
  scenario: DEFAULT_SCENARIO,
  issues: [],
  past: [],
  future: [],
  lastEdit: null,
  edit: (label, recipe) => {
    const { scenario, past, lastEdit } = get();
    const next = recipe(scenario);
    if (next === scenario) return;
    const now = Date.now();
    const coalesce =
      lastEdit !== null && lastEdit.label === label && now - lastEdit.at < COALESCE_MS && past.length > 0;
    set({
      scenario: next,
      past: coalesce ? past : [...past, { label, scenario }].slice(-MAX_HISTORY),
      future: [],
      lastEdit: { label, at: now },
    });
  },
  setScenario: (scenario, label = 'Replace scenario') => get().edit(label, () => scenario),
  undo: () => {
    const { past, future, scenario } = get();
    const last = past.at(-1);
    if (!last) return;
    set({
      scenario: last.scenario,
      past: past.slice(0, -1),
      future: [{ label: last.label, scenario }, ...future],
      lastEdit: null,
    });
  },
  redo: () => {
    const { past, future, scenario } = get();
    const next = future[0];
    if (!next) return;
    set({
      scenario: next.scenario,
      future: future.slice(1),
      past: [...past, { label: next.label, scenario }],
      lastEdit: null,
    });
  },
  setBuilder: (builder) =>
    get().edit('Change topology', (s) => {
      const count = s.topology.agentCount ?? s.topology.agents?.length ?? 0;
      return { ...s, topology: { agentCount: count, builder } };
    }),
  setAgentCount: (agentCount) =>
    get().edit('Change agent count', (s) => ({
      ...s,
      topology: { agentCount, builder: s.topology.builder.kind === 'custom' ? { kind: 'mesh' } : s.topology.builder },
    })),
  setSeed: (seed) => get().edit('Change seed', (s) => ({ ...s, seed })),
});
