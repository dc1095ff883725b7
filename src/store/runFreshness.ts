/**
 * Never a stale view: the run on screen always belongs to the scenario on screen.
 * When an edit changes the scenario's content, the run is set aside (the player
 * and every panel lose it; the summary can still show it as the previous swarm's);
 * when an undo brings back exactly the scenario it ran on, it comes back.
 */
import { scenarioFingerprint } from './fingerprint';
import type { RunSlice, StaleRun } from './runSlice';
import type { ScenarioDraft } from './scenarioSlice';

/** The parts of the store this rule reads and writes. */
export interface FreshnessState
  extends Pick<RunSlice, 'summary' | 'trace' | 'traceIndex' | 'runFingerprint' | 'staleRun'> {
  scenario: ScenarioDraft;
  cursor: number;
  playTime: number;
  playing: boolean;
}

/** What to change so that the shown run matches the scenario, or null when it already does. */
export function reconcileRun(s: FreshnessState): Partial<FreshnessState> | null {
  // No run shown or set aside: nothing to compare (and a big scenario is not fingerprinted for nothing).
  if (!s.trace && !s.staleRun) return null;
  const fp = scenarioFingerprint(s.scenario);
  if (s.trace && s.summary && s.traceIndex && s.runFingerprint !== null && s.runFingerprint !== fp) {
    const aside: StaleRun = {
      summary: s.summary,
      trace: s.trace,
      traceIndex: s.traceIndex,
      fingerprint: s.runFingerprint,
      cursor: s.cursor,
      playTime: s.playTime,
    };
    return { staleRun: aside, summary: null, trace: null, traceIndex: null, playing: false, cursor: -1, playTime: 0 };
  }
  // A new run supersedes the one set aside.
  if (s.trace && s.staleRun) return { staleRun: null };
  if (!s.trace && s.staleRun && s.staleRun.fingerprint === fp) {
    const { summary, trace, traceIndex, fingerprint, cursor, playTime } = s.staleRun;
    return { staleRun: null, summary, trace, traceIndex, runFingerprint: fingerprint, cursor, playTime };
  }
  return null;
}

/** True when the shown run (if any) is the current scenario's. */
export function isRunFresh(s: Pick<FreshnessState, 'scenario' | 'runFingerprint' | 'trace'>): boolean {
  return s.trace !== null && s.runFingerprint === scenarioFingerprint(s.scenario);
}
