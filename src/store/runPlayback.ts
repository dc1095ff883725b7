/**
 * What the player does with a run that just finished: play it from t = 0 at a
 * speed that makes the whole run last a few seconds (a flood over in 40 ms of
 * simulated time and a 30-second partition story both take about as long to
 * watch), or jump to the end when the user asked for that.
 */
import { useStore } from './index';
import { play } from './playback';
import { SIM_MS_PER_SECOND_AT_1X } from './playbackSlice';

/** Wall-clock seconds an automatically played run lasts. */
export const AUTOPLAY_SECONDS = 5;

/** The speed (a multiple of 1×) at which `endMs` simulated ms play in AUTOPLAY_SECONDS, to two significant digits. */
export function autoplaySpeed(endMs: number): number {
  const exact = endMs / (SIM_MS_PER_SECOND_AT_1X * AUTOPLAY_SECONDS);
  if (!(exact > 0)) return 1;
  return Number(exact.toPrecision(2));
}

let nextToEnd = false;

/** The next run shows its end at once (a live rerun: the result on screen, not a replay). */
export function jumpNextRunToEnd(): void {
  nextToEnd = true;
}

/** Starts showing the run just stored: from the start and moving, or at its end. */
export function showNewRun(): void {
  const { trace, prefs, setCursor, setSpeed } = useStore.getState();
  const toEnd = nextToEnd;
  nextToEnd = false;
  // No trace: the run came back for a scenario that was edited meanwhile, and was set aside.
  if (!trace) return;
  const end = trace.length > 0 ? trace.t[trace.length - 1] : 0;
  if (toEnd || prefs.jumpToEndAfterRun || end <= 0) {
    setCursor(trace.length - 1);
    return;
  }
  setSpeed(autoplaySpeed(end));
  setCursor(-1, 0);
  play();
}
