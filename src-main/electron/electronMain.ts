import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { workbenchContract } from '@shared/contract/workbenchContract';
import { createWorkbench, type Workbench } from '../services/createWorkbench';
import { workbenchOptionsFromEnvironment } from '../services/workbenchEnvironment';
import { resolveWorkspace } from '../workspace/workspaceLocation';
import { registerIpcHost } from './ipcHost';
import { utilityEngineLauncher } from './utilityEngineLauncher';
import { electronDialogs } from './electronDialogs';
import { readStaticFile, resolveStaticFile } from '../host/staticFiles';

/**
 * The desktop shell: one window, the engine in a utility process, the
 * contract over IPC. Everything else lives in services shared with browser
 * mode, so this file only wires and locks down.
 */

// The renderer is served from its own origin, app://renderer, rather than file://
// (Electron's security checklist): `'self'` in the CSP then means the app's
// files only, and module workers (the Monte Carlo worker) can start.
const APP_SCHEME = 'app';
const APP_HOST = 'renderer';
const rendererDirectory = join(__dirname, '../renderer');
const rendererUrl = `${APP_SCHEME}://${APP_HOST}/index.html`;
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

function workspaceOption(argv: string[]): string | undefined {
  const index = argv.indexOf('--workspace');
  if (index !== -1) return argv[index + 1];
  return argv.find((arg) => arg.startsWith('--workspace='))?.slice('--workspace='.length);
}

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  return event.senderFrame?.url.split('#')[0] === rendererUrl;
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: '指标工作台 Indicator Workbench',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: join(__dirname, '../preload/preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event, url) => {
    if (url.split('#')[0] !== rendererUrl) event.preventDefault();
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
}

async function start(): Promise<void> {
  app.enableSandbox();
  await app.whenReady();
  registerAppProtocol();

  // No network: only the app's own files (and devtools) may load.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const allowed =
      details.url.startsWith(`${APP_SCHEME}://${APP_HOST}/`) || details.url.startsWith('devtools://') || details.url.startsWith('data:') || details.url.startsWith('blob:');
    callback({ cancel: !allowed });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  let workbench: Workbench;
  try {
    workbench = await createWorkbench({
      workspace: resolveWorkspace(workspaceOption(process.argv)),
      host: 'electron',
      launcher: utilityEngineLauncher(join(__dirname, 'engineProcess.js')),
      dialogs: electronDialogs,
      ...workbenchOptionsFromEnvironment(process.env),
    });
  } catch (error) {
    dialog.showErrorBox('指标工作台无法打开工作区 / Cannot open the workspace', error instanceof Error ? error.message : String(error));
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

  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    workbench.dispose();
    app.quit();
  });
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void start();
