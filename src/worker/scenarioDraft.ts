/**
 * The scenario as the editor holds it: the file format (version 1) as plain JSON, so saving,
 * sharing, the worker and the CLI see exactly what the UI sees. It crosses the worker boundary.
 */
import type { Behaviour, VotingPolicy } from '../engine/core/agent';

/** One agent as the file writes it: every field but the id optional. */
export interface AgentDraft {
  id: string;
  label?: string;
  weight?: number;
  capabilities?: string[];
  behaviour?: Behaviour;
  policy?: VotingPolicy;
  position?: { x: number; y: number };
}

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
    agents?: AgentDraft[];
    builder: BuilderDraft;
    links?: [string, string][];
  };
  network: Record<string, unknown>;
  run: Record<string, unknown> & { kind: string };
}
