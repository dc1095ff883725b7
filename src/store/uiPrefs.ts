/**
 * The few view preferences that outlive a reload (kept in localStorage, not in the
 * scenario library: they belong to this browser, not to a swarm). Reading or writing
 * never throws: private windows and blocked storage simply forget them.
 */
export interface UiPrefs {
  /** After Run, show the final state at once instead of playing the run from t = 0. */
  jumpToEndAfterRun: boolean;
  /** Swarms of up to LIVE_RERUN_MAX_AGENTS agents rerun by themselves after each edit. */
  liveRerun: boolean;
  /** Large type and glyphs for a classroom projector (the root font size is scaled). */
  projector: boolean;
  /** Height of the bottom drawer when open, in CSS pixels. */
  drawerPx: number;
}

export const UI_PREFS_KEY = 'swarm-playground/ui-prefs';
/** The drawer's height bounds, in CSS pixels (the separator's aria-valuemin/max). */
export const DRAWER_MIN_PX = 120;
export const DRAWER_MAX_PX = 900;
export const DEFAULT_UI_PREFS: UiPrefs = {
  jumpToEndAfterRun: false,
  liveRerun: false,
  projector: false,
  drawerPx: 240,
};

/** With nothing saved, the drawer takes about a quarter of the window's height. */
const defaultDrawerPx = (): number =>
  typeof globalThis.innerHeight === 'number' && globalThis.innerHeight > 0
    ? clampDrawerPx(globalThis.innerHeight * 0.27)
    : DEFAULT_UI_PREFS.drawerPx;

export const clampDrawerPx = (px: number): number =>
  Math.round(Math.min(DRAWER_MAX_PX, Math.max(DRAWER_MIN_PX, Number.isFinite(px) ? px : DEFAULT_UI_PREFS.drawerPx)));

export function loadUiPrefs(): UiPrefs {
  try {
    const raw = globalThis.localStorage?.getItem(UI_PREFS_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<UiPrefs>) : {};
    return {
      jumpToEndAfterRun: parsed.jumpToEndAfterRun === true,
      liveRerun: parsed.liveRerun === true,
      projector: parsed.projector === true,
      drawerPx: typeof parsed.drawerPx === 'number' ? clampDrawerPx(parsed.drawerPx) : defaultDrawerPx(),
    };
  } catch {
    return { ...DEFAULT_UI_PREFS, drawerPx: defaultDrawerPx() };
  }
}

export function saveUiPrefs(prefs: UiPrefs): void {
  try {
    globalThis.localStorage?.setItem(UI_PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Storage full or blocked: the preference lasts until the page closes.
  }
}
