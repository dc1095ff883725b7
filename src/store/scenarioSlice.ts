import type { StateCreator } from 'zustand';
import type { FieldIssue } from '../worker/protocol';
import type { Store } from './index';

/** The builder part of a scenario, as the file format writes it. */
export type BuilderDraft =
  | { kind: 'mesh' }
  | { kind: 'partial-mesh'; k: number }
  | { kind: 'ring' }
  | { kind: 'star' }
  | { kind: 'hierarchical'; branching: number }
  | { kind: 'small-world'; k: number; beta: number }
  | { kind: 'random'; p: number }
  | { kind: 'custom' };

/**
 * The scenario being edited, in the file format (version 1). It is plain JSON so
 * that saving, sharing and the CLI see exactly what the UI sees.
 */
export interface ScenarioDraft {
  format: 'swarm-playground/scenario';
  version: 1;
  name?: string;
  seed: number;
  topology: {
    agentCount?: number;
    agents?: Record<string, unknown>[];
    builder: BuilderDraft;
    links?: [string, string][];
  };
  network: Record<string, unknown>;
  run: Record<string, unknown> & { kind: string };
}

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
  network: {
    latencyMsMin: 10,
    latencyMsMax: 50,
    lossProbability: 0,
    duplicationProbability: 0,
    reorderProbability: 0,
    faults: [],
  },
  run: { kind: 'flood', origin: 'agent-1' },
};

export interface ScenarioSlice {
  scenario: ScenarioDraft;
  /** Problems the worker found in `scenario`, by field path. */
  issues: FieldIssue[];
  setScenario: (scenario: ScenarioDraft) => void;
  setBuilder: (builder: BuilderDraft) => void;
  setAgentCount: (count: number) => void;
  setSeed: (seed: number) => void;
}

export const createScenarioSlice: StateCreator<Store, [], [], ScenarioSlice> = (set) => ({
  scenario: DEFAULT_SCENARIO,
  issues: [],
  setScenario: (scenario) => set({ scenario }),
  setBuilder: (builder) => set((s) => ({ scenario: { ...s.scenario, topology: { ...s.scenario.topology, builder } } })),
  setAgentCount: (agentCount) =>
    set((s) => ({ scenario: { ...s.scenario, topology: { ...s.scenario.topology, agentCount, agents: undefined } } })),
  setSeed: (seed) => set((s) => ({ scenario: { ...s.scenario, seed } })),
});
