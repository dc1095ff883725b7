/** The one store, made of typed slices; worker results enter through ./actions. */
import { create } from 'zustand';
import { type CounterexampleSlice, createCounterexampleSlice } from './consensus/counterexampleSlice';
import { createInspectorSlice, type InspectorSlice } from './inspectors/inspectorSlice';
import { createLibrarySlice, type LibrarySlice } from './persistence/librarySlice';
import { createPlaybackSlice, type PlaybackSlice } from './playbackSlice';
import { createRunSlice, type RunSlice } from './runSlice';
import { createScenarioSlice, type ScenarioSlice } from './scenarioSlice';
import { createSelectionSlice, type SelectionSlice } from './selectionSlice';
import { createTopologySlice, type TopologySlice } from './topologySlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type Store = ScenarioSlice &
  TopologySlice &
  RunSlice &
  SelectionSlice &
  PlaybackSlice &
  UiSlice &
  LibrarySlice &
  InspectorSlice &
  CounterexampleSlice;

export const useStore = create<Store>()((...a) => ({
  ...createScenarioSlice(...a),
  ...createTopologySlice(...a),
  ...createRunSlice(...a),
  ...createSelectionSlice(...a),
  ...createPlaybackSlice(...a),
  ...createUiSlice(...a),
  ...createInspectorSlice(...a),
  ...createLibrarySlice(...a),
  ...createCounterexampleSlice(...a),
}));
