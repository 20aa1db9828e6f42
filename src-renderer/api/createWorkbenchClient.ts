import { buildClient, type ClientOf, type ContractSpec } from '@shared/contract/contractKit';
import { workbenchContract, type WorkbenchContract, type WorkbenchEvents } from '@shared/contract/workbenchContract';
import type { WorkbenchTransport } from './WorkbenchTransport';

export type WorkbenchApi = ClientOf<WorkbenchContract> & {
  readonly events: {
    on<K extends keyof WorkbenchEvents>(name: K, listener: (payload: WorkbenchEvents[K]) => void): () => void;
  };
  readonly transportKind: WorkbenchTransport['kind'];
};

/**
 * The renderer's typed client, generated from the contract table: every
 * `service.method` becomes `api.service.method(input)`, rejecting with a
 * WorkbenchError carrying the main side's error envelope.
 */
export function createWorkbenchClient(transport: WorkbenchTransport, contract: ContractSpec = workbenchContract): WorkbenchApi {
  const client = buildClient(contract, (wireName, input) => transport.call(wireName, input));
  const events = {
    on<K extends keyof WorkbenchEvents>(name: K, listener: (payload: WorkbenchEvents[K]) => void) {
      return transport.subscribe((eventName, payload) => {
        if (eventName === name) listener(payload as WorkbenchEvents[K]);
      });
    },
  };
  return Object.assign(client, { events, transportKind: transport.kind }) as unknown as WorkbenchApi;
}
