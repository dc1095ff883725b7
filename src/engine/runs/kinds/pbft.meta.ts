import { PBFT_BEHAVIOURS } from '../../consensus/pbft/behaviourWords';
import type { PbftEventName } from '../../consensus/pbft/events';
import type { PropertyMeta, RunKindMeta } from '../kind';
import { scheduledCommands } from './leaderCommands';
import { narratePbft } from './pbft.narrate';

/** PBFT's properties among honest replicas (Castro & Liskov §4.5) and liveness, by id. */
export const PBFT_PROPERTY_META = {
  agreement: {
    id: 'agreement',
    label: 'honest replicas execute the same request at each sequence number (agreement)',
    sort: 'safety',
  },
  validity: {
    id: 'validity',
    label: 'honest replicas execute only requests a client issued (validity)',
    sort: 'safety',
  },
  'every-request-committed': {
    id: 'every-request-committed',
    label: 'every client request is committed',
    sort: 'liveness',
  },
} as const satisfies Record<string, PropertyMeta>;

export type PbftPropertyId = keyof typeof PBFT_PROPERTY_META;

/** Every event a PBFT run writes (the union `PbftTraceEvent`; the type below fails when one is missing). */
const EVENTS = [
  'requestReceived',
  'prePrepared',
  'prepared',
  'committed',
  'executed',
  'viewChangeStarted',
  'viewEntered',
  'requestCommitted',
  'propertyViolated',
] as const satisfies readonly PbftEventName[];
true satisfies Exclude<PbftEventName, (typeof EVENTS)[number]> extends never ? true : false;

/** PBFT (Castro & Liskov 1999): every agent a replica; three phases, view change, malicious replicas. */
export const pbftMeta: RunKindMeta<'pbft'> = {
  kind: 'pbft',
  label: 'PBFT',
  presets: [
    {
      id: 'pbft',
      label: 'PBFT: Byzantine replicas with view change',
      run: { kind: 'pbft', commands: scheduledCommands({ count: 3, firstAtMs: 100, intervalMs: 300 }) },
    },
  ],
  presetOf: () => 'pbft',
  properties: () => Object.values(PBFT_PROPERTY_META).map((p) => ({ ...p })),
  events: EVENTS,
  behaviours: () => PBFT_BEHAVIOURS,
  narrate: narratePbft,
};
