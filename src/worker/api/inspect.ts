/**
 * The inspectors' worker functions (plain, Node-testable): resolve versions
 * with an explanation, replay a replicated-state run's replicas, build the
 * space-time model of a trace window, read an imported clock log, and measure
 * the three sync modes on the same scenario. Every failure comes back as data.
 */
import { ValidationError } from '../../engine/core/errors';
import type { CRDTType } from '../../engine/crdt/types';
import { runScenario } from '../../engine/runs/runScenario';
import { parseScenario } from '../../engine/scenario';
import type { FieldIssue } from '../protocol';
import { parseLog } from './inspect/logImport';
import { compareStrategies, resolveVersions } from './inspect/merge';
import { type ReplayStep, type ReplicaRow, replayReplicas } from './inspect/replicas';
import { checkShiVizOptions, parseShiViz, type ShiVizOptions } from './inspect/shivizImport';
import { buildSpaceTime, type TraceWindow } from './inspect/spaceTime';
import type { SpaceTimeModel } from './inspect/spaceTimeModel';
import { replaySyncReplicas, type SyncReplayRequest, type SyncReplicas } from './inspect/syncReplicas';
import { toFailure } from './runs';

export type { ResolveOutcome, ResolveRequest } from './inspect/merge';
export type { ReplayStep, ReplicaRow } from './inspect/replicas';
export type { ShiVizOptions } from './inspect/shivizImport';
export type { TraceWindow } from './inspect/spaceTime';
export type { LogProblem, SpaceTimeArrow, SpaceTimeInterval, SpaceTimeModel } from './inspect/spaceTimeModel';
export type { SyncReplayRequest, SyncReplayStep, SyncReplicas } from './inspect/syncReplicas';

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string; issues: FieldIssue[] };

function attempt<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    const failure = toFailure(error);
    return { ok: false, message: failure.message, issues: failure.issues };
  }
}

/** Bytes and messages one sync mode cost on the scenario. */
export interface ModeCost {
  mode: 'full' | 'delta' | 'version-query';
  messages: number;
  bytes: number;
  ok: boolean;
}

export const inspectApi = {
  resolveVersions,
  compareStrategies,

  replayReplicas(crdtType: CRDTType, stateKey: string, agentIds: string[], steps: ReplayStep[]): Outcome<ReplicaRow[]> {
    return attempt(() => replayReplicas(crdtType, stateKey, agentIds, steps));
  },

  /** A sync run's replicas of one key at the cursor, rebuilt with the engine's ReplicaSet. */
  replaySyncReplicas(request: SyncReplayRequest): Outcome<SyncReplicas> {
    return attempt(() => replaySyncReplicas(request));
  },

  spaceTime(window: TraceWindow, agentIds: string[]): Outcome<SpaceTimeModel> {
    return attempt(() => buildSpaceTime(window, agentIds));
  },

  parseLog(text: string): Outcome<SpaceTimeModel> {
    return attempt(() => parseLog(text));
  },

  /** Reads a ShiViz text log with the user's parser (and delimiter) regex. */
  parseShiVizLog(text: string, options: ShiVizOptions): Outcome<SpaceTimeModel> {
    return attempt(() => parseShiViz(text, options));
  },

  /** Checks the ShiViz regexes alone (as they are typed); issues name `parser` or `delimiter`. */
  checkShiViz(options: ShiVizOptions): Outcome<true> {
    return attempt(() => {
      checkShiVizOptions(options);
      return true as const;
    });
  },

  /** Runs a sync scenario once per mode (trace not recorded) and reports each mode's cost. */
  async syncModeCosts(input: unknown): Promise<Outcome<ModeCost[]>> {
    try {
      const scenario = parseScenario(input);
      const out: ModeCost[] = [];
      for (const mode of ['full', 'delta', 'version-query'] as const) {
        const run = { ...scenario, run: { ...scenario.run, mode } } as typeof scenario;
        const { summary } = await runScenario(run, { record: false });
        if (summary.runKind !== 'sync') throw new ValidationError('run.kind', 'must be "sync" to compare sync modes');
        const r = summary.result;
        out.push({ mode, messages: r.messages, bytes: r.bytes, ok: r.ok });
      }
      return { ok: true, value: out };
    } catch (error) {
      const failure = toFailure(error);
      return { ok: false, message: failure.message, issues: failure.issues };
    }
  },
};
