import { useEffect, useRef } from 'react';
import { useStore } from '../../store/index';
import type { RunSummary } from '../../worker/protocol';
import { explainerOf, type PanelDef } from '../panels';

/** Tabs a run never takes the user away from: they are in the middle of something there (a lesson, a search, an import or a share). */
const STICKY_TABS = new Set(['lessons', 'counterexample', 'library']);

/** Which explanation a run gets: a new kind, algorithm or swarm size may want another view. */
function runViewKey(summary: RunSummary, right?: PanelDef, bottom?: PanelDef): string {
  return `${summary.runKind}|${right?.id ?? ''}|${bottom?.id ?? ''}`;
}

/**
 * After a run, the column beside the stage opens on the view that explains its kind (the matrix,
 * the curve, the merge steps…) and the drawer opens on its trace view, unless the user closed
 * the drawer or is in a lesson. A rerun of the same kind keeps the tabs the user chose since.
 */
export function useRunViews(rightPanels: readonly PanelDef[], bottomPanels: readonly PanelDef[]): void {
  const summary = useStore((s) => s.summary);
  const lastKey = useRef('');
  useEffect(() => {
    if (!summary) return;
    const s = useStore.getState();
    const right = explainerOf(rightPanels, summary);
    const bottom = explainerOf(bottomPanels, summary);
    const key = runViewKey(summary, right, bottom);
    const fresh = key !== lastKey.current;
    lastKey.current = key;
    const current = rightPanels.find((p) => p.id === s.rightTab);
    // A kind's view that does not explain this run would be empty ("Run a … scenario"): never stay on one.
    const wrongKindView = current?.explains !== undefined && !current.explains(summary);
    if (right && !STICKY_TABS.has(s.rightTab) && (fresh || wrongKindView) && s.rightTab !== right.id)
      s.setRightTab(right.id);
    if (bottom && fresh && s.bottomTab !== bottom.id) s.setBottomTab(bottom.id);
    if (!s.drawerOpen && !s.drawerClosedByUser) s.setDrawerOpen(true, false);
  }, [summary, rightPanels, bottomPanels]);
}
