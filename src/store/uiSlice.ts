import type { StateCreator } from 'zustand';
import type { Store } from './index';
import { loadUiPrefs, saveUiPrefs, type UiPrefs } from './uiPrefs';

export interface UiSlice {
  helpOpen: boolean;
  /** Incremented to ask the stage to fit the swarm to the screen. */
  fitRequest: number;
  requestFit: () => void;
  /** The tab shown in the right-hand panel and in the bottom drawer. */
  rightTab: string;
  bottomTab: string;
  setHelpOpen: (open: boolean) => void;
  setRightTab: (id: string) => void;
  setBottomTab: (id: string) => void;
  /** Persisted view preferences (src/store/uiPrefs.ts). */
  prefs: UiPrefs;
  setPref: <K extends keyof UiPrefs>(key: K, value: UiPrefs[K]) => void;
}

export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set, get) => ({
  helpOpen: false,
  fitRequest: 0,
  requestFit: () => set((s) => ({ fitRequest: s.fitRequest + 1 })),
  rightTab: 'inspector',
  bottomTab: 'log',
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setRightTab: (rightTab) => set({ rightTab }),
  setBottomTab: (bottomTab) => set({ bottomTab }),
  prefs: loadUiPrefs(),
  setPref: (key, value) => {
    const prefs = { ...get().prefs, [key]: value };
    saveUiPrefs(prefs);
    set({ prefs });
  },
});
