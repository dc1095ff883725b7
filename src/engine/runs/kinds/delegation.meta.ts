import { type RunKindMeta, SILENT_SENDS_NOTHING } from '../kind';
import { narrateDelegation } from './state.narrate';

/** A delegator hands tasks to workers, watches their heartbeats and reassigns the tasks of the silent. */
export const delegationMeta: RunKindMeta<'delegation'> = {
  kind: 'delegation',
  label: 'Task delegation',
  presets: [
    {
      id: 'delegation',
      label: 'Task delegation',
      run: { kind: 'delegation', strategy: 'least-loaded', tasks: 100 },
    },
  ],
  presetOf: () => 'delegation',
  properties: () => [{ id: 'no-task-lost', label: 'no task is lost', sort: 'safety' }],
  events: [
    'taskAssigned',
    'taskStarted',
    'taskFinished',
    'taskResent',
    'taskReassigned',
    'taskLost',
    'resultRecorded',
    'resultDuplicated',
    'agentSuspected',
    'agentRejoined',
    'workerStateLost',
  ],
  behaviours: () => ({ silent: `${SILENT_SENDS_NOTHING} (no heartbeats, no results), so its tasks are reassigned` }),
  narrate: narrateDelegation,
};
