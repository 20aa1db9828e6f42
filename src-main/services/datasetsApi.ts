import type { ImplementationOf } from '@shared/contract/contractKit';
import type { datasetsContract } from '@shared/contract/services/datasetsContract';
import { localizedError } from '@shared/contract/errorTexts';
import type { DatasetQueries } from '../datasets/datasetQueries';
import type { DatasetsStartupOutcome } from '../datasets/initializeDatasets';

/** The indicator datasets: catalog, series with provenance, and the user's own rows. */
export function createDatasetsApi(queries: DatasetQueries, startup: DatasetsStartupOutcome): ImplementationOf<typeof datasetsContract> {
  const loadError = () => ('error' in startup ? startup.error : null);
  const requireLoaded = () => {
    const error = loadError();
    if (error !== null) throw localizedError('datasets-unavailable', { reason: error });
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
