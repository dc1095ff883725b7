import { useRef } from 'react';
import { useStore } from '../../store/index';
import { DRAWER_MAX_PX, DRAWER_MIN_PX } from '../../store/uiPrefs';

/** Pixels one arrow key moves the edge; Page Up / Page Down move four times as far. */
const STEP_PX = 24;

/**
 * The drawer's top edge as a WAI-ARIA window splitter: drag it, or focus it and use the arrow
 * keys (taller ↑, shorter ↓), Page Up / Page Down, Home / End; Enter collapses or reopens.
 */
export function DrawerSeparator({ controls }: { controls: string }) {
  const px = useStore((s) => s.prefs.drawerPx);
  const open = useStore((s) => s.drawerOpen);
  const { setDrawerPx, setDrawerOpen } = useStore.getState();
  const drag = useRef<{ y: number; px: number } | null>(null);
  const resize = (next: number) => {
    setDrawerPx(next);
    if (!useStore.getState().drawerOpen) setDrawerOpen(true);
  };
  const onKey = (e: React.KeyboardEvent) => {
    const moves: Record<string, number> = {
      ArrowUp: px + STEP_PX,
      ArrowDown: px - STEP_PX,
      PageUp: px + 4 * STEP_PX,
      PageDown: px - 4 * STEP_PX,
      Home: DRAWER_MIN_PX,
      End: DRAWER_MAX_PX,
    };
    if (e.key === 'Enter') setDrawerOpen(!open);
    else if (e.key in moves) resize(moves[e.key]);
    else return;
    // Home, End and the arrows are also the player's keys: here they move the edge only.
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a focusable splitter is a separator with a value, which <hr> cannot be.
    <div
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the inspectors drawer"
      aria-controls={controls}
      aria-valuenow={open ? px : 0}
      aria-valuemin={0}
      aria-valuemax={DRAWER_MAX_PX}
      aria-valuetext={open ? `${px} pixels tall` : 'collapsed'}
      tabIndex={0}
      className="drawer-separator"
      onKeyDown={onKey}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        drag.current = { y: e.clientY, px: open ? px : DRAWER_MIN_PX };
      }}
      onPointerMove={(e) => {
        if (drag.current) resize(drag.current.px + drag.current.y - e.clientY);
      }}
      onPointerUp={() => {
        drag.current = null;
      }}
    />
  );
}
