/** Client commands as the presets and the run form write them: evenly spaced, `x=1`, `x=2`, … */
export interface CommandSchedule {
  count: number;
  firstAtMs: number;
  intervalMs: number;
}

/**
 * `count` commands, the first at `firstAtMs`, one every `intervalMs`.
 * @example scheduledCommands({ count: 2, firstAtMs: 500, intervalMs: 250 }) // [{ atMs: 500, value: 'x=1' }, { atMs: 750, value: 'x=2' }]
 */
export function scheduledCommands({
  count,
  firstAtMs,
  intervalMs,
}: CommandSchedule): { atMs: number; value: string }[] {
  return Array.from({ length: Math.max(0, count) }, (_, k) => ({
    atMs: firstAtMs + k * intervalMs,
    value: `x=${k + 1}`,
  }));
}
