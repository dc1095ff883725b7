import type { StateCreator } from 'zustand';
import type { RunFailure, RunSummary, TraceColumns } from '../worker/protocol';
import type { Store } from './index';
import type { TraceIndex } from './traceIndex';

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'cancelled';

export interface RunSlice {
  runStatus: RunStatus;
  /** Fraction in [0, 1] while running. */
  runProgress: number;
  summary: RunSummary | null;
  trace: TraceColumns | null;
  /** The player's index over `trace`. */
  traceIndex: TraceIndex | null;
  failure: RunFailure | null;
}

export const createRunSlice: StateCreator<Store, [], [], RunSlice> = () => ({
  runStatus: 'idle',
  runProgress: 0,
  summary: null,
  trace: null,
  traceIndex: null,
  failure: null,
});
