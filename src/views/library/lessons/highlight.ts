/** The name a person (and a screen reader) knows a control by: aria-label, its <label>, or its text. */
function accessibleName(el: HTMLElement): string {
  const aria = el.getAttribute('aria-label');
  if (aria) return aria.trim();
  const labels = (el as HTMLInputElement).labels;
  if (labels && labels.length > 0) return (labels[0].textContent ?? '').trim();
  return (el.textContent ?? '').trim();
}

/** The first visible control named `name`, outside the lesson panel itself. */
export function findControl(name: string): HTMLElement | null {
  for (const el of document.querySelectorAll<HTMLElement>('button, select, input, textarea, [role="tab"]')) {
    if (el.closest('[data-lesson-panel]')) continue;
    if (accessibleName(el) === name) return el;
  }
  return null;
}

const CLASS = 'lesson-highlight';

/**
 * Outlines the control named `name` until the returned function is called. The
 * form re-renders as the scenario changes, so the control is looked up again on
 * DOM changes rather than kept by reference.
 */
export function highlightControl(name: string): () => void {
  let current: HTMLElement | null = null;
  const apply = () => {
    const found = findControl(name);
    if (found === current) return;
    current?.classList.remove(CLASS);
    current = found;
    current?.classList.add(CLASS);
    current?.setAttribute('data-lesson-highlight', 'true');
  };
  apply();
  const observer = new MutationObserver(apply);
  observer.observe(document.body, { childList: true, subtree: true });
  return () => {
    observer.disconnect();
    current?.classList.remove(CLASS);
    current?.removeAttribute('data-lesson-highlight');
  };
}
