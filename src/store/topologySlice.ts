import type { StateCreator } from 'zustand';
import type { DrawnTopology } from '../worker/protocol';
import type { Store } from './index';

export interface TopologySlice {
  /** The swarm as the worker built it from the scenario, with layout positions. */
  topology: DrawnTopology | null;
  topologyPending: boolean;
}

export const createTopologySlice: StateCreator<Store, [], [], TopologySlice> = () => ({
  topology: null,
  topologyPending: false,
});
