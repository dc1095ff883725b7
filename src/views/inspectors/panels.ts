import { lazyPanel, type PanelDef } from '../panels';

/** The inspectors shown in the bottom drawer, each loaded on first use. */
export const INSPECTOR_PANELS: PanelDef[] = [
  { id: 'log', title: 'Message log', area: 'bottom', component: lazyPanel(() => import('./MessageLog'), 'MessageLog') },
  {
    id: 'space-time',
    title: 'Space-time diagram',
    area: 'bottom',
    component: lazyPanel(() => import('./SpaceTimeDiagram'), 'SpaceTimeDiagram'),
  },
  {
    id: 'merge',
    title: 'Merge inspector',
    area: 'bottom',
    component: lazyPanel(() => import('./MergeInspector'), 'MergeInspector'),
  },
  { id: 'sync', title: 'Sync', area: 'bottom', component: lazyPanel(() => import('./SyncView'), 'SyncView') },
  {
    id: 'delegation',
    title: 'Delegation',
    area: 'bottom',
    component: lazyPanel(() => import('./DelegationView'), 'DelegationView'),
  },
];
