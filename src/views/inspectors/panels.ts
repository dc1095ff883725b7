import type { PanelDef } from '../panels';

/** The inspectors shown in the bottom drawer (space-time diagram, merge inspector, message log, …). */
export const INSPECTOR_PANELS: PanelDef[] = [];
