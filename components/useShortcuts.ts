import { useEffect, useRef } from 'preact/hooks';

export interface ShortcutActions {
  move(step: 1 | -1): void;
  open(): void;
  close(): void;
  search(): void;
  copy(): void;
  copyCurl(): void;
  /** Shows or hides the catalog of documented errors. */
  catalog(): void;
}

/** Where typed keys are text: a checkbox or a button is not. */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return (
    target instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'button', 'submit', 'file'].includes(target.type)
  );
}

/**
 * ↑/↓ move, Enter opens, Escape closes, `/` searches, `c` copies, `u` copies as cURL, `b` shows
 * the catalog. Keys typed into a field stay the field's, except Escape, which leaves it.
 */
export function useShortcuts(actions: ShortcutActions): void {
  // Registered once; reads the actions of the latest render, so a key never acts on stale rows.
  const latest = useRef(actions);
  latest.current = actions;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
      const { target } = event;
      const actions = latest.current;
      if (event.key === 'Escape') {
        if (isTextField(target)) (target as HTMLElement).blur();
        else actions.close();
        return;
      }
      if (isTextField(target)) return;
      // Enter on a control activates it, and arrows scroll the details they are in.
      if (event.key === 'Enter' && target instanceof Element && target.closest('button, a, label, input'))
        return;
      if (event.key.startsWith('Arrow') && target instanceof Element && target.closest('.details')) return;
      const byKey: Record<string, (() => void) | undefined> = {
        ArrowDown: () => actions.move(1),
        ArrowUp: () => actions.move(-1),
        Enter: actions.open,
        '/': actions.search,
        c: actions.copy,
        u: actions.copyCurl,
        b: actions.catalog,
      };
      const action = byKey[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
