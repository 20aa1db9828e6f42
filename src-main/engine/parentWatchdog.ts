/**
 * Makes a child process end when its parent dies, on every platform: the
 * IPC channel closing (a pipe on Windows, a socket elsewhere) is the quick
 * signal; a periodic check of the parent's pid catches what the channel
 * misses (an Electron utility process, a parent killed while the channel
 * is busy). On Linux and macOS an orphan is re-parented, so its ppid
 * changes; on Windows the ppid stays, so the old parent is probed with
 * signal 0.
 */
export interface ParentWatchdogOptions {
  /** The pid to watch; the process's parent by default. */
  parentPid?: number;
  intervalMs?: number;
  /** Called once when the parent is gone. */
  onParentGone: (reason: 'disconnect' | 'parent-exited') => void;
}

export function parentIsAlive(parentPid: number, currentPpid: number = process.ppid): boolean {
  if (process.platform !== 'win32' && currentPpid !== parentPid) return false;
  try {
    process.kill(parentPid, 0);
    return true;
  } catch (error) {
    // EPERM: alive but not ours to signal (cannot happen for our own parent, but is not death).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function watchParent(options: ParentWatchdogOptions): () => void {
  const parentPid = options.parentPid ?? process.ppid;
  let fired = false;
  const fire = (reason: 'disconnect' | 'parent-exited'): void => {
    if (fired) return;
    fired = true;
    stop();
    options.onParentGone(reason);
  };
  const onDisconnect = (): void => fire('disconnect');
  if (process.send) process.on('disconnect', onDisconnect);
  const timer = setInterval(() => {
    if (!parentIsAlive(parentPid)) fire('parent-exited');
  }, options.intervalMs ?? 1000);
  timer.unref();
  function stop(): void {
    clearInterval(timer);
    process.off('disconnect', onDisconnect);
  }
  return stop;
}
