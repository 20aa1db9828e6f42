import { fork } from 'node:child_process';
import type { EngineLauncher, FromEngineMessage } from './engineProtocol';

/**
 * Starts the engine as a Node child process. `advanced` serialization sends
 * Uint8Array (Arrow IPC bytes) as binary instead of JSON.
 */
export function nodeEngineLauncher(entry: string, execArgv: string[] = []): EngineLauncher {
  return () => {
    const child = fork(entry, [], {
      serialization: 'advanced',
      execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // A send to a child that just died emits 'error'; the 'exit' handler does the recovery.
    child.on('error', (error) => {
      if (child.exitCode === null && !child.killed) console.error('Engine process error:', error);
    });
    return {
      get pid() {
        return child.pid;
      },
      postMessage: (message) => {
        child.send(message);
      },
      onMessage: (listener) => {
        child.on('message', (message) => listener(message as FromEngineMessage));
      },
      onExit: (listener) => {
        child.on('exit', (code) => listener(code));
      },
      kill: () => {
        child.kill('SIGKILL');
      },
    };
  };
}
