import { utilityProcess } from 'electron';
import type { EngineLauncher, FromEngineMessage } from '../engine/engineProtocol';

/** Starts the engine as an Electron utility process (a Node process the app supervises). */
export function utilityEngineLauncher(entry: string): EngineLauncher {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Indicator Workbench engine', stdio: 'inherit' });
    return {
      get pid() {
        return child.pid;
      },
      postMessage: (message) => child.postMessage(message),
      onMessage: (listener) => {
        child.on('message', (message: unknown) => listener(message as FromEngineMessage));
      },
      onExit: (listener) => {
        child.on('exit', (code) => listener(code));
      },
      kill: () => {
        child.kill();
      },
    };
  };
}
