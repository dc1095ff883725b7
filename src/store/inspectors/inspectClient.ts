/**
 * Typed calls to the inspectors' worker functions (Comlink's Remote type loses
 * the union of outcome types, so each call states what it returns).
 */
import type { Remote } from 'comlink';
import type {
  inspectApi,
  ModeCost,
  Outcome,
  ReplicaRow,
  ResolveOutcome,
  ShiVizOptions,
  SpaceTimeModel,
  SyncReplayRequest,
  SyncReplicas,
} from '../../worker/api/inspect';
import { checkShiViz, parseShiVizLog } from '../../worker/regexClient';
import type { SimApi } from '../../worker/sim.worker';
import { simClient } from '../simClient';

type Api = typeof inspectApi;

function call<T>(invoke: (api: Remote<SimApi>) => Promise<unknown>): Promise<T> {
  return simClient().call(invoke) as Promise<T>;
}

export const inspectClient = {
  resolveVersions: (...args: Parameters<Api['resolveVersions']>) =>
    call<ResolveOutcome>((api) => api.resolveVersions(...args)),
  compareStrategies: (...args: Parameters<Api['compareStrategies']>) =>
    call<Record<'lww' | 'vector' | 'crdt', ResolveOutcome>>((api) => api.compareStrategies(...args)),
  replayReplicas: (...args: Parameters<Api['replayReplicas']>) =>
    call<Outcome<ReplicaRow[]>>((api) => api.replayReplicas(...args)),
  replaySyncReplicas: (request: SyncReplayRequest) =>
    call<Outcome<SyncReplicas>>((api) => api.replaySyncReplicas(request)),
  spaceTime: (...args: Parameters<Api['spaceTime']>) => call<Outcome<SpaceTimeModel>>((api) => api.spaceTime(...args)),
  parseLog: (text: string) => call<Outcome<SpaceTimeModel>>((api) => api.parseLog(text)),
  // The user's regexes run in a throw-away worker with a time budget, never beside the run (regexClient.ts).
  parseShiVizLog: (text: string, options: ShiVizOptions): Promise<Outcome<SpaceTimeModel>> =>
    parseShiVizLog(text, options),
  checkShiViz: (options: ShiVizOptions): Promise<Outcome<true>> => checkShiViz(options),
  syncModeCosts: (scenario: unknown) => call<Outcome<ModeCost[]>>((api) => api.syncModeCosts(scenario)),
};
