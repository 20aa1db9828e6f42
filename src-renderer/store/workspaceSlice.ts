import type { AppInfo, FunctionInfo, SchemaRelation } from '@shared/contract/workbenchContract';
import { toErrorEnvelope, type ErrorEnvelope } from '@shared/contract/WorkbenchError';
import type { SliceCreator } from './workbenchStore';

export interface WorkspaceSlice {
  appInfo: AppInfo | null;
  relations: SchemaRelation[];
  schemaLoading: boolean;
  connectionError: ErrorEnvelope | null;
  /** DuckDB's functions, for autocomplete; loaded once. */
  functions: FunctionInfo[];
  loadAppInfo(): Promise<void>;
  loadSchema(): Promise<void>;
  loadFunctions(): Promise<void>;
}

export const createWorkspaceSlice: SliceCreator<WorkspaceSlice> = (api) => (set) => ({
  appInfo: null,
  relations: [],
  schemaLoading: false,
  connectionError: null,
  functions: [],
  loadFunctions: async () => {
    try {
      const { functions } = await api.schema.functions({});
      set({ functions });
    } catch {
      // Autocomplete then offers tables and columns only; nothing else depends on this list.
    }
  },
  loadAppInfo: async () => {
    try {
      set({ appInfo: await api.app.info({}), connectionError: null });
    } catch (error) {
      set({ connectionError: toErrorEnvelope(error) });
    }
  },
  loadSchema: async () => {
    set({ schemaLoading: true });
    try {
      const { relations } = await api.schema.list({});
      set({ relations, schemaLoading: false });
    } catch (error) {
      set({ schemaLoading: false, connectionError: toErrorEnvelope(error) });
    }
  },
});
