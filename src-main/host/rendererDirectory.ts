import { currentLayout, findResource, type ResourceLayout } from './bundledResources';

/** The built renderer (out/renderer), from the built main bundle, from source, or inside the packaged app. */
export function rendererDirectory(layout: ResourceLayout = currentLayout(__dirname)): string {
  const { found, tried } = findResource('renderer', layout);
  if (!found) {
    throw new Error(`The UI has not been built (no index.html in ${tried.join(' or ')}). Run \`npm run build\`.`);
  }
  return found;
}
