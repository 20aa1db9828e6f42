import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetsDirectory } from '../datasets/datasetsDirectory';
import { samplesDirectory } from '../notebook/notebookFolders';
import { defaultDataDirectory, resolveWorkspace } from '../workspace/workspaceLocation';
import { findResource, resourceCandidates, type ResourceLayout } from './bundledResources';
import { rendererDirectory } from './rendererDirectory';

const { join } = nodePath;
const scratch = mkdtempSync(join(tmpdir(), 'iwb-resources-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Lays out what electron-builder produces (resources/app.asar/out/…, resources/datasets, resources/queries) under `installDirectory`. */
function packagedApp(installDirectory: string): ResourceLayout {
  const resources = join(installDirectory, 'resources');
  // app.asar is an archive in a real install; Electron's fs shows it as a folder, which is what the lookup sees.
  for (const folder of ['app.asar/out/main', 'app.asar/out/renderer', 'app.asar.unpacked/node_modules/@duckdb', 'datasets', 'queries']) mkdirSync(join(resources, folder), { recursive: true });
  writeFileSync(join(resources, 'app.asar/out/renderer/index.html'), '<!doctype html>');
  writeFileSync(join(resources, 'datasets/manifest.json'), '{}');
  writeFileSync(join(resources, 'queries/00-targets-overview.iwb.md'), '# 目标');
  return { moduleDirectory: join(resources, 'app.asar/out/main'), resourcesPath: resources, path: nodePath };
}

describe.each([
  ['a deb install', '/opt/指标工作台'],
  ['an install under a folder with spaces and Chinese characters', '用户 文件/指标工作台 Indicator Workbench'],
  ['a mounted AppImage', '.mount_指标工作台 x1'],
])('resource lookup in %s', (_name, location) => {
  const install = join(scratch, location);
  const layout = packagedApp(install);
  const resources = join(install, 'resources');

  it('finds the UI inside app.asar and the datasets and samples in resources/', () => {
    expect(rendererDirectory(layout)).toBe(join(resources, 'app.asar/out/renderer'));
    expect(datasetsDirectory(undefined, layout)).toBe(join(resources, 'datasets'));
    expect(samplesDirectory(layout)).toBe(join(resources, 'queries'));
  });

  it('lets IWB_DATASETS_DIR win only where it holds a manifest', () => {
    const elsewhere = join(scratch, '别处 数据');
    mkdirSync(elsewhere, { recursive: true });
    expect(datasetsDirectory(elsewhere, layout)).toBe(join(resources, 'datasets'));
    writeFileSync(join(elsewhere, 'manifest.json'), '{}');
    expect(datasetsDirectory(elsewhere, layout)).toBe(elsewhere);
    rmSync(join(elsewhere, 'manifest.json'));
  });
});

describe('resource lookup when something is missing', () => {
  it('names every folder it looked in', () => {
    const layout: ResourceLayout = { moduleDirectory: join(scratch, '空的 安装/resources/app.asar/out/main'), resourcesPath: join(scratch, '空的 安装/resources'), path: nodePath };
    expect(() => datasetsDirectory(undefined, layout)).toThrow(`no manifest.json in ${join(scratch, '空的 安装/resources/app.asar/datasets')} or ${join(scratch, '空的 安装/resources/datasets')}`);
    expect(() => rendererDirectory(layout)).toThrow(`no index.html in ${join(scratch, '空的 安装/resources/app.asar/out/renderer')}`);
    expect(samplesDirectory(layout)).toBeNull();
  });

  it('from a checkout, finds the repository’s own folders', () => {
    const layout: ResourceLayout = { moduleDirectory: __dirname, path: nodePath };
    const root = join(__dirname, '../..');
    expect(findResource('datasets', layout).found).toBe(join(root, 'datasets'));
    expect(findResource('queries', layout).found).toBe(join(root, 'queries'));
  });
});

describe('Windows rules (path.win32)', () => {
  const install = 'C:\\Users\\张 三\\AppData\\Local\\Programs\\指标工作台';
  const layout: ResourceLayout = { moduleDirectory: `${install}\\resources\\app.asar\\out\\main`, resourcesPath: `${install}\\resources`, path: nodePath.win32 };
  const files = new Set([`${install}\\resources\\app.asar\\out\\renderer\\index.html`, `${install}\\resources\\datasets\\manifest.json`, `${install}\\resources\\queries`]);

  it('looks in the per-user NSIS install folder with backslashes', () => {
    expect(resourceCandidates('datasets', layout)).toEqual([`${install}\\resources\\app.asar\\datasets`, `${install}\\resources\\datasets`, `${install}\\resources\\datasets`]);
    expect(findResource('renderer', layout, (path) => files.has(path)).found).toBe(`${install}\\resources\\app.asar\\out\\renderer`);
    expect(findResource('datasets', layout, (path) => files.has(path)).found).toBe(`${install}\\resources\\datasets`);
    expect(findResource('queries', layout, (path) => files.has(path)).found).toBe(`${install}\\resources\\queries`);
  });

  it('keeps the workspace under %APPDATA%, or the roaming folder of the profile without it', () => {
    expect(defaultDataDirectory({ APPDATA: 'C:\\Users\\张 三\\AppData\\Roaming' }, 'win32', 'C:\\Users\\张 三')).toBe('C:\\Users\\张 三\\AppData\\Roaming\\IndicatorWorkbench');
    expect(defaultDataDirectory({}, 'win32', 'C:\\Users\\张 三')).toBe('C:\\Users\\张 三\\AppData\\Roaming\\IndicatorWorkbench');
    expect(resolveWorkspace(undefined, { APPDATA: 'D:\\漫游 配置' }, 'win32')).toEqual({ directory: 'D:\\漫游 配置\\IndicatorWorkbench\\workspace', databaseFile: 'D:\\漫游 配置\\IndicatorWorkbench\\workspace\\workspace.duckdb' });
  });

  it('takes --workspace as a Windows path, with either slash', () => {
    expect(resolveWorkspace('D:/数据/我的 工作区', {}, 'win32')).toEqual({ directory: 'D:\\数据\\我的 工作区', databaseFile: 'D:\\数据\\我的 工作区\\workspace.duckdb' });
    expect(resolveWorkspace('D:\\数据\\规划.DUCKDB', {}, 'win32')).toEqual({ directory: 'D:\\数据\\规划.DUCKDB.files', databaseFile: 'D:\\数据\\规划.DUCKDB' });
  });
});
