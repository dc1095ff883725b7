import { type ComponentType, lazy } from 'react';

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

/**
 * A panel component loaded on first use, so heavy views stay out of the initial
 * bundle: `lazyPanel(() => import('./MessageLog'), 'MessageLog')`.
 */
export function lazyPanel<M extends Record<string, unknown>>(
  load: () => Promise<M>,
  name: keyof M & string,
): ComponentType {
  return lazy(() => load().then((m) => ({ default: m[name] as ComponentType })));
}
