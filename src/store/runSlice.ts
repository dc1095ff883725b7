import type { StateCreator } from 'zustand';
import type { RunFailure, RunSummary, TraceColumns } from '../worker/protocol';
import type { Store } from './index';
import { reconcileRun } from './runFreshness';
import type { TraceIndex } from './traceIndex';

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

/** A run whose scenario has since been edited, kept aside with the player's place in it. */
export interface StaleRun {
  summary: RunSummary;
  trace: TraceColumns;
  traceIndex: TraceIndex;
  /** Fingerprint of the scenario it ran on (src/store/fingerprint.ts). */
  fingerprint: string;
  cursor: number;
  playTime: number;
}

export interface RunSlice {
  runStatus: RunStatus;
  /** Fraction in [0, 1] while running. */
  runProgress: number;
  summary: RunSummary | null;
  trace: TraceColumns | null;
  /** The player's index over `trace`. */
  traceIndex: TraceIndex | null;
  failure: RunFailure | null;
  /** Fingerprint of the scenario `summary` and `trace` were run on; null when unknown. */
  runFingerprint: string | null;
  /**
   * The last run when the scenario changed after it: nothing replays or shows it
   * as current; an undo back to its scenario brings it back (src/store/runFreshness.ts).
   */
  staleRun: StaleRun | null;
}

export const createRunSlice: StateCreator<Store, [], [], RunSlice> = (set, _get, api) => {
  // Every change of the scenario or of the run is checked here, whoever made it (edit, undo, import, a run).
  api.subscribe((s, prev) => {
    if (s.scenario === prev.scenario && s.trace === prev.trace && s.runFingerprint === prev.runFingerprint) return;
    const patch = reconcileRun(s);
    if (patch) set(patch);
  });
  return {
    runStatus: 'idle',
    runProgress: 0,
    summary: null,
    trace: null,
    traceIndex: null,
    failure: null,
    runFingerprint: null,
    staleRun: null,
  };
};
