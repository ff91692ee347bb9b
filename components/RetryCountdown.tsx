import { useEffect, useState } from 'preact/hooks';
import { describeRetry } from '../lib/format/describe';
import type { Retry } from '../lib/types';

/** Seconds left before the wait the response asked for is over, counted from the request. */
function secondsLeft(startedDateTime: string, afterSeconds: number, now: number): number {
  const started = Date.parse(startedDateTime);
  if (Number.isNaN(started)) return 0;
  return Math.max(0, Math.ceil((started + afterSeconds * 1000 - now) / 1000));
}

export function RetryCountdown({ retry, startedDateTime }: { retry: Retry; startedDateTime: string }) {
  const after = retry.advice === 'after' ? (retry.afterSeconds ?? 0) : null;
  const [now, setNow] = useState(() => Date.now());
  const left = after === null ? 0 : secondsLeft(startedDateTime, after, now);

  const counting = left > 0;

  // Another diagnosis: the clock it was showing is stale.
  useEffect(() => setNow(Date.now()), [startedDateTime, after]);

  useEffect(() => {
    if (!counting) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [counting]);

  return (
    <p class="retry">
      {describeRetry(retry)}
      {after !== null && (
        <span class="countdown" role="timer">
          {left > 0 ? ` ${left} s left.` : ' You can retry now.'}
        </span>
      )}
    </p>
  );
}
