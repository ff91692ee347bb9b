import { useEffect, useState } from 'preact/hooks';
import type { Watched } from './host';

/** The current value of something the host watches, re-rendering when it changes. */
export function useWatched<T>(watched: Watched<T>): T {
  const [value, setValue] = useState(() => watched.get());
  useEffect(() => {
    setValue(watched.get());
    return watched.subscribe((next) => setValue(() => next));
  }, [watched]);
  return value;
}
