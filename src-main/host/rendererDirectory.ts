import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The built renderer (out/renderer), from the built main bundle or from source. */
export function rendererDirectory(): string {
  const candidates = [join(__dirname, '../renderer'), join(__dirname, '../../out/renderer')];
  const found = candidates.find((candidate) => existsSync(join(candidate, 'index.html')));
  if (!found) {
    throw new Error(`The UI has not been built (no index.html in ${candidates.join(' or ')}). Run \`npm run build\`.`);
  }
  return found;
}
