import type { PanelDef } from '../panels';
import { DelegationView } from './DelegationView';
import { MergeInspector } from './MergeInspector';
import { MessageLog } from './MessageLog';
import { SpaceTimeDiagram } from './SpaceTimeDiagram';
import { SyncView } from './SyncView';

/** The inspectors shown in the bottom drawer (space-time diagram, merge inspector, message log, …). */
export const INSPECTOR_PANELS: PanelDef[] = [
  { id: 'log', title: 'Message log', area: 'bottom', component: MessageLog },
  { id: 'space-time', title: 'Space-time diagram', area: 'bottom', component: SpaceTimeDiagram },
  { id: 'merge', title: 'Merge inspector', area: 'bottom', component: MergeInspector },
  { id: 'sync', title: 'Sync', area: 'bottom', component: SyncView },
  { id: 'delegation', title: 'Delegation', area: 'bottom', component: DelegationView },
];
