import type { StateCreator } from 'zustand';
import type { Store } from './index';

/** Playback speeds offered, as multiples of real time (1× = 100 simulated ms per second). */
export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;
export const SIM_MS_PER_SECOND_AT_1X = 100;

export interface PlaybackSlice {
  /** Index of the last event shown (−1: before the first event). */
  cursor: number;
  /** Simulated time shown, in ms (messages in flight are drawn at this time). */
  playTime: number;
  playing: boolean;
  speed: number;
  setCursor: (cursor: number, playTime?: number) => void;
  setPlaying: (playing: boolean) => void;
  setSpeed: (speed: number) => void;
}

export const createPlaybackSlice: StateCreator<Store, [], [], PlaybackSlice> = (set) => ({
  cursor: -1,
  playTime: 0,
  playing: false,
  speed: 1,
  setCursor: (cursor, playTime) =>
    set((s) => ({ cursor, playTime: playTime ?? (s.trace && cursor >= 0 ? s.trace.t[cursor] : 0) })),
  setPlaying: (playing) => set({ playing }),
  setSpeed: (speed) => set({ speed }),
});
