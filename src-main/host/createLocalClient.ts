import { buildClient, type ClientOf, type ContractSpec } from '@shared/contract/contractKit';
import { dispatchCall } from './dispatchCall';

/**
 * An in-process client for the CLI and tests: the same validation, defaults
 * and error envelope as the IPC and HTTP adapters, without a transport.
 */
export function createLocalClient<C extends ContractSpec>(contract: C, implementation: object): ClientOf<C> {
  return buildClient(contract, (wireName, input) => dispatchCall(contract, implementation, wireName, input));
}
