import { useEffect, useState } from 'preact/hooks';
import type { Watched } from '../panel/ports';

/** The current value of something the ports watch, re-rendering when it changes. */
export function useWatched<T>(watched: Watched<T>): T {
  const [value, setValue] = useState(() => watched.get());
  useEffect(() => {
    setValue(watched.get());
    return watched.subscribe((next) => setValue(() => next));
  }, [watched]);
  return value;
}
