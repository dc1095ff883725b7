import { useId } from 'react';
import { useStore } from '../../store/index';
import {
  changeSpeed,
  jumpToDecision,
  jumpToEnd,
  jumpToStart,
  pause,
  seekTime,
  stepEvents,
  stepRound,
  togglePlay,
} from '../../store/playback';
import { SPEEDS } from '../../store/playbackSlice';
import { Icon } from '../common/Icon';

const fmt = (n: number) => n.toLocaleString('en-US');

/** Play, pause, step, scrub and speed: every control also has a key (see the help, `?`). */
export function PlaybackBar() {
  const scrubId = useId();
  const trace = useStore((s) => s.trace);
  const cursor = useStore((s) => s.cursor);
  const playTime = useStore((s) => s.playTime);
  const playing = useStore((s) => s.playing);
  const speed = useStore((s) => s.speed);
  const traceIndex = useStore((s) => s.traceIndex);
  const setSpeed = useStore((s) => s.setSpeed);
  const disabled = !trace || trace.length === 0;
  const end = trace && trace.length > 0 ? trace.t[trace.length - 1] : 0;
  const round = traceIndex ? traceIndex.roundEnds.filter((i) => i <= cursor).length : 0;
  return (
    <section className="playback" aria-label="Playback">
      <div className="button-row">
        <button
          type="button"
          onClick={jumpToStart}
          disabled={disabled}
          aria-label="Jump to start"
          aria-keyshortcuts="Home"
          title="Jump to start (Home)"
        >
          <Icon name="start" />
        </button>
        <button
          type="button"
          onClick={() => stepRound(-1)}
          disabled={disabled}
          aria-label="Step one round back"
          aria-keyshortcuts="Shift+ArrowLeft"
          title="Step one round back (Shift+←)"
        >
          <Icon name="round-back" />
        </button>
        <button
          type="button"
          onClick={() => stepEvents(-1)}
          disabled={disabled}
          aria-label="Step one event back"
          aria-keyshortcuts="ArrowLeft"
          title="Step one event back (←)"
        >
          <Icon name="back" />
        </button>
        <button
          type="button"
          className="primary"
          onClick={togglePlay}
          disabled={disabled}
          aria-label={playing ? 'Pause' : 'Play'}
          aria-keyshortcuts="Space"
          title="Play / pause (Space)"
        >
          <Icon name={playing ? 'pause' : 'play'} />
        </button>
        <button
          type="button"
          onClick={() => stepEvents(1)}
          disabled={disabled}
          aria-label="Step one event forward"
          aria-keyshortcuts="ArrowRight"
          title="Step one event forward (→)"
        >
          <Icon name="forward" />
        </button>
        <button
          type="button"
          onClick={() => stepRound(1)}
          disabled={disabled}
          aria-label="Step one round forward"
          aria-keyshortcuts="Shift+ArrowRight"
          title="Step one round forward (Shift+→)"
        >
          <Icon name="round-forward" />
        </button>
        <button
          type="button"
          onClick={jumpToEnd}
          disabled={disabled}
          aria-label="Jump to end"
          aria-keyshortcuts="End"
          title="Jump to end (End)"
        >
          <Icon name="end" />
        </button>
        <button
          type="button"
          onClick={jumpToDecision}
          disabled={disabled || !traceIndex || traceIndex.decisionIndex < 0}
          aria-keyshortcuts="D"
          title="Jump to decision (D)"
        >
          Decision
        </button>
      </div>
      <label htmlFor={scrubId} className="visually-hidden">
        Timeline (simulated ms)
      </label>
      <input
        id={scrubId}
        className="scrubber"
        type="range"
        min={0}
        max={end}
        step={1}
        value={Math.min(playTime, end)}
        disabled={disabled}
        onChange={(e) => {
          pause();
          seekTime(Number(e.target.value));
        }}
        aria-valuetext={`${fmt(Math.round(playTime))} ms of ${fmt(end)} ms`}
      />
      <div className="playback-status" data-testid="playback-status">
        <span data-testid="playback-event">
          event {fmt(cursor + 1)} / {fmt(trace?.length ?? 0)}
        </span>
        <span data-testid="playback-time">t = {fmt(Math.round(playTime))} ms</span>
        {traceIndex && traceIndex.roundEnds.length > 0 && <span data-testid="playback-round">round {round}</span>}
        <label className="speed">
          Speed{' '}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))} aria-keyshortcuts="[ ]">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="small"
          onClick={() => changeSpeed(-1)}
          aria-label="Slower"
          disabled={speed <= SPEEDS[0]}
        >
          −
        </button>
        <button
          type="button"
          className="small"
          onClick={() => changeSpeed(1)}
          aria-label="Faster"
          disabled={speed >= SPEEDS[SPEEDS.length - 1]}
        >
          +
        </button>
      </div>
    </section>
  );
}
