import { ConflictResolver, RESOLUTION_STRATEGIES, type ResolutionStrategy } from '../conflict/conflictResolver';
import { check } from '../core/errors';
import { MAX_SIM_TIME_MS, MAX_SYNC_KEYS } from '../core/limits';
import { InMemoryProvider } from '../memory/inMemoryProvider';
import type { RunContext } from '../runs/context';
import { sameContent } from './replica';
import { StateSynchronizer } from './stateSynchronizer';
import { type MissedAgent, SYNC_MODES, type SyncCost, type SyncMode } from './syncTypes';

/** A sync run as a scenario describes it (`run.kind: 'sync'`). */
export interface SyncParams {
  mode: SyncMode;
  /** Keys of state the swarm shares. */
  keys: number;
  /** Keys changed at the coordinator after the baseline (default min(10, keys)). */
  changedKeys?: number;
  timeoutMs?: number;
  /** Resolver strategy (default 'lww'). */
  strategy?: ResolutionStrategy;
  swarmId?: string;
}

export interface SyncSummary {
  kind: 'sync';
  mode: SyncMode;
  swarmId: string;
  keys: number;
  changedKeys: number;
  agents: number;
  liveAgents: number;
  /** Live agents whose replica of every stored key equals the stored state afterwards. */
  upToDate: number;
  /** True when every live agent is up to date. */
  ok: boolean;
  missed: MissedAgent[];
  /** What the measured mode cost (after the baseline). */
  messages: number;
  bytes: number;
  /** Stored versions the mode put on the wire. */
  versionsSent: number;
  /** The initial full sync that gave every agent the baseline. */
  baseline: SyncCost;
  currentVersion: number;
  simulatedMs: number;
}

/** Every parameter of a sync run block; validateSyncParams refuses any other key. */
export const SYNC_PARAMS = [
  'mode',
  'keys',
  'changedKeys',
  'timeoutMs',
  'strategy',
  'swarmId',
] as const satisfies readonly (keyof SyncParams)[];
const KNOWN = new Set<string>(['kind', ...SYNC_PARAMS]);

const isInt = (x: unknown, lo: number, hi: number): x is number =>
  typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi;

/**
 * Checks sync parameters, throwing a ValidationError whose field is the path in
 * the scenario (`run.mode`, `run.keys`, …).
 * @example validateSyncParams({ mode: 'delta', keys: 1000, changedKeys: 10 })
 */
export function validateSyncParams(params: unknown): SyncParams {
  check(typeof params === 'object' && params !== null, 'run', 'must be an object');
  const p = params as Record<string, unknown>;
  for (const key of Object.keys(p)) check(KNOWN.has(key), `run.${key}`, 'is not a sync parameter');
  check(SYNC_MODES.includes(p.mode as SyncMode), 'run.mode', `must be one of ${SYNC_MODES.join(', ')}`);
  const most = MAX_SYNC_KEYS.toLocaleString('en-US');
  check(isInt(p.keys, 1, MAX_SYNC_KEYS), 'run.keys', `must be a whole number from 1 to ${most}`);
  if (p.changedKeys !== undefined) {
    check(isInt(p.changedKeys, 0, p.keys), 'run.changedKeys', `must be a whole number from 0 to run.keys (${p.keys})`);
  }
  if (p.timeoutMs !== undefined) check(isInt(p.timeoutMs, 1, MAX_SIM_TIME_MS), 'run.timeoutMs', 'must be ≥ 1 ms');
  if (p.strategy !== undefined) {
    check(
      RESOLUTION_STRATEGIES.includes(p.strategy as ResolutionStrategy),
      'run.strategy',
      `must be one of ${RESOLUTION_STRATEGIES.join(', ')}`,
    );
  }
  if (p.swarmId !== undefined)
    check(typeof p.swarmId === 'string' && p.swarmId.length > 0, 'run.swarmId', 'must not be empty');
  return p as unknown as SyncParams;
}

const keyName = (k: number, width: number) => `key-${String(k).padStart(width, '0')}`;

/**
 * A measured sync run: the coordinator (the first agent) stores `keys` keys and
 * gives every agent the baseline with a full sync; then it changes
 * `changedKeys` of them, and the chosen mode brings the agents up to date.
 * The summary reports what that mode cost (messages, serialised bytes) and who
 * is up to date. Async: the memory provider is.
 * @example (await runSync(ctx, { mode: 'delta', keys: 1000, changedKeys: 10 })).bytes
 */
export async function runSync(ctx: RunContext, params: SyncParams): Promise<SyncSummary> {
  validateSyncParams(params);
  const swarmId = params.swarmId ?? 'swarm-001';
  const changed = params.changedKeys ?? Math.min(10, params.keys);
  const sync = new StateSynchronizer(
    ctx.coordinator,
    new InMemoryProvider(),
    new ConflictResolver({ strategy: params.strategy ?? 'lww' }),
    { defaultTimeoutMs: params.timeoutMs ?? 10_000, rng: ctx.rng },
  );
  const width = String(params.keys).length;
  for (let k = 1; k <= params.keys; k++) await sync.commit(swarmId, keyName(k, width), { n: 0, key: k });
  const baseline = sync.fullSync(swarmId);
  ctx.onProgress?.(0.5);
  for (const k of ctx.rng.sample(params.keys, changed)) {
    await sync.commit(swarmId, keyName(k + 1, width), { n: 1, key: k + 1 });
  }
  const run = { full: sync.fullSync, delta: sync.deltaSyncAgents, 'version-query': sync.versionQuery }[params.mode];
  const report = run.call(sync, swarmId);
  const live = ctx.coordinator.agents.map((_, i) => i).filter((i) => ctx.network.isAlive(i));
  const keys = sync.replicaKeys(0, swarmId);
  const stored = keys.map((k) => sync.replicaOf(0, swarmId, k));
  const upToDate = live.filter((a) => keys.every((k, j) => sameContent(sync.replicaOf(a, swarmId, k), stored[j])));
  ctx.onProgress?.(1);
  return {
    kind: 'sync',
    mode: params.mode,
    swarmId,
    keys: params.keys,
    changedKeys: changed,
    agents: ctx.coordinator.size,
    liveAgents: live.length,
    upToDate: upToDate.length,
    ok: upToDate.length === live.length,
    missed: report.missed,
    messages: report.cost.messages,
    bytes: report.cost.bytes,
    versionsSent: report.versionsSent,
    baseline: baseline.cost,
    currentVersion: sync.currentVersion(swarmId),
    simulatedMs: ctx.network.now,
  };
}
