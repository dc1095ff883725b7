import { type RunKindMeta, SILENT_SENDS_NOTHING } from '../kind';
import { narrateReplicatedState } from './state.narrate';

/** Replicas of one CRDT updated concurrently and merged over the network. */
export const replicatedStateMeta: RunKindMeta<'replicated-state'> = {
  kind: 'replicated-state',
  label: 'Replicated CRDT state',
  presets: [
    {
      id: 'replicated-state',
      label: 'Replicated CRDT state',
      run: { kind: 'replicated-state', crdtType: 'counter', operations: 40 },
    },
  ],
  presetOf: () => 'replicated-state',
  properties: () => [{ id: 'converges', label: 'the replicas converge', sort: 'liveness' }],
  events: ['localWrite', 'merge', 'converged'],
  behaviours: () => ({ silent: `${SILENT_SENDS_NOTHING}, so its writes never reach the others` }),
  narrate: narrateReplicatedState,
};
