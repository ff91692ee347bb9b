import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

const NOTICE_MS = 2_500;

/** A short message that confirms an action, then goes away by itself. */
export function useNotice(): [string, (text: string) => void] {
  const [notice, setNotice] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const show = useCallback((text: string) => {
    setNotice(text);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setNotice(''), NOTICE_MS);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);
  return [notice, show];
}
