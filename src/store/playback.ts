/**
 * The player: moves the cursor through the trace (event by event, round by
 * round, or in simulated time at a chosen speed). Only the store changes here;
 * views redraw from (trace, cursor, playTime).
 */
import { useStore } from './index';
import { SIM_MS_PER_SECOND_AT_1X, SPEEDS } from './playbackSlice';
import { cursorAtTime } from './traceIndex';

let frame = 0;
let lastWall = 0;

function lastIndex(): number {
  return (useStore.getState().trace?.length ?? 0) - 1;
}

export function stepEvents(delta: number): void {
  const { cursor, setCursor, trace } = useStore.getState();
  if (!trace) return;
  pause();
  setCursor(Math.max(-1, Math.min(lastIndex(), cursor + delta)));
}

/** Moves to the end of the next (or previous) round; without rounds, to the next distinct time. */
export function stepRound(direction: 1 | -1): void {
  const { cursor, traceIndex, trace, setCursor } = useStore.getState();
  if (!trace || !traceIndex) return;
  pause();
  const ends = traceIndex.roundEnds;
  if (ends.length > 0) {
    const next = direction > 0 ? ends.find((i) => i > cursor) : [...ends].reverse().find((i) => i < cursor);
    setCursor(next ?? (direction > 0 ? lastIndex() : -1));
    return;
  }
  const t = cursor >= 0 ? trace.t[cursor] : -1;
  const target = direction > 0 ? cursorAtTime(trace, nextTime(trace.t, t)) : cursorAtTime(trace, t - 1);
  setCursor(Math.max(-1, target));
}

function nextTime(times: Float64Array, t: number): number {
  for (let i = 0; i < times.length; i++) if (times[i] > t) return times[i];
  return times.at(-1) ?? 0;
}

/** Shows simulated time `t`: every event up to and including its millisecond. */
export function seekTime(t: number): void {
  const { trace, setCursor } = useStore.getState();
  if (!trace) return;
  setCursor(cursorAtTime(trace, t), t);
}

/**
 * The timeline was moved to millisecond `t`: pause and show every event of it.
 * Called for each input of the scrubber, also when it names the millisecond it
 * already shows: after stepping into the middle of a millisecond (its first
 * event of several) the scrubber shows that millisecond, and choosing it again
 * must still bring in the rest of its events.
 */
export function scrubTo(t: number): void {
  pause();
  seekTime(Math.round(t));
}

export function jumpToStart(): void {
  pause();
  useStore.getState().setCursor(-1, 0);
}

export function jumpToEnd(): void {
  pause();
  useStore.getState().setCursor(lastIndex());
}

export function jumpToDecision(): void {
  const { traceIndex, setCursor } = useStore.getState();
  if (!traceIndex || traceIndex.decisionIndex < 0) return;
  pause();
  setCursor(traceIndex.decisionIndex);
}

export function changeSpeed(direction: 1 | -1): void {
  const { speed, setSpeed } = useStore.getState();
  const i = SPEEDS.indexOf(speed as (typeof SPEEDS)[number]);
  // An automatic playback's speed may lie between two listed ones: go to the next listed one that way.
  const between = direction > 0 ? SPEEDS.find((x) => x > speed) : [...SPEEDS].reverse().find((x) => x < speed);
  if (i < 0) setSpeed(between ?? speed);
  else setSpeed(SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, i + direction))]);
}

export function play(): void {
  const { trace, cursor, setCursor } = useStore.getState();
  if (!trace || trace.length === 0) return;
  if (cursor >= lastIndex()) setCursor(-1, 0);
  useStore.getState().setPlaying(true);
  lastWall = performance.now();
  cancelAnimationFrame(frame);
  frame = requestAnimationFrame(tick);
}

export function pause(): void {
  cancelAnimationFrame(frame);
  const { playing, playTime, trace, setPlaying, setCursor } = useStore.getState();
  if (!playing) return;
  setPlaying(false);
  // Stopped between two milliseconds: settle on a whole one, so the time shown (and the scrubber) is
  // a millisecond whose every event is shown, never one whose events are only partly in.
  if (trace) {
    const t = Math.floor(playTime);
    setCursor(cursorAtTime(trace, t), t);
  }
}

export function togglePlay(): void {
  if (useStore.getState().playing) pause();
  else play();
}

function tick(now: number): void {
  const { trace, playTime, speed, playing, setCursor } = useStore.getState();
  if (!playing || !trace) return;
  const dt = Math.min(now - lastWall, 100);
  lastWall = now;
  const end = trace.t[trace.length - 1] ?? 0;
  const t = Math.min(end, playTime + (dt / 1000) * SIM_MS_PER_SECOND_AT_1X * speed);
  setCursor(cursorAtTime(trace, t), t);
  if (t >= end) {
    setCursor(trace.length - 1, end);
    useStore.getState().setPlaying(false);
    return;
  }
  frame = requestAnimationFrame(tick);
}
