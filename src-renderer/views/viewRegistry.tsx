import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/translate';
import { SqlWorkspace } from '../components/SqlWorkspace';
import { NotebookView } from './notebook/NotebookView';
import { DataSourcesView } from '../components/DataSourcesView';
import { TargetBoardView } from './targets/TargetBoardView';
import { ImportView } from './import/ImportView';

/**
 * The main views, in navigation order. A feature adds its view here; the
 * header renders the list and the store remembers which one is open.
 */
export interface ViewDefinition {
  id: string;
  labelKey: MessageKey;
  /** Whether the schema sidebar is shown beside the view. */
  showSchema: boolean;
  render: () => ReactNode;
}

export const views: readonly ViewDefinition[] = [
  { id: 'targets', labelKey: 'nav.targets', showSchema: false, render: () => <TargetBoardView /> },
  { id: 'sql', labelKey: 'nav.sql', showSchema: true, render: () => <SqlWorkspace /> },
  { id: 'notebook', labelKey: 'nav.notebook', showSchema: false, render: () => <NotebookView /> },
  { id: 'data', labelKey: 'nav.data', showSchema: false, render: () => <DataSourcesView /> },
  { id: 'import', labelKey: 'nav.import', showSchema: true, render: () => <ImportView /> },
];

export const DEFAULT_VIEW_ID = views[0]!.id;
