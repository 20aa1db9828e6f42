import { initializeDatasets } from '../datasets/initializeDatasets';
import type { ServiceContext } from './ServiceContext';
import { initializeTargetTables } from './targetsApi';

/**
 * Work done once per start-up after the workspace opens (loading bundled
 * datasets, creating the workspace's own tables), in order. Each must be
 * idempotent: it runs on every start.
 */
export const workspaceInitializers: ((context: ServiceContext) => Promise<void>)[] = [initializeDatasets, initializeTargetTables];
