import { type RunKindMeta, SILENT_SENDS_NOTHING } from '../kind';
import { narrateSync } from './state.narrate';

/** One coordinator brings every agent's copy of its state up to date: full, delta or by version query. */
export const syncMeta: RunKindMeta<'sync'> = {
  kind: 'sync',
  label: 'State synchronisation',
  presets: [
    { id: 'sync', label: 'State synchronisation', run: { kind: 'sync', mode: 'full', keys: 100, changedKeys: 10 } },
  ],
  presetOf: () => 'sync',
  properties: () => [{ id: 'all-up-to-date', label: 'every live agent is up to date', sort: 'liveness' }],
  events: [
    'localWrite',
    'full',
    'delta',
    'version-query',
    'deltaRequest',
    'versionCompared',
    'broadcast',
    'request',
    'response',
    'conflict',
    'resolved',
    'stored',
    'storeFailed',
    'applied',
    'missed',
    'antiEntropy',
  ],
  behaviours: () => ({
    silent: `${SILENT_SENDS_NOTHING}; as the coordinator (the first agent) it brings no one up to date, otherwise it still receives`,
  }),
  narrate: narrateSync,
};
