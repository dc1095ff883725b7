import { lazyPanel, type PanelDef } from '../panels';

/** Agents up to which a run's space-time diagram is readable at a glance: one lane each. */
const SPACE_TIME_AGENTS_MAX = 20;

/** The trace views of the bottom drawer, each loaded on first use: any run's events, in time. */
export const INSPECTOR_PANELS: PanelDef[] = [
  {
    id: 'space-time',
    title: 'Space-time diagram',
    area: 'bottom',
    component: lazyPanel(() => import('./SpaceTimeDiagram'), 'SpaceTimeDiagram'),
    explains: (s) => s.agents > 0 && s.agents <= SPACE_TIME_AGENTS_MAX && s.aggregateAgents === undefined,
  },
  {
    id: 'log',
    title: 'Message log',
    area: 'bottom',
    component: lazyPanel(() => import('./MessageLog'), 'MessageLog'),
    explains: () => true,
  },
];

/** The run kinds' own explanations, beside the stage: merge steps, who holds what, who does which task. */
export const KIND_INSPECTOR_PANELS: PanelDef[] = [
  {
    id: 'merge',
    title: 'Merge inspector',
    area: 'right',
    component: lazyPanel(() => import('./MergeInspector'), 'MergeInspector'),
    explains: (s) => s.runKind === 'replicated-state',
  },
  {
    id: 'sync',
    title: 'Sync',
    area: 'right',
    component: lazyPanel(() => import('./SyncView'), 'SyncView'),
    explains: (s) => s.runKind === 'sync',
  },
  {
    id: 'delegation',
    title: 'Delegation',
    area: 'right',
    component: lazyPanel(() => import('./DelegationView'), 'DelegationView'),
    explains: (s) => s.runKind === 'delegation',
  },
];
