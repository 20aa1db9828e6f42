import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { methodNames } from '@shared/contract/contractKit';
import { HOST_BRIDGE_KEY, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type HostBridge } from '@shared/contract/hostBridge';
import { workbenchContract, workbenchEventNames } from '@shared/contract/workbenchContract';

const allowedMethods = new Set(methodNames(workbenchContract));
const allowedEvents = new Set<string>(workbenchEventNames);

const bridge: HostBridge = {
  call(method, input) {
    if (typeof method !== 'string' || !allowedMethods.has(method)) {
      return Promise.reject(new Error(`Unknown method "${String(method)}"`));
    }
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input) as ReturnType<HostBridge['call']>;
  },
  subscribe(listener) {
    const forward = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (typeof name === 'string' && allowedEvents.has(name)) listener(name, payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld(HOST_BRIDGE_KEY, bridge);
