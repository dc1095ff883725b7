/** The one store, made of typed slices; worker results enter through ./actions. */
import { create } from 'zustand';
import { createRunSlice, type RunSlice } from './runSlice';
import { createScenarioSlice, type ScenarioSlice } from './scenarioSlice';
import { createTopologySlice, type TopologySlice } from './topologySlice';

export type Store = ScenarioSlice & TopologySlice & RunSlice;

export const useStore = create<Store>()((...a) => ({
  ...createScenarioSlice(...a),
  ...createTopologySlice(...a),
  ...createRunSlice(...a),
}));
