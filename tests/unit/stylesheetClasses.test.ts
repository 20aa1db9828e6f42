import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const STYLES = resolve(__dirname, '../../src-renderer/styles');

/** Every selector of every rule in `css`, comments removed, as written (`.a .b`, `.a:hover`). */
function selectorsOf(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const selectors: string[] = [];
  for (const match of text.matchAll(/(^|[{}])\s*([^{}@]+?)\s*\{/g)) {
    for (const selector of match[2]!.split(',')) selectors.push(selector.trim().replace(/\s+/g, ' '));
  }
  return selectors;
}

describe('stylesheets', () => {
  it('define each class selector in one file only', () => {
    // Two files that style the same class both apply to every element with it: the Export dialog's
    // `.form-grid` was laid out by the data sources form's rules until this test (stop 24).
    const files = new Map<string, string[]>();
    for (const name of readdirSync(STYLES).filter((file) => file.endsWith('.css'))) {
      for (const selector of new Set(selectorsOf(readFileSync(join(STYLES, name), 'utf8')))) {
        if (selector.startsWith('.')) files.set(selector, [...(files.get(selector) ?? []), name]);
      }
    }
    expect([...files].filter(([, names]) => names.length > 1).map(([selector, names]) => `${selector}: ${names.join(', ')}`)).toEqual([]);
  });
});
