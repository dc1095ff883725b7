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
}

export const UI_PREFS_KEY = 'swarm-playground/ui-prefs';
export const DEFAULT_UI_PREFS: UiPrefs = { jumpToEndAfterRun: false, liveRerun: false };

export function loadUiPrefs(): UiPrefs {
  try {
    const raw = globalThis.localStorage?.getItem(UI_PREFS_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<UiPrefs>) : {};
    return {
      jumpToEndAfterRun: parsed.jumpToEndAfterRun === true,
      liveRerun: parsed.liveRerun === true,
    };
  } catch {
    return { ...DEFAULT_UI_PREFS };
  }
}

export function saveUiPrefs(prefs: UiPrefs): void {
  try {
    globalThis.localStorage?.setItem(UI_PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // Storage full or blocked: the preference lasts until the page closes.
  }
}
