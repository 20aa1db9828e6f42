import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The committed icon files (made by scripts/packaging/makeIcons.mjs from
 * build/icon.svg): build/icon.ico for Windows and the build/icons/ set for
 * Linux. The ICO holds PNG images (valid since Windows Vista).
 */

const root = resolve(__dirname, '../..');
const require = createRequire(import.meta.url);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, which must come first. */
function pngSize(png: Buffer, where: string): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE), `${where}: PNG signature`).toBe(true);
  expect(png.toString('latin1', 12, 16), `${where}: first chunk`).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

interface IcoEntry {
  width: number;
  height: number;
  png: Buffer;
}

function parseIco(ico: Buffer): { reserved: number; type: number; entries: IcoEntry[] } {
  const count = ico.readUInt16LE(4);
  const entries: IcoEntry[] = [];
  for (let index = 0; index < count; index++) {
    const entry = 6 + 16 * index;
    const bytes = ico.readUInt32LE(entry + 8);
    const offset = ico.readUInt32LE(entry + 12);
    expect(offset + bytes, `entry ${index} lies inside the file`).toBeLessThanOrEqual(ico.length);
    entries.push({
      width: ico.readUInt8(entry) || 256,
      height: ico.readUInt8(entry + 1) || 256,
      png: ico.subarray(offset, offset + bytes),
    });
  }
  return { reserved: ico.readUInt16LE(0), type: ico.readUInt16LE(2), entries };
}

describe('app icon files', () => {
  it('build/icon.ico is an icon container of PNG images whose sizes match their entries', () => {
    const ico = parseIco(readFileSync(join(root, 'build/icon.ico')));
    expect(ico.reserved).toBe(0);
    expect(ico.type).toBe(1);
    for (const [index, entry] of ico.entries.entries()) {
      expect(pngSize(entry.png, `icon.ico entry ${index}`)).toEqual({ width: entry.width, height: entry.height });
    }
    const sizes = ico.entries.map((entry) => entry.width);
    expect(new Set(sizes).size).toBe(sizes.length);
    for (const size of [16, 32, 48, 256]) expect(sizes).toContain(size);
  });

  it('build/icons/ holds <size>x<size>.png files of exactly that size, from 16 to 512 px', () => {
    const names = readdirSync(join(root, 'build/icons'));
    const sizes: number[] = [];
    for (const name of names) {
      const match = /^(\d+)x(\d+)\.png$/.exec(name);
      expect(match, `build/icons/${name} is named <size>x<size>.png`).not.toBeNull();
      const [width, height] = [Number(match![1]), Number(match![2])];
      expect(pngSize(readFileSync(join(root, 'build/icons', name)), name)).toEqual({ width, height });
      sizes.push(width);
    }
    for (const size of [16, 32, 48, 256, 512]) expect(sizes).toContain(size);
    expect(pngSize(readFileSync(join(root, 'build/icon.png')), 'build/icon.png')).toEqual({ width: 512, height: 512 });
  });
});

describe('the icon in a Windows executable', () => {
  // Any PE file with resources will do as a stand-in for electron.exe (not installed here).
  const stub = join(root, 'node_modules/electron-winstaller/vendor/StubExecutable.exe');

  it.skipIf(!existsSync(stub))('goes in with electron-builder’s own resource editor, every size as a PNG', async () => {
    const { editWindowsResources } = require('app-builder-lib/out/util/resEdit') as {
      editWindowsResources(options: { file: string; versionStrings: Record<string, string>; fileVersion: string; productVersion: string; iconPath: string }): Promise<void>;
    };
    const resedit = require('resedit') as {
      NtExecutable: { from(bin: Buffer): unknown };
      NtExecutableResource: { from(executable: unknown): { entries: { type: number; id: number | string; bin: ArrayBuffer }[] } };
      Resource: { IconGroupEntry: { fromEntries(entries: unknown[]): { id: number | string; icons: { width: number; height: number; iconID: number }[] }[] } };
    };
    const directory = mkdtempSync(join(tmpdir(), 'iwb-icon-'));
    try {
      const exe = join(directory, 'indicator-workbench.exe');
      copyFileSync(stub, exe);
      await editWindowsResources({ file: exe, versionStrings: { ProductName: '指标工作台' }, fileVersion: '0.1.0', productVersion: '0.1.0.0', iconPath: join(root, 'build/icon.ico') });
      const resources = resedit.NtExecutableResource.from(resedit.NtExecutable.from(readFileSync(exe)));
      const group = resedit.Resource.IconGroupEntry.fromEntries(resources.entries).find((entry) => entry.id === 1);
      expect(group?.icons.map((icon) => icon.width || 256)).toEqual([16, 24, 32, 48, 64, 128, 256]);
      for (const icon of group!.icons) {
        const image = resources.entries.find((entry) => entry.type === 3 && entry.id === icon.iconID);
        expect(pngSize(Buffer.from(image!.bin), `icon ${icon.iconID}`).width).toBe(icon.width || 256);
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('electron-builder’s icon resolver', () => {
  const { convertIcon } = require('app-builder-lib/out/util/iconConverter') as {
    convertIcon(options: { sources: string[]; fallbackSources: string[]; roots: string[]; format: 'set' | 'ico'; outDir: string }): Promise<{ icons: { file: string; size: number }[]; isFallback: boolean; error?: string }>;
  };
  const roots = [join(root, 'build'), root];

  it('takes build/icons as the Linux icon set, every size, not Electron’s fallback icon', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'iwb-icon-set-'));
    try {
      const result = await convertIcon({ sources: ['build/icons'], fallbackSources: [], roots, format: 'set', outDir });
      expect(result.isFallback).toBe(false);
      expect(result.icons.map((icon) => icon.size)).toEqual([16, 24, 32, 48, 64, 128, 256, 512]);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('takes build/icon.ico as the Windows icon as it is (256 px, no conversion)', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'iwb-icon-ico-'));
    try {
      const result = await convertIcon({ sources: ['build/icon.ico'], fallbackSources: [], roots, format: 'ico', outDir });
      expect(result).toMatchObject({ isFallback: false, icons: [{ file: join(root, 'build/icon.ico'), size: 256 }] });
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
