import { useEffect, useMemo, useState } from 'react';
import { useStore } from '../../store/index';
import { currentNarration } from '../../store/narrationState';
import './narration.css';

/** While a run plays, the words follow at most this often (they are read, not animated). */
const PLAYING_REFRESH_MS = 250;

/** The player's cursor, every move when paused or stepping, a few times a second while playing. */
function useNarrationCursor(): number {
  const [cursor, setCursor] = useState(() => useStore.getState().cursor);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      setCursor(useStore.getState().cursor);
    };
    const stop = useStore.subscribe((s, prev) => {
      if (s.cursor === prev.cursor && s.playing === prev.playing && s.trace === prev.trace) return;
      if (s.playing) {
        timer ??= setTimeout(flush, PLAYING_REFRESH_MS);
        return;
      }
      clearTimeout(timer);
      flush();
    });
    return () => {
      stop();
      clearTimeout(timer);
    };
  }, []);
  return cursor;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * The current moment in words: where the run stands ("round 3: 13 of 200 informed") and what
 * happened at this millisecond ("agent-4 sent 'for' to agent-1 and 'against' to agent-2").
 * A polite live region while paused or stepping; silent while playing, so a screen reader is
 * not flooded with a sentence per frame.
 */
export function NarrationPanel() {
  const cursor = useNarrationCursor();
  const summary = useStore((s) => s.summary);
  const trace = useStore((s) => s.trace);
  const traceIndex = useStore((s) => s.traceIndex);
  const playing = useStore((s) => s.playing);
  const stale = useStore((s) => s.staleRun !== null);
  const narration = useMemo(
    () => currentNarration({ summary, trace, traceIndex }, cursor),
    [summary, trace, traceIndex, cursor],
  );
  let body: React.ReactNode;
  if (!narration || !trace) {
    body = (
      <p className="hint">
        {stale
          ? 'The swarm has changed since the last run: rerun (R) and this tells what happens, moment by moment.'
          : 'Run the scenario: this tells what happens, moment by moment, as the run plays or as you step (→).'}
      </p>
    );
  } else if (cursor < 0) {
    body = <p className="narration-headline">Before the first event: press Play or step with →.</p>;
  } else {
    body = (
      <>
        <p className="narration-when">
          t = {fmt(narration.timeMs)} ms · event {fmt(cursor + 1)} of {fmt(trace.length)}
        </p>
        {narration.headline && (
          <p className="narration-headline" data-testid="narration-headline">
            {narration.headline}
          </p>
        )}
        {narration.earlier > 0 && (
          <p className="narration-earlier">
            {fmt(narration.earlier)} earlier {narration.earlier === 1 ? 'step' : 'steps'} at this moment, then:
          </p>
        )}
        <ul className="narration-lines">
          {narration.lines.map((line, i) => (
            // A moment's lines are a fixed list recomputed whole: the position is the identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: two lines of one moment may say the same words.
            <li key={i} className={i === narration.lines.length - 1 ? 'latest' : undefined}>
              {line}
            </li>
          ))}
        </ul>
      </>
    );
  }
  return (
    <section className="narration" aria-labelledby="narration-title">
      <h2 id="narration-title">What is happening</h2>
      <div data-testid="narration" aria-live={playing ? 'off' : 'polite'} aria-atomic="true">
        {body}
      </div>
    </section>
  );
}
