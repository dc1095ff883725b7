import type { ComponentType } from 'react';

/**
 * Panels other areas plug into the layout: each folder (clocks, crdt, log, sync,
 * lessons…) exports its own list and App shows them as tabs. `area` is the
 * right-hand column or the bottom drawer.
 */
export interface PanelDef {
  id: string;
  title: string;
  area: 'right' | 'bottom';
  component: ComponentType;
}
