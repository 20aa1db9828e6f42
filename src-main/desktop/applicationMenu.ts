import type { MenuCommand } from '@shared/contract/workbenchContract';
import type { Bilingual } from '@shared/domain/bilingual';
import type { RecentEntry } from './recentFiles';

export type MenuLocale = 'zh-CN' | 'en';

/** Electron menu roles this menu uses (Electron implements them natively). */
export type MenuRole = 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll' | 'zoomIn' | 'zoomOut' | 'resetZoom' | 'togglefullscreen' | 'toggleDevTools' | 'minimize' | 'close' | 'quit' | 'about';

/** One menu item as plain data; src-main/electron turns it into Electron's template. */
export type MenuItemSpec =
  | { type: 'separator' }
  | { type?: 'normal'; id?: string; label: string; accelerator?: string; command?: MenuCommand; path?: string; role?: MenuRole; enabled?: boolean; submenu?: MenuItemSpec[] };

const LABELS = {
  file: { zh: '文件(&F)', en: '&File' },
  newNotebook: { zh: '新建笔记本', en: 'New notebook' },
  openNotebook: { zh: '打开笔记本…', en: 'Open notebook…' },
  recent: { zh: '最近打开', en: 'Open recent' },
  noRecent: { zh: '（无）', en: '(none)' },
  save: { zh: '保存', en: 'Save' },
  saveAs: { zh: '另存为…', en: 'Save as…' },
  importData: { zh: '导入数据文件…', en: 'Import data file…' },
  printBriefing: { zh: '打印 / 将简报另存为 PDF…', en: 'Print / save briefing as PDF…' },
  quit: { zh: '退出', en: 'Quit' },
  edit: { zh: '编辑(&E)', en: '&Edit' },
  undo: { zh: '撤销', en: 'Undo' },
  redo: { zh: '重做', en: 'Redo' },
  cut: { zh: '剪切', en: 'Cut' },
  copy: { zh: '复制', en: 'Copy' },
  paste: { zh: '粘贴', en: 'Paste' },
  selectAll: { zh: '全选', en: 'Select all' },
  view: { zh: '视图(&V)', en: '&View' },
  zoomIn: { zh: '放大', en: 'Zoom in' },
  zoomOut: { zh: '缩小', en: 'Zoom out' },
  resetZoom: { zh: '实际大小', en: 'Actual size' },
  fullScreen: { zh: '全屏', en: 'Full screen' },
  devTools: { zh: '开发者工具', en: 'Developer tools' },
  window: { zh: '窗口(&W)', en: '&Window' },
  minimize: { zh: '最小化', en: 'Minimize' },
  close: { zh: '关闭窗口', en: 'Close window' },
  help: { zh: '帮助(&H)', en: '&Help' },
  about: { zh: '关于指标工作台', en: 'About Indicator Workbench' },
} satisfies Record<string, Bilingual>;

export const MAX_RECENT_IN_MENU = 10;

/** `&` marks a mnemonic in Electron labels: a file name's own `&` is doubled. */
function escapeMnemonic(text: string): string {
  return text.replace(/&/g, '&&');
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/**
 * The application menu in the window's language, with the usual shortcuts
 * (CmdOrCtrl is Ctrl on Windows and Linux). Developer tools only in an
 * unpackaged run.
 */
export function buildApplicationMenu(locale: MenuLocale, options: { recent: readonly RecentEntry[]; packaged: boolean }): MenuItemSpec[] {
  const say = (label: Bilingual) => (locale === 'zh-CN' ? label.zh : label.en);
  const recent = options.recent.slice(0, MAX_RECENT_IN_MENU);
  const recentItems: MenuItemSpec[] =
    recent.length === 0
      ? [{ label: say(LABELS.noRecent), enabled: false }]
      : recent.map((entry, index) => ({
          label: `${index + 1 < 10 ? `&${index + 1} ` : ''}${escapeMnemonic(entry.title ? `${entry.title} — ${fileName(entry.path)}` : fileName(entry.path))}`,
          command: 'notebook.openPath',
          path: entry.path,
        }));
  return [
    {
      label: say(LABELS.file),
      submenu: [
        { label: say(LABELS.newNotebook), accelerator: 'CmdOrCtrl+N', command: 'notebook.new', id: 'notebook.new' },
        { label: say(LABELS.openNotebook), accelerator: 'CmdOrCtrl+O', command: 'notebook.open', id: 'notebook.open' },
        { label: say(LABELS.recent), submenu: recentItems },
        { type: 'separator' },
        { label: say(LABELS.save), accelerator: 'CmdOrCtrl+S', command: 'notebook.save', id: 'notebook.save' },
        { label: say(LABELS.saveAs), accelerator: 'CmdOrCtrl+Shift+S', command: 'notebook.saveAs', id: 'notebook.saveAs' },
        { type: 'separator' },
        { label: say(LABELS.importData), accelerator: 'CmdOrCtrl+I', command: 'data.import', id: 'data.import' },
        { label: say(LABELS.printBriefing), accelerator: 'CmdOrCtrl+P', command: 'briefing.pdf', id: 'briefing.pdf' },
        { type: 'separator' },
        { label: say(LABELS.quit), accelerator: 'CmdOrCtrl+Q', role: 'quit' },
      ],
    },
    {
      label: say(LABELS.edit),
      submenu: [
        { label: say(LABELS.undo), accelerator: 'CmdOrCtrl+Z', role: 'undo' },
        { label: say(LABELS.redo), accelerator: 'CmdOrCtrl+Y', role: 'redo' },
        { type: 'separator' },
        { label: say(LABELS.cut), accelerator: 'CmdOrCtrl+X', role: 'cut' },
        { label: say(LABELS.copy), accelerator: 'CmdOrCtrl+C', role: 'copy' },
        { label: say(LABELS.paste), accelerator: 'CmdOrCtrl+V', role: 'paste' },
        { label: say(LABELS.selectAll), accelerator: 'CmdOrCtrl+A', role: 'selectAll' },
      ],
    },
    {
      label: say(LABELS.view),
      submenu: [
        { label: say(LABELS.zoomIn), accelerator: 'CmdOrCtrl+=', role: 'zoomIn' },
        { label: say(LABELS.zoomOut), accelerator: 'CmdOrCtrl+-', role: 'zoomOut' },
        { label: say(LABELS.resetZoom), accelerator: 'CmdOrCtrl+0', role: 'resetZoom' },
        { type: 'separator' },
        { label: say(LABELS.fullScreen), accelerator: 'F11', role: 'togglefullscreen' },
        ...(options.packaged ? [] : [{ label: say(LABELS.devTools), accelerator: 'CmdOrCtrl+Shift+I', role: 'toggleDevTools' } as const]),
      ],
    },
    {
      label: say(LABELS.window),
      submenu: [
        { label: say(LABELS.minimize), accelerator: 'CmdOrCtrl+M', role: 'minimize' },
        { label: say(LABELS.close), accelerator: 'CmdOrCtrl+W', role: 'close' },
      ],
    },
    { label: say(LABELS.help), submenu: [{ label: say(LABELS.about), role: 'about' }] },
  ];
}
