/**
 * Live reruns (an opt-in setting): a small swarm whose run went stale runs again
 * by itself once the edited swarm is built, and shows its result at once. One run
 * at a time — an edit made during a run is picked up when that run ends — and
 * never twice for the same scenario, so a run that fails is not retried in a loop.
 */
import { runScenario } from './actions';
import { scenarioFingerprint } from './fingerprint';
import { type Store, useStore } from './index';
import { jumpNextRunToEnd } from './runPlayback';

/** Swarms up to this many agents rerun live; bigger ones wait for R. */
export const LIVE_RERUN_MAX_AGENTS = 50;

let lastAttempt = '';

/** Whether the state calls for a live rerun now. */
export function wantsLiveRerun(s: Store): boolean {
  if (!s.prefs.liveRerun || !s.staleRun || s.summary || s.runStatus === 'running' || s.topologyPending) return false;
  if (s.issues.length > 0 || !s.topology || s.topology.agents.length > LIVE_RERUN_MAX_AGENTS) return false;
  // Aggregate runs (a million agents without a swarm) are never "small".
  return s.scenario.run.agentCount === undefined;
}

function maybeRerun(s: Store): void {
  if (!wantsLiveRerun(s)) return;
  const fp = scenarioFingerprint(s.scenario);
  if (fp === lastAttempt) return;
  lastAttempt = fp;
  jumpNextRunToEnd();
  void runScenario();
}

/** Watches the store for the moments a live rerun may start; returns the unsubscribe function. */
export function watchLiveRerun(): () => void {
  return useStore.subscribe((s, prev) => {
    const built = prev.topologyPending && !s.topologyPending;
    const runEnded = prev.runStatus === 'running' && s.runStatus !== 'running';
    const switchedOn = s.prefs.liveRerun && !prev.prefs.liveRerun;
    if (built || runEnded || switchedOn) maybeRerun(s);
  });
}
