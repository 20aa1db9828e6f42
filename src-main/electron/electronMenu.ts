import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommandEvent } from '@shared/contract/workbenchContract';
import type { MenuItemSpec } from '../desktop/applicationMenu';

/** Turns the plain menu spec (src-main/desktop/applicationMenu.ts) into Electron's menu and installs it. */
export function installApplicationMenu(spec: MenuItemSpec[], onCommand: (event: MenuCommandEvent) => void): void {
  const toElectron = (item: MenuItemSpec): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    const options: MenuItemConstructorOptions = { label: item.label };
    if (item.id) options.id = item.id;
    if (item.accelerator) options.accelerator = item.accelerator;
    if (item.role) options.role = item.role;
    if (item.enabled === false) options.enabled = false;
    if (item.submenu) options.submenu = item.submenu.map(toElectron);
    const command = item.command;
    if (command) options.click = () => onCommand({ command, path: item.path ?? null });
    return options;
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(spec.map(toElectron)));
}
