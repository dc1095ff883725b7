/**
 * Parameter fields Raft and PBFT share, with the engines' ranges (src/engine/consensus/raft/
 * commands.ts, randomFaults.ts): the client's commands and the faults drawn from the seed.
 */
import * as v from 'valibot';
import { MAX_CLIENT_COMMANDS, MAX_COMMAND_LENGTH } from '../../consensus/raft/commands';
import { MAX_RANDOM_FAULTS, RANDOM_FAULTS_DEFAULTS } from '../../consensus/raft/randomFaults';
import { MAX_SIM_TIME_MS } from '../../core/limits';
import { AT_MS, list, TIMEOUT } from '../../scenario/fields';
import { fmt, int, objectOnly, probability } from '../../scenario/rules';

const VALUE_RULE = `must be a string of at most ${fmt(MAX_COMMAND_LENGTH)} characters`;

/** One client command (a PBFT request): the simulated time it is issued at, and its value. */
export const CommandSchema = v.strictObject({
  atMs: AT_MS,
  value: v.pipe(v.string(VALUE_RULE), v.maxLength(MAX_COMMAND_LENGTH, VALUE_RULE)),
});

export const COMMANDS = list(CommandSchema, 0, MAX_CLIENT_COMMANDS, 'commands { atMs, value }');

const FAULT_PAIRS = int(0, MAX_RANDOM_FAULTS);

/** Crashes and partitions drawn from the run's seed, healed at `untilMs` (null: none). */
export const RandomFaultsSchema = v.nullable(
  // Every field is optional: without the guard an array would pass as an empty block.
  objectOnly(
    v.pipe(
      v.strictObject({
        crashes: v.optional(FAULT_PAIRS),
        partitions: v.optional(FAULT_PAIRS),
        untilMs: v.optional(TIMEOUT),
        downMsMin: v.optional(TIMEOUT),
        downMsMax: v.optional(TIMEOUT),
        isolateLeaderProbability: v.optional(probability()),
      }),
      v.forward(
        v.partialCheck(
          [['downMsMin'], ['downMsMax']],
          // The engine's defaults stand in for a bound left out.
          (f) => (f.downMsMax ?? RANDOM_FAULTS_DEFAULTS.downMsMax) >= (f.downMsMin ?? RANDOM_FAULTS_DEFAULTS.downMsMin),
          'must be ≥ downMsMin',
        ),
        ['downMsMax'],
      ),
    ),
  ),
);

/** Simulated milliseconds a run lasts. */
export const DURATION = int(1, MAX_SIM_TIME_MS);
