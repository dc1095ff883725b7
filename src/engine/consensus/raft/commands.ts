import { check, checkLimit } from '../../core/errors';
import { MAX_SIM_TIME_MS } from '../../core/limits';
import { isRecord, onlyKeys, wholeNumber } from './fieldChecks';

/** A client command (a PBFT request) scheduled in the run's parameters. */
export interface ClientCommand {
  /** Simulated time at which the client issues it. */
  atMs: number;
  value: string;
}

/** Commands one run may schedule. */
export const MAX_CLIENT_COMMANDS = 10_000;
/** Characters in one command's value. */
export const MAX_COMMAND_LENGTH = 200;

const KEYS = new Set(['atMs', 'value']);

/** Checks a `commands` list; errors name `run.commands[i].<key>`. Returns a copy in the given order: a command's id is its position. */
export function validateCommands(x: unknown, field = 'run.commands'): ClientCommand[] {
  check(Array.isArray(x), field, 'must be a list of { atMs, value }');
  checkLimit('MAX_CLIENT_COMMANDS', MAX_CLIENT_COMMANDS, x.length);
  return x.map((c, i): ClientCommand => {
    const at = `${field}[${i}]`;
    check(isRecord(c), at, 'must be an object { atMs, value }');
    onlyKeys(c, KEYS, at, 'command');
    check(typeof c.value === 'string', `${at}.value`, 'must be a string');
    check(c.value.length <= MAX_COMMAND_LENGTH, `${at}.value`, `must be at most ${MAX_COMMAND_LENGTH} characters`);
    return { atMs: wholeNumber(c.atMs, `${at}.atMs`, 0, MAX_SIM_TIME_MS), value: c.value };
  });
}
