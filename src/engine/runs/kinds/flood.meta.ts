import type { RunKindMeta } from '../kind';
import { narrateFlood } from './spread.narrate';

/** Flooding: the origin tells its neighbours, each agent forwards its first copy once. */
export const floodMeta: RunKindMeta<'flood'> = {
  kind: 'flood',
  label: 'Flood',
  presets: [{ id: 'flood', label: 'Flood (broadcast)', run: { kind: 'flood' } }],
  presetOf: () => 'flood',
  properties: () => [{ id: 'all-informed', label: 'every live agent is informed', sort: 'liveness' }],
  events: ['informed'],
  behaviours: () => ({ silent: 'never passes the message on: the network drops everything it would send' }),
  narrate: narrateFlood,
};
