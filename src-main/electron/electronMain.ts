import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, screen, session, type Event, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { workbenchContract, type MenuCommandEvent } from '@shared/contract/workbenchContract';
import { createWorkbench, type Workbench } from '../services/createWorkbench';
import { workbenchOptionsFromEnvironment } from '../services/workbenchEnvironment';
import { resolveWorkspace } from '../workspace/workspaceLocation';
import { readStaticFile, resolveStaticFile } from '../host/staticFiles';
import { APP_HOST, APP_SCHEME, isAllowedNavigation, isAllowedRequest, isTrustedSenderFrame, RENDERER_URL } from '../desktop/appOrigin';
import { buildApplicationMenu, type MenuLocale } from '../desktop/applicationMenu';
import { DESKTOP_STATE_FILE, desktopStateText, loadDesktopState, saveDesktopState, type DesktopState } from '../desktop/desktopStateFile';
import { parseLaunchArguments } from '../desktop/launchArguments';
import { MIN_WINDOW_SIZE, restoreWindowState, type WindowState } from '../desktop/windowState';
import { workspaceInstanceKey, workspaceStartupMessage } from '../desktop/workspaceStartupError';
import { registerIpcHost } from './ipcHost';
import { utilityEngineLauncher } from './utilityEngineLauncher';
import { electronDialogs } from './electronDialogs';
import { installApplicationMenu } from './electronMenu';

/**
 * The desktop shell: one window per workspace, the engine in a utility
 * process, the contract over IPC. Everything else lives in services shared
 * with browser mode and in the plain modules of src-main/desktop, so this
 * file only wires and locks down (docs/security.md).
 */

// The renderer is served from its own origin, app://renderer, rather than file://
// (Electron's security checklist): `'self'` in the CSP then means the app's
// files only, and module workers (the Monte Carlo worker) can start.
const rendererDirectory = join(__dirname, '../renderer');
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
]);

/** Serves the renderer's files, and nothing outside its folder, on app://renderer/. */
function registerAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    const file = await resolveStaticFile(rendererDirectory, url.pathname);
    if (!file.ok) return new Response(file.message, { status: file.status });
    return new Response(await readStaticFile(file), { status: 200, headers: file.headers });
  });
}

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return isTrustedSenderFrame(frame ? { url: frame.url, isTopFrame: frame.parent === null } : null);
}

/** Every web contents, the window's and any other: no webviews, no new windows, no navigation away. */
function lockDown(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayHome = (event: Event, url: string) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
}
app.on('web-contents-created', (_event, contents) => lockDown(contents));

function createWindow(state: WindowState): BrowserWindow {
  const window = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: '指标工作台 Indicator Workbench',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: join(__dirname, '../preload/preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  void window.loadURL(RENDERER_URL);
  return window;
}

async function start(): Promise<void> {
  const launch = parseLaunchArguments(process.argv, { cwd: process.cwd(), packaged: app.isPackaged });
  const workspace = resolveWorkspace(launch.workspace);
  // One instance per workspace: Electron keys its single-instance lock on the
  // userData folder, so each workspace gets a folder of its own.
  app.setPath('userData', join(app.getPath('userData'), 'workspaces', workspaceInstanceKey(workspace.directory)));
  if (!app.requestSingleInstanceLock()) {
    // The running instance got our argv in 'second-instance' and opens the files.
    app.quit();
    return;
  }
  app.enableSandbox();
  await app.whenReady();
  registerAppProtocol();

  // No network: only the app's own files (and devtools) may load; no permission is ever granted.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const stateFile = join(workspace.directory, DESKTOP_STATE_FILE);
  let desktopState: DesktopState = { window: null, folders: {} };
  let locale: MenuLocale = 'zh-CN';
  let refreshMenu = () => {};
  let workbench: Workbench;
  try {
    mkdirSync(workspace.directory, { recursive: true });
    desktopState = await loadDesktopState(stateFile);
    workbench = await createWorkbench({
      workspace,
      host: 'electron',
      launcher: utilityEngineLauncher(join(__dirname, 'engineProcess.js')),
      dialogs: electronDialogs({
        folders: () => desktopState.folders,
        onDidChooseFolder: (folders) => {
          desktopState = { ...desktopState, folders };
          void saveDesktopState(stateFile, desktopState).catch(() => undefined);
        },
        setMenuLanguage: (next) => {
          locale = next;
          refreshMenu();
        },
      }),
      ...workbenchOptionsFromEnvironment(process.env),
    });
  } catch (error) {
    const { title, message } = workspaceStartupMessage(error, workspace.directory);
    dialog.showErrorBox(`${title.zh} / ${title.en}`, `${message.zh}\n\n${message.en}`);
    app.exit(1);
    return;
  }

  registerIpcHost({
    ipcMain,
    contract: workbenchContract,
    implementation: workbench.service.api,
    subscribe: (listener) => workbench.service.onDidEmit(listener),
    isTrustedSender,
    targets: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
  });

  const send = (event: MenuCommandEvent) => {
    workbench.service.context.emit('onDidInvokeMenuCommand', event);
    if (event.command === 'notebook.openPath') refreshMenu();
  };
  refreshMenu = () => {
    void workbench.client.notebook
      .list({})
      .then((listing) => listing.recent.filter((entry) => entry.exists))
      .catch(() => [])
      .then((recent) => installApplicationMenu(buildApplicationMenu(locale, { recent, packaged: app.isPackaged }), send));
  };
  refreshMenu();

  const window = createWindow(restoreWindowState(desktopState.window, screen.getAllDisplays().map((display) => display.workArea), screen.getPrimaryDisplay().workArea));
  window.on('focus', () => refreshMenu());
  window.on('close', () => {
    desktopState = { ...desktopState, window: { bounds: window.getNormalBounds(), maximized: window.isMaximized() } };
    try {
      // Synchronously: the app quits right after the last window closes.
      writeFileSync(stateFile, desktopStateText(desktopState));
    } catch {
      // Only the window's place is lost.
    }
  });
  // A double-clicked .iwb.md starts the app with its path.
  window.webContents.once('did-finish-load', () => {
    for (const path of launch.notebooks) send({ command: 'notebook.openPath', path });
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
    for (const path of parseLaunchArguments(argv, { cwd: workingDirectory, packaged: app.isPackaged }).notebooks) send({ command: 'notebook.openPath', path });
  });
  app.on('window-all-closed', () => {
    workbench.dispose();
    app.quit();
  });
}

void start();
