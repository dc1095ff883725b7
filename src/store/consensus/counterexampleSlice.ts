import type { StateCreator } from 'zustand';
import type { SearchOutcome } from '../../worker/api/search';
import { DEFAULT_SEARCH_SEEDS } from '../../worker/protocol';
import type { Store } from '../index';

export type SearchStatus = 'idle' | 'searching' | 'found' | 'not-found' | 'cancelled' | 'failed';

/** The "Find a counterexample" search: its state, progress and last outcome. */
export interface CounterexampleSlice {
  searchStatus: SearchStatus;
  /** Fraction of the seed budget tried, in [0, 1]. */
  searchProgress: number;
  searchTried: number;
  /** Workers the current or last search ran on (one per spare core). */
  searchWorkers: number;
  searchOutcome: SearchOutcome | null;
  /** The seed of the counterexample the player has open, if any. */
  openCounterexampleSeed: number | null;
  /** The form's "Seeds to try", kept while the user moves between tabs. */
  searchSeeds: number;
  /** The form's "Within k rounds" (null: the property's own bound). */
  searchRounds: number | null;
  setSearchSeeds: (seeds: number) => void;
  setSearchRounds: (rounds: number) => void;
}

export const createCounterexampleSlice: StateCreator<Store, [], [], CounterexampleSlice> = (set) => ({
  searchStatus: 'idle',
  searchProgress: 0,
  searchTried: 0,
  searchWorkers: 0,
  searchOutcome: null,
  openCounterexampleSeed: null,
  searchSeeds: DEFAULT_SEARCH_SEEDS,
  searchRounds: null,
  setSearchSeeds: (searchSeeds) => set({ searchSeeds }),
  setSearchRounds: (searchRounds) => set({ searchRounds }),
});
