import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useStore } from '../../src/store/index';
import { pause, scrubTo, stepEvents } from '../../src/store/playback';
import type { TraceColumns } from '../../src/worker/protocol';
import { simApi } from '../../src/worker/simApi';

// Node has no animation frames; the player only cancels them here.
globalThis.cancelAnimationFrame ??= () => {};

const initial = useStore.getState();
let trace: TraceColumns;

/** The last event at or before millisecond `ms`, by scanning (the player uses a binary search). */
const lastAt = (ms: number) => {
  let i = -1;
  while (i + 1 < trace.length && trace.t[i + 1] <= ms) i++;
  return i;
};
const firstAt = (ms: number) => lastAt(ms - 1) + 1;

/** The millisecond after the start that holds the most events. */
function busiest(): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < trace.length; i++) if (trace.t[i] > 0) counts.set(trace.t[i], (counts.get(trace.t[i]) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}

beforeAll(async () => {
  // Rumor spreading in rounds of 50 ms: a couple of hundred events share each round's millisecond.
  const out = await simApi.run(
    {
      format: 'swarm-playground/scenario',
      version: 1,
      seed: 1,
      topology: { agentCount: 200, builder: { kind: 'small-world', k: 4, beta: 0.1 } },
      network: { latencyMsMin: 10, latencyMsMax: 50 },
      run: { kind: 'rumor', mode: 'push-pull', fanout: 1 },
    },
    {},
  );
  if (!out.ok) throw new Error('fixture run failed');
  trace = out.trace;
});

beforeEach(() => useStore.setState({ ...initial, trace }, true));

describe('the player: time → events', () => {
  it('choosing a millisecond shows every event of it, also after stepping into its middle', () => {
    const ms = busiest();
    expect(lastAt(ms) - firstAt(ms)).toBeGreaterThan(10);
    useStore.getState().setCursor(lastAt(ms - 1));
    stepEvents(1);
    // One event into the millisecond: the timeline shows it, but most of its events are still ahead.
    expect(useStore.getState()).toMatchObject({ cursor: firstAt(ms), playTime: ms });
    scrubTo(ms);
    expect(useStore.getState()).toMatchObject({ cursor: lastAt(ms), playTime: ms });
  });

  it('pausing between two milliseconds settles on a whole one, with all its events', () => {
    const ms = busiest();
    useStore.setState({ playing: true, playTime: ms - 0.4, cursor: lastAt(ms - 0.4) });
    pause();
    const s = useStore.getState();
    expect(s.playing).toBe(false);
    expect(s.playTime).toBe(ms - 1);
    expect(s.cursor).toBe(lastAt(ms - 1));
    // The time shown and the events shown agree: nothing of the next millisecond is in, nothing of this one left out.
    expect(trace.t[s.cursor]).toBeLessThanOrEqual(ms - 1);
    expect(trace.t[s.cursor + 1]).toBeGreaterThan(ms - 1);
  });

  it('a fractional scrub is the nearest millisecond, in full', () => {
    const ms = busiest();
    scrubTo(ms - 0.3);
    expect(useStore.getState()).toMatchObject({ cursor: lastAt(ms), playTime: ms });
  });
});
