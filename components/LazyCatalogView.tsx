import type { ComponentProps } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { CatalogView } from './CatalogView';

type View = typeof CatalogView;

/**
 * The catalog view, loaded the first time it is opened: most sessions never open it, and the
 * panel starts sooner without its code and the catalog's search.
 */
export function LazyCatalogView(props: ComponentProps<View>) {
  const [View, setView] = useState<View | null>(null);
  useEffect(() => {
    let mounted = true;
    void import('./CatalogView').then((module) => {
      if (mounted) setView(() => module.CatalogView);
    });
    return () => {
      mounted = false;
    };
  }, []);
  return View ? <View {...props} /> : null;
}
