import * as v from 'valibot';
import { MAX_ENTRIES_PER_APPEND, RAFT_DEFAULTS } from '../../consensus/raft/params';
import { MAX_SIM_TIME_MS } from '../../core/limits';
import { TIMEOUT } from '../../scenario/fields';
import { id, int, objectOnly } from '../../scenario/rules';
import { COMMANDS, DURATION, RandomFaultsSchema } from './leaderFields';

/** Raft's teaching switches: rules a lesson breaks on purpose (all off by default). */
const TeachingSchema = objectOnly(
  v.strictObject({
    skipUpToDateCheck: v.optional(v.boolean('must be true or false')),
    commitPreviousTermsByCounting: v.optional(v.boolean('must be true or false')),
    doubleVoter: v.optional(v.nullable(id())),
  }),
);

const { electionTimeoutMsMin: MIN, electionTimeoutMsMax: MAX, heartbeatMs: BEAT } = RAFT_DEFAULTS;

/**
 * The run block of a Raft run (src/engine/consensus/raft/params.ts): every server is an agent of the
 * swarm; client commands at their times; the cross-field rules are the engine's (max ≥ min, the
 * heartbeat below the shortest election timeout), with its defaults for the fields left out.
 */
export const RaftRunSchema = v.pipe(
  v.strictObject({
    kind: v.literal('raft'),
    // The heartbeat (at least 1 ms) must be below it, so the shortest timeout is 2 ms.
    electionTimeoutMsMin: v.optional(int(2, MAX_SIM_TIME_MS)),
    electionTimeoutMsMax: v.optional(TIMEOUT),
    heartbeatMs: v.optional(TIMEOUT),
    durationMs: v.optional(DURATION),
    clientRetryMs: v.optional(TIMEOUT),
    maxEntriesPerAppend: v.optional(int(1, MAX_ENTRIES_PER_APPEND)),
    commands: v.optional(COMMANDS),
    randomFaults: v.optional(RandomFaultsSchema),
    teaching: v.optional(TeachingSchema),
  }),
  v.forward(
    v.partialCheck(
      [['electionTimeoutMsMin'], ['electionTimeoutMsMax']],
      (r) => (r.electionTimeoutMsMax ?? MAX) >= (r.electionTimeoutMsMin ?? MIN),
      'must be ≥ electionTimeoutMsMin',
    ),
    ['electionTimeoutMsMax'],
  ),
  v.forward(
    v.partialCheck(
      [['electionTimeoutMsMin'], ['heartbeatMs']],
      (r) => (r.heartbeatMs ?? BEAT) < (r.electionTimeoutMsMin ?? MIN),
      'must be below electionTimeoutMsMin, or followers depose every leader',
    ),
    ['heartbeatMs'],
  ),
);
