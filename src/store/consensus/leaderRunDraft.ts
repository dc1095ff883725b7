/**
 * The run form's reading of a Raft or PBFT run block: the client commands as a schedule (how
 * many, the first one's time, the time between them), the engines' defaults for fields left
 * out, and the edits the form makes (a schedule, a nested field). A list of commands that is
 * not evenly spaced (a file, a lesson) reads as its count, first time and mean gap.
 */
import { PBFT_DEFAULTS } from '../../engine/consensus/pbft/params';
import { RAFT_DEFAULTS } from '../../engine/consensus/raft/params';
import { RANDOM_FAULTS_DEFAULTS } from '../../engine/consensus/raft/randomFaults';
import { type CommandSchedule, scheduledCommands } from '../../engine/runs/kinds/leaderCommands';

export type { CommandSchedule };
export { scheduledCommands };

/** What a field left out of the run block means (the engines' defaults). */
export const LEADER_DEFAULTS = { raft: RAFT_DEFAULTS, pbft: PBFT_DEFAULTS, randomFaults: RANDOM_FAULTS_DEFAULTS };

type Run = Record<string, unknown>;
type Command = { atMs: number; value: string };

const isCommand = (c: unknown): c is Command =>
  typeof c === 'object' && c !== null && typeof (c as Command).atMs === 'number';

/** The schedule of a run block's `commands`. */
export function readSchedule(run: Run): CommandSchedule {
  const list = Array.isArray(run.commands) ? run.commands.filter(isCommand) : [];
  if (list.length === 0) return { count: 0, firstAtMs: 500, intervalMs: 400 };
  const first = list[0].atMs;
  const last = list[list.length - 1].atMs;
  const intervalMs = list.length > 1 ? Math.max(0, Math.round((last - first) / (list.length - 1))) : 400;
  return { count: list.length, firstAtMs: first, intervalMs };
}

/** The run block with its commands rewritten from `change` applied to its current schedule. */
export function withSchedule<R extends Run>(run: R, change: Partial<CommandSchedule>): R {
  return { ...run, commands: scheduledCommands({ ...readSchedule(run), ...change }) };
}

/** A nested block of the run (`teaching`, `randomFaults`) as an object ({} when left out or null). */
export function blockOf(run: Run, key: 'teaching' | 'randomFaults'): Record<string, unknown> {
  const block = run[key];
  return typeof block === 'object' && block !== null && !Array.isArray(block) ? (block as Record<string, unknown>) : {};
}

/**
 * The run block with `block.field` set; `undefined` removes the field, and a block left empty goes
 * (random faults with nothing in them are no random faults).
 */
export function withBlockField<R extends Run>(
  run: R,
  key: 'teaching' | 'randomFaults',
  field: string,
  value: unknown,
): R {
  const { [field]: _old, ...rest } = blockOf(run, key);
  const block = value === undefined ? rest : { ...rest, [field]: value };
  const { [key]: _block, ...others } = run;
  return (Object.keys(block).length === 0 ? others : { ...others, [key]: block }) as R;
}
