import { type ComponentType, lazy } from 'react';
import type { RunSummary } from '../worker/protocol';

/**
 * Panels other areas plug into the layout: each folder (clocks, crdt, log, sync,
 * lessons…) exports its own list and App shows them as tabs. `area` is the
 * right-hand column (beside the stage, a rail of tabs) or the bottom drawer.
 */
export interface PanelDef {
  id: string;
  title: string;
  area: 'right' | 'bottom';
  component: ComponentType;
  /**
   * True for the runs this panel explains best: after such a run its area opens on it (the first
   * panel of the area that says so). A run kind's own view says so for its kind.
   */
  explains?: (summary: RunSummary) => boolean;
}

/** The panel of `panels` that explains `summary`, or undefined. */
export function explainerOf(panels: readonly PanelDef[], summary: RunSummary): PanelDef | undefined {
  return panels.find((p) => p.explains?.(summary));
}

/** The consensus algorithm of a run, or undefined for other kinds. */
export const algorithmOf = (summary: RunSummary): string | undefined =>
  summary.runKind === 'consensus' ? summary.result.result.algorithmUsed : undefined;

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
