import { check } from '../../core/errors';
import { MAX_SIM_TIME_MS } from '../../core/limits';
import { type ClientCommand, validateCommands } from './commands';
import { flag, isRecord, onlyKeys, wholeNumber } from './fieldChecks';
import { type RandomFaults, validateRandomFaults } from './randomFaults';

/**
 * Rules of Raft a lesson may break to show why they exist. All off by default; each
 * makes a safety property fail for some seed (see the tests for the seed budgets).
 */
export interface RaftTeaching {
  /** RequestVote grants without the "candidate's log is at least as up-to-date" check (§5.4.1). */
  skipUpToDateCheck: boolean;
  /** A leader commits an entry of an earlier term once a majority stores it (the paper's Figure 8). */
  commitPreviousTermsByCounting: boolean;
  /** This agent (an id) grants a second vote in a term, to the next candidate that asks. */
  doubleVoter: string | null;
}

/** The `raft` run's parameters, defaults filled in. Times are simulated ms. */
export interface RaftParams {
  /** Each election timeout is drawn uniformly from [min, max] with the run's PRNG. */
  electionTimeoutMsMin: number;
  electionTimeoutMsMax: number;
  /** A leader's AppendEntries period when idle; below the election timeout. */
  heartbeatMs: number;
  /** The run ends at this simulated time. */
  durationMs: number;
  /** A client that has no answer after this long asks the current leader again. */
  clientRetryMs: number;
  /** Entries one AppendEntries carries at most. */
  maxEntriesPerAppend: number;
  commands: ClientCommand[];
  /** Extra crashes and partitions drawn from the seed; null for none. */
  randomFaults: RandomFaults | null;
  teaching: RaftTeaching;
}

export const RAFT_DEFAULTS: Omit<RaftParams, 'commands'> = {
  electionTimeoutMsMin: 150,
  electionTimeoutMsMax: 300,
  heartbeatMs: 50,
  durationMs: 5_000,
  clientRetryMs: 500,
  maxEntriesPerAppend: 16,
  randomFaults: null,
  teaching: { skipUpToDateCheck: false, commitPreviousTermsByCounting: false, doubleVoter: null },
};

/** Servers in one Raft run (every heartbeat goes to each of them). */
export const MAX_RAFT_SERVERS = 1_000;
/** Entries one AppendEntries may carry. */
export const MAX_ENTRIES_PER_APPEND = 10_000;

const KEYS = new Set(['kind', 'commands', ...Object.keys(RAFT_DEFAULTS)]);
const TEACHING_KEYS = new Set(Object.keys(RAFT_DEFAULTS.teaching));

/**
 * Checks a `raft` run block and fills in the defaults. Throws a ValidationError naming
 * the field (`run.heartbeatMs`, `run.teaching.doubleVoter`, …).
 * @example validateRaftParams({ commands: [{ atMs: 500, value: 'x=1' }] }).heartbeatMs // 50
 */
export function validateRaftParams(input: unknown): RaftParams {
  check(isRecord(input), 'run', 'must be an object');
  onlyKeys(input, KEYS, 'run', 'raft');
  check(input.kind === undefined || input.kind === 'raft', 'run.kind', "must be 'raft'");
  const p = { ...RAFT_DEFAULTS, commands: [], ...input } as Record<string, unknown>;
  // The heartbeat (at least 1 ms) must be below it, so its least value is 2 ms (said here, on its own field).
  const min = wholeNumber(p.electionTimeoutMsMin, 'run.electionTimeoutMsMin', 2, MAX_SIM_TIME_MS);
  const max = wholeNumber(p.electionTimeoutMsMax, 'run.electionTimeoutMsMax', 1, MAX_SIM_TIME_MS);
  check(max >= min, 'run.electionTimeoutMsMax', 'must be ≥ electionTimeoutMsMin');
  const heartbeatMs = wholeNumber(p.heartbeatMs, 'run.heartbeatMs', 1, MAX_SIM_TIME_MS);
  // A leader that beats slower than followers time out is deposed over and over (§5.6).
  check(heartbeatMs < min, 'run.heartbeatMs', 'must be below electionTimeoutMsMin, or followers depose every leader');
  return {
    electionTimeoutMsMin: min,
    electionTimeoutMsMax: max,
    heartbeatMs,
    durationMs: wholeNumber(p.durationMs, 'run.durationMs', 1, MAX_SIM_TIME_MS),
    clientRetryMs: wholeNumber(p.clientRetryMs, 'run.clientRetryMs', 1, MAX_SIM_TIME_MS),
    maxEntriesPerAppend: wholeNumber(p.maxEntriesPerAppend, 'run.maxEntriesPerAppend', 1, MAX_ENTRIES_PER_APPEND),
    commands: validateCommands(p.commands),
    randomFaults: p.randomFaults === null ? null : validateRandomFaults(p.randomFaults, 'run.randomFaults'),
    teaching: validateTeaching(p.teaching),
  };
}

function validateTeaching(x: unknown): RaftTeaching {
  check(isRecord(x), 'run.teaching', 'must be an object');
  onlyKeys(x, TEACHING_KEYS, 'run.teaching', 'raft teaching');
  const t = { ...RAFT_DEFAULTS.teaching, ...x };
  check(
    t.doubleVoter === null || (typeof t.doubleVoter === 'string' && t.doubleVoter.length > 0),
    'run.teaching.doubleVoter',
    'must be an agent id or null',
  );
  return {
    skipUpToDateCheck: flag(t.skipUpToDateCheck, 'run.teaching.skipUpToDateCheck'),
    commitPreviousTermsByCounting: flag(t.commitPreviousTermsByCounting, 'run.teaching.commitPreviousTermsByCounting'),
    doubleVoter: t.doubleVoter,
  };
}
