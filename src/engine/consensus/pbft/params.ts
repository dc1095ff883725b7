import { check } from '../../core/errors';
import { MAX_AGGREGATE_AGENTS, MAX_SIM_TIME_MS } from '../../core/limits';
import { byzantineSizeRule } from '../byzantine';
import { type ClientCommand, validateCommands } from '../raft/commands';
import { flag, isRecord, onlyKeys, wholeNumber } from '../raft/fieldChecks';
import { type RandomFaults, validateRandomFaults } from '../raft/randomFaults';

/** Rules of PBFT a lesson may break. Off by default. */
export interface PbftTeaching {
  /** Quorums of f + 1 instead of 2f + 1 (prepare: f instead of 2f): two quorums need not share an honest replica. */
  weakQuorums: boolean;
}

/** The `pbft` run's parameters, defaults filled in. Times are simulated ms. */
export interface PbftParams {
  /** f, the malicious replicas tolerated; null for the largest the swarm allows, ⌊(n − 1)/3⌋. */
  faultTolerance: number | null;
  commands: ClientCommand[];
  /** A backup waiting this long for a request to execute starts a view change (doubling each failed one). */
  viewChangeTimeoutMs: number;
  /** A client without f + 1 matching replies after this long sends the request to every replica again. */
  clientRetryMs: number;
  durationMs: number;
  randomFaults: RandomFaults | null;
  teaching: PbftTeaching;
}

export const PBFT_DEFAULTS: Omit<PbftParams, 'commands'> = {
  faultTolerance: null,
  viewChangeTimeoutMs: 1_000,
  clientRetryMs: 2_000,
  durationMs: 10_000,
  randomFaults: null,
  teaching: { weakQuorums: false },
};

/** Replicas in one PBFT run: every request costs about 2n² messages. */
export const MAX_PBFT_REPLICAS = 256;

const KEYS = new Set(['kind', 'commands', ...Object.keys(PBFT_DEFAULTS)]);
const TEACHING_KEYS = new Set(Object.keys(PBFT_DEFAULTS.teaching));

/** What validation can check only knowing the swarm. */
export interface PbftParamsContext {
  /** Replicas that will run (the swarm's agents). */
  replicas?: number;
}

/** f when the parameters leave it open: the largest with n ≥ 3f + 1. */
export function defaultFaultTolerance(replicas: number): number {
  return Math.max(0, Math.floor((replicas - 1) / 3));
}

/**
 * Checks a `pbft` run block and fills in the defaults; with `context.replicas`, also
 * n ≥ 3f + 1 (a ValidationError on `run.faultTolerance`, worded as for Bracha's rule).
 * @example validatePbftParams({ faultTolerance: 1, commands: [] }, { replicas: 4 }).viewChangeTimeoutMs // 1000
 */
export function validatePbftParams(input: unknown, context: PbftParamsContext = {}): PbftParams {
  check(isRecord(input), 'run', 'must be an object');
  onlyKeys(input, KEYS, 'run', 'pbft');
  check(input.kind === undefined || input.kind === 'pbft', 'run.kind', "must be 'pbft'");
  const p = { ...PBFT_DEFAULTS, commands: [], ...input } as Record<string, unknown>;
  const f =
    p.faultTolerance === null ? null : wholeNumber(p.faultTolerance, 'run.faultTolerance', 0, MAX_AGGREGATE_AGENTS);
  if (context.replicas !== undefined) checkReplicaCount(context.replicas, f ?? defaultFaultTolerance(context.replicas));
  check(isRecord(p.teaching), 'run.teaching', 'must be an object');
  onlyKeys(p.teaching, TEACHING_KEYS, 'run.teaching', 'pbft teaching');
  const teaching = { ...PBFT_DEFAULTS.teaching, ...p.teaching };
  return {
    faultTolerance: f,
    commands: validateCommands(p.commands),
    viewChangeTimeoutMs: wholeNumber(p.viewChangeTimeoutMs, 'run.viewChangeTimeoutMs', 1, MAX_SIM_TIME_MS),
    clientRetryMs: wholeNumber(p.clientRetryMs, 'run.clientRetryMs', 1, MAX_SIM_TIME_MS),
    durationMs: wholeNumber(p.durationMs, 'run.durationMs', 1, MAX_SIM_TIME_MS),
    randomFaults: p.randomFaults === null ? null : validateRandomFaults(p.randomFaults, 'run.randomFaults'),
    teaching: { weakQuorums: flag(teaching.weakQuorums, 'run.teaching.weakQuorums') },
  };
}

/** n ≥ 3f + 1, named on `run.faultTolerance` like Bracha's rule. */
export function checkReplicaCount(replicas: number, f: number): void {
  check(replicas >= 3 * f + 1, 'run.faultTolerance', byzantineSizeRule(f, replicas));
}
