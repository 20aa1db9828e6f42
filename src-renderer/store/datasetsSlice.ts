import type { AddObservationInput, DatasetsInfo, IndicatorDetail, IndicatorSummary, UserObservationId } from '@shared/contract/workbenchContract';
import { toErrorEnvelope, type ErrorEnvelope } from '@shared/contract/WorkbenchError';
import type { z } from 'zod';
import type { SliceCreator } from './workbenchStore';

export interface DatasetsSlice {
  datasetsInfo: DatasetsInfo | null;
  datasetIndicators: IndicatorSummary[];
  selectedIndicatorCode: string | null;
  indicatorDetail: IndicatorDetail | null;
  datasetsError: ErrorEnvelope | null;
  /** The last add/delete failure, shown beside the form. */
  datasetsFormError: ErrorEnvelope | null;
  loadDatasets(): Promise<void>;
  selectIndicator(code: string): Promise<void>;
  /** Resolves true when the row was added. */
  addUserObservation(input: z.input<typeof AddObservationInput>): Promise<boolean>;
  deleteUserObservation(obsId: string): Promise<void>;
  /** The form checked its own fields again: the last failure from the main side no longer applies. */
  clearDatasetsFormError(): void;
  /**
   * The workspace's observations changed (a row added or deleted, the
   * history grid saved, an import): the board, the data sources view and
   * the history grid all show those rows, so each that is loaded reads them
   * again. `historyGrid: false` when the grid already did.
   */
  observationsChanged(options?: { historyGrid?: boolean }): Promise<void>;
}

/** The data sources view: indicator catalog, the open indicator's series, targets and sources, and the user's rows. */
export const createDatasetsSlice: SliceCreator<DatasetsSlice> = (api) => (set, get) => {
  /**
   * The catalog (its counts) and the open indicator, if the view has loaded
   * them. Never rejects: the change itself was stored, so a failed reload is
   * the view's error, not the change's (the planner must not add it twice).
   */
  const refreshDatasets = async () => {
    const code = get().selectedIndicatorCode;
    if (code === null && get().datasetsInfo === null) return;
    try {
      const [detail, { indicators }, info] = await Promise.all([code === null ? null : api.datasets.indicator({ code }), api.datasets.listIndicators({}), api.datasets.info({})]);
      if (get().selectedIndicatorCode === code) set({ ...(detail ? { indicatorDetail: detail } : {}), datasetIndicators: indicators, datasetsInfo: info });
    } catch (error) {
      set({ datasetsError: toErrorEnvelope(error) });
    }
  };
  return {
    datasetsInfo: null,
    datasetIndicators: [],
    selectedIndicatorCode: null,
    indicatorDetail: null,
    datasetsError: null,
    datasetsFormError: null,
    loadDatasets: async () => {
      try {
        const info = await api.datasets.info({});
        set({ datasetsInfo: info });
        if (info.loadError !== null) return;
        const { indicators } = await api.datasets.listIndicators({});
        set({ datasetIndicators: indicators, datasetsError: null });
      } catch (error) {
        set({ datasetsError: toErrorEnvelope(error) });
      }
    },
    selectIndicator: async (code) => {
      set({ selectedIndicatorCode: code, datasetsFormError: null });
      try {
        const detail = await api.datasets.indicator({ code });
        if (get().selectedIndicatorCode === code) set({ indicatorDetail: detail, datasetsError: null });
      } catch (error) {
        set({ datasetsError: toErrorEnvelope(error) });
      }
    },
    addUserObservation: async (input) => {
      try {
        await api.datasets.addObservation(input);
        set({ datasetsFormError: null });
        await get().observationsChanged();
        return true;
      } catch (error) {
        set({ datasetsFormError: toErrorEnvelope(error) });
        return false;
      }
    },
    observationsChanged: async ({ historyGrid = true } = {}) => {
      await Promise.all([get().board !== null ? get().loadBoard() : null, refreshDatasets(), historyGrid ? get().reloadHistoryStored() : null]);
    },
    clearDatasetsFormError: () => set({ datasetsFormError: null }),
    deleteUserObservation: async (obsId) => {
      try {
        await api.datasets.deleteObservation({ obsId: obsId as UserObservationId });
        set({ datasetsFormError: null });
        await get().observationsChanged();
      } catch (error) {
        set({ datasetsFormError: toErrorEnvelope(error) });
      }
    },
  };
};
