import type { StateCreator } from 'zustand';
import type { Store } from './index';

export interface SelectionSlice {
  /** Selected agent ids, in the order they were selected. */
  selected: string[];
  select: (ids: string[]) => void;
  /** Adds or removes one agent (shift-click). */
  toggleSelected: (id: string) => void;
}

export const createSelectionSlice: StateCreator<Store, [], [], SelectionSlice> = (set) => ({
  selected: [],
  select: (ids) => set({ selected: [...new Set(ids)] }),
  toggleSelected: (id) =>
    set((s) => ({ selected: s.selected.includes(id) ? s.selected.filter((x) => x !== id) : [...s.selected, id] })),
});
