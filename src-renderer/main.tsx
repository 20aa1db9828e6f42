import '@shared/contract/zodSettings';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './styles/app.css';
import './styles/sqlWorkbench.css';
import { createWorkbenchClient } from './api/createWorkbenchClient';
import { createElectronTransport, findHostBridge } from './api/electronTransport';
import { createHttpTransport, readBrowserToken } from './api/httpTransport';
import type { WorkbenchTransport } from './api/WorkbenchTransport';
import { App } from './components/App';
import { translator } from './i18n/translate';
import { StoreContext } from './store/StoreContext';
import { createWorkbenchStore } from './store/workbenchStore';
import { runMenuCommand } from './desktop/menuCommands';

function chooseTransport(): WorkbenchTransport | null {
  const bridge = findHostBridge(window);
  if (bridge) return createElectronTransport(bridge);
  const token = readBrowserToken(window.location, window.sessionStorage, window.history);
  return token ? createHttpTransport(token) : null;
}

const root = createRoot(document.getElementById('root')!);
const transport = chooseTransport();
if (!transport) {
  const t = translator('zh-CN');
  root.render(
    <div className="fatal-screen" role="alert">
      <h1>{t('app.title')}</h1>
      <p>{t('app.noToken')}</p>
      <p>{translator('en')('app.noToken')}</p>
    </div>,
  );
} else {
  const api = createWorkbenchClient(transport);
  const store = createWorkbenchStore(api);
  api.events.on('onDidReportProgress', (report) => store.getState().onProgress(report.queryId, report.percent));
  api.events.on('onDidStreamRows', (report) => store.getState().onRowsStreamed(report.queryId, report.rowsSoFar));
  api.events.on('onDidFinishQuery', (event) => store.getState().onQueryFinished(event.queryId, event.outcome));
  api.events.on('onDidRestartEngine', (event) => {
    const state = store.getState();
    state.setNotice(translator(state.locale)('app.engineRestarted', { reason: event.reason }));
    void state.loadAppInfo();
  });
  // Subscribed before the page has loaded: the desktop shell sends a double-clicked notebook right after.
  api.events.on('onDidInvokeMenuCommand', (event) => void runMenuCommand(event, { getState: store.getState, api, print: () => window.print() }));
  void store.getState().loadAppInfo();
  void store.getState().loadSchema();
  root.render(
    <StrictMode>
      <StoreContext.Provider value={{ store, api }}>
        <App />
      </StoreContext.Provider>
    </StrictMode>,
  );
}
