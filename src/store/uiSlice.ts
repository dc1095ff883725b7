import type { StateCreator } from 'zustand';
import type { Store } from './index';

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
}

export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set) => ({
  helpOpen: false,
  fitRequest: 0,
  requestFit: () => set((s) => ({ fitRequest: s.fitRequest + 1 })),
  rightTab: 'inspector',
  bottomTab: 'log',
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setRightTab: (rightTab) => set({ rightTab }),
  setBottomTab: (bottomTab) => set({ bottomTab }),
});
