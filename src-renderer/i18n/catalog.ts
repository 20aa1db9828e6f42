import { coreMessages } from './messages/coreMessages';
import { datasetsMessages } from './messages/datasetsMessages';
import { sqlWorkbenchMessages } from './messages/sqlWorkbenchMessages';
import { notebookMessages } from './messages/notebookMessages';
import { targetsMessages } from './messages/targetsMessages';
import { chartsMessages } from './messages/chartsMessages';
import { importMessages } from './messages/importMessages';
import { historyGridMessages } from './messages/historyGridMessages';

/**
 * Every feature's strings, merged. A feature adds its bundle file under
 * messages/ and lists it here; keys are namespaced (`data.`, `target.`, ...).
 */
const bundles = [coreMessages, sqlWorkbenchMessages, notebookMessages, datasetsMessages, targetsMessages, chartsMessages, importMessages, historyGridMessages] as const;

type KeysOf<Bundle> = Bundle extends { zh: Record<infer Key, string> } ? Key : never;
export type MessageKey = KeysOf<(typeof bundles)[number]>;

function merge(language: 'zh' | 'en'): Record<MessageKey, string> {
  const merged: Record<string, string> = {};
  for (const bundle of bundles) {
    for (const [key, value] of Object.entries(bundle[language])) {
      if (Object.hasOwn(merged, key)) throw new Error(`Duplicate UI string key "${key}"`);
      merged[key] = value;
    }
  }
  return merged as Record<MessageKey, string>;
}

export const zhCatalog = merge('zh');
export const enCatalog = merge('en');
