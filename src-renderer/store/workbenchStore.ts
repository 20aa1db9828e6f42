import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import type { WorkbenchApi } from '../api/createWorkbenchClient';
import { createUiSlice, type UiSlice } from './uiSlice';
import { createWorkspaceSlice, type WorkspaceSlice } from './workspaceSlice';
import { createEditorSlice, type EditorSlice } from './editorSlice';
import { createResultsSlice, type ResultsSlice } from './resultsSlice';
import { createHistorySlice, type HistorySlice } from './historySlice';
import { createNotebookSlice, type NotebookSlice } from './notebookSlice';
import { createDatasetsSlice, type DatasetsSlice } from './datasetsSlice';
import { createTargetsSlice, type TargetsSlice } from './targetsSlice';
import { createChartsSlice, type ChartsSlice } from './chartsSlice';
import { createBriefingSlice, type BriefingSlice } from './briefingSlice';
import { createImportSlice, type ImportSlice } from './importSlice';
import { createHistoryGridSlice, type HistoryGridSlice } from './historyGridSlice';

/** The whole renderer state: one store made of slices, each owning its part and its actions. */
export type WorkbenchState = UiSlice & WorkspaceSlice & EditorSlice & ResultsSlice & HistorySlice & NotebookSlice & DatasetsSlice & TargetsSlice & ChartsSlice & BriefingSlice & ImportSlice & HistoryGridSlice;

/** A slice gets the injected API client; actions never reach for window globals. */
export type SliceCreator<T> = (api: WorkbenchApi) => StateCreator<WorkbenchState, [], [], T>;

export type WorkbenchStore = StoreApi<WorkbenchState>;

export function createWorkbenchStore(api: WorkbenchApi): WorkbenchStore {
  return createStore<WorkbenchState>()((...args) => ({
    ...createUiSlice(api)(...args),
    ...createWorkspaceSlice(api)(...args),
    ...createEditorSlice(api)(...args),
    ...createResultsSlice(api)(...args),
    ...createHistorySlice(api)(...args),
    ...createNotebookSlice(api)(...args),
    ...createDatasetsSlice(api)(...args),
    ...createTargetsSlice(api)(...args),
    ...createChartsSlice(api)(...args),
    ...createBriefingSlice(api)(...args),
    ...createImportSlice(api)(...args),
    ...createHistoryGridSlice(api)(...args),
  }));
}
