import { useEffect, useState } from 'react';

/** Seconds since `startedAt`, ticking every 100 ms while `running`. */
export function useElapsedSeconds(startedAt: number, running: boolean): number {
  const [elapsedMs, setElapsedMs] = useState(0);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setElapsedMs(Date.now() - startedAt), 100);
    return () => clearInterval(timer);
  }, [running, startedAt]);
  return running ? Math.max(0, elapsedMs) / 1000 : 0;
}
