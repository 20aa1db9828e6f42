// Renders build/icon.svg into the icon files electron-builder uses
// (docs/packaging.md, "The icon"):
//   build/icons/<size>x<size>.png  Linux icon set (linux.icon: 'build/icons')
//   build/icon.ico                 Windows, PNG entries 16…256 (win.icon)
//   build/icon.png                 512 px
// Run: node scripts/packaging/makeIcons.mjs   (uses /usr/bin/chromium through
// playwright-core; set IWB_CHROMIUM to use another Chromium). The outputs are
// committed; rerun this only after editing the SVG.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const buildDir = join(root, 'build');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

/** ICONDIR (6 bytes) + one 16-byte ICONDIRENTRY per image, then the PNGs. */
export function icoFromPngs(images) {
  const headerSize = 6 + 16 * images.length;
  const header = Buffer.alloc(headerSize);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = headerSize;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3); // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

async function renderPngs(svg, sizes) {
  const browser = await chromium.launch({ executablePath: process.env.IWB_CHROMIUM ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const pngs = new Map();
    for (const size of sizes) {
      await page.setViewportSize({ width: size, height: size });
      const sized = svg.replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`,
      );
      const png = await page.locator('svg').screenshot({ omitBackground: true, animations: 'disabled' });
      pngs.set(size, png);
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

async function main() {
  const svg = readFileSync(join(buildDir, 'icon.svg'), 'utf8');
  if (!/width="\d+" height="\d+"/.test(svg)) throw new Error('build/icon.svg: the <svg> element needs width="N" height="N"');
  const pngs = await renderPngs(svg, LINUX_SIZES);
  mkdirSync(join(buildDir, 'icons'), { recursive: true });
  for (const size of LINUX_SIZES) writeFileSync(join(buildDir, 'icons', `${size}x${size}.png`), pngs.get(size));
  writeFileSync(join(buildDir, 'icon.png'), pngs.get(512));
  writeFileSync(join(buildDir, 'icon.ico'), icoFromPngs(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))));
  console.log(`wrote build/icons/{${LINUX_SIZES.map((s) => `${s}x${s}`).join(',')}}.png, build/icon.png, build/icon.ico`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
