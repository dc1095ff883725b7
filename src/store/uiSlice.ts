import type { StateCreator } from 'zustand';
import type { Store } from './index';
import { clampDrawerPx, loadUiPrefs, saveUiPrefs, type UiPrefs } from './uiPrefs';

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
  /**
   * Whether the bottom drawer shows its panel (closed, only its tab row). It starts closed — with
   * no run there is nothing to inspect — and opens with a run unless the user closed it.
   */
  drawerOpen: boolean;
  /** The user closed the drawer: a run does not open it again until they do. */
  drawerClosedByUser: boolean;
  setDrawerOpen: (open: boolean, byUser?: boolean) => void;
  /** Persisted view preferences (src/store/uiPrefs.ts). */
  prefs: UiPrefs;
  setPref: <K extends keyof UiPrefs>(key: K, value: UiPrefs[K]) => void;
  /** The drawer's height in CSS pixels, kept within its bounds and remembered. */
  setDrawerPx: (px: number) => void;
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
  drawerOpen: false,
  drawerClosedByUser: false,
  setDrawerOpen: (drawerOpen, byUser = true) =>
    set((s) => ({ drawerOpen, drawerClosedByUser: byUser ? !drawerOpen : s.drawerClosedByUser })),
  prefs: loadUiPrefs(),
  setPref: (key, value) => {
    const prefs = { ...get().prefs, [key]: value };
    saveUiPrefs(prefs);
    set({ prefs });
  },
  setDrawerPx: (px) => get().setPref('drawerPx', clampDrawerPx(px)),
});
