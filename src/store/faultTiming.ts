/**
 * The one rule every fault scheduled with its heal or recovery follows: the heal comes strictly
 * after the fault (at the same millisecond the fault would never be in force). The Network panel
 * shows the rule next to its heal field and the editing actions refuse to break it, so nothing is
 * scheduled that the user did not ask for (a crash without its recovery, a cut that never heals).
 */
import { ValidationError } from '../engine/core/errors';

/** Why a heal or recovery at `healMs` cannot follow a fault at `faultMs`, in words; null when it can. */
export function healTimingRule(faultMs: number, healMs: number): string | null {
  return healMs > faultMs ? null : `must be after the fault (${faultMs.toLocaleString('en-US')} ms)`;
}

/** Throws a ValidationError when a heal or recovery is asked for at or before its fault. */
export function assertHealAfterFault(faultMs: number, healMs: number | undefined): void {
  if (healMs === undefined) return;
  const rule = healTimingRule(faultMs, healMs);
  if (rule) throw new ValidationError('network.faults', `a heal or recovery at ${healMs} ms ${rule}`);
}
