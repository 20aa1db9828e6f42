import type { ImplementationOf } from '@shared/contract/contractKit';
import type { datasetsContract } from '@shared/contract/services/datasetsContract';
import { WorkbenchError } from '@shared/contract/WorkbenchError';
import { DatasetQueries } from '../datasets/datasetQueries';
import { datasetsOutcome, engineExec } from '../datasets/initializeDatasets';
import type { ServiceContext } from './ServiceContext';

/** The indicator datasets: catalog, series with provenance, and the user's own rows. */
export function createDatasetsApi(context: ServiceContext): ImplementationOf<typeof datasetsContract> {
  const queries = new DatasetQueries(engineExec(context));
  const loadError = () => {
    const outcome = datasetsOutcome(context);
    return outcome && 'error' in outcome ? outcome.error : null;
  };
  const requireLoaded = () => {
    const error = loadError();
    if (error !== null) throw new WorkbenchError({ kind: 'user', code: 'datasets-unavailable', message: `The bundled datasets could not be loaded: ${error}` });
  };
  return {
    datasets: {
      info: () => queries.info(loadError()),
      listIndicators: async () => {
        requireLoaded();
        return { indicators: await queries.listIndicators() };
      },
      indicator: async ({ code }) => {
        requireLoaded();
        return queries.detail(code);
      },
      addObservation: async (input) => {
        requireLoaded();
        return { observation: await queries.addObservation(input) };
      },
      deleteObservation: async ({ obsId }) => {
        requireLoaded();
        return { deleted: await queries.deleteObservation(obsId) };
      },
      saveObservations: async (input) => {
        requireLoaded();
        return queries.saveObservations(input);
      },
    },
  };
}
