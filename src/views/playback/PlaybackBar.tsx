import { useId } from 'react';
import { commandById } from '../../store/commands';
import { useStore } from '../../store/index';
import { changeSpeed, jumpToDecision, scrubTo } from '../../store/playback';
import { SPEEDS } from '../../store/playbackSlice';
import { Icon, type IconName } from '../common/Icon';
import { FaultsAtCursor } from './FaultsAtCursor';

const fmt = (n: number) => n.toLocaleString('en-US');

/** The transport buttons, in order: each is a command (same label and key as the keyboard and the help). */
const TRANSPORT: [string, IconName][] = [
  ['start', 'start'],
  ['round-back', 'round-back'],
  ['step-back', 'back'],
  ['play', 'play'],
  ['step-forward', 'forward'],
  ['round-forward', 'round-forward'],
  ['end', 'end'],
];

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
        {TRANSPORT.map(([id, icon]) => {
          const command = commandById(id);
          const label = id === 'play' ? (playing ? 'Pause' : 'Play') : command.label;
          return (
            <button
              key={id}
              type="button"
              className={id === 'play' ? 'primary' : undefined}
              onClick={command.perform}
              disabled={disabled}
              aria-label={label}
              aria-keyshortcuts={command.keys[0].replace('Space', ' ')}
              title={`${command.label} (${command.keys[0]})`}
            >
              <Icon name={id === 'play' && playing ? 'pause' : icon} />
            </button>
          );
        })}
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
        // onInput too: React's onChange skips an input naming the value already shown (see scrubTo).
        onInput={(e) => scrubTo(Number(e.currentTarget.value))}
        onChange={(e) => scrubTo(Number(e.target.value))}
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
            {speedOptions(speed).map((s) => (
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
      <FaultsAtCursor />
    </section>
  );
}

/** The fixed speeds, plus the one chosen for an automatic playback when it is not among them. */
function speedOptions(current: number): number[] {
  const fixed: number[] = [...SPEEDS];
  return fixed.includes(current) ? fixed : [...fixed, current].sort((a, b) => a - b);
}
