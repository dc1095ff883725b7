import type { PanelDef } from '../panels';

/** Right-hand panels about scenarios as files: saves, sharing, import/export, lessons. */
export const LIBRARY_PANELS: PanelDef[] = [];
