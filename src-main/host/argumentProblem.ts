import { z } from 'zod';
import { bilingual, errorText, type Bilingual, type ErrorParams, type ErrorTextCode } from '@shared/contract/errorTexts';

/**
 * What is wrong with a call's argument, in both languages, from zod's issues:
 * the field's path and the kind of problem (missing, wrong type, too long,
 * not one of …) from the catalog, never zod's own English. Where the
 * contract gives a field a hint of its own (`.min(1949, 'must be 1949 or
 * later')`, written in English), the English text is that hint and the
 * Chinese the catalog's phrase. At most five issues are named. Parse with
 * `reportInput: true` so a hint can be told from zod's default text.
 */
export function argumentProblem(error: z.ZodError, input: unknown): Bilingual {
  return joined(
    error.issues.slice(0, 5).map((issue) => {
      const phrase = issuePhrase(issue, input);
      return hasOwnHint(issue) ? { en: `${pathText(issue, 'en')} ${issue.message}`, zh: phrase.zh } : phrase;
    }),
  );
}

const zodEnglish = z.locales.en().localeError;

/** The issue's message is the schema's own, not zod's default one for its kind. */
function hasOwnHint(issue: z.core.$ZodIssue): boolean {
  const standard = zodEnglish(issue as unknown as Parameters<typeof zodEnglish>[0]);
  return (typeof standard === 'string' ? standard : standard?.message) !== issue.message;
}

function pathText(issue: z.core.$ZodIssue, language: keyof Bilingual): string {
  return issue.path.length > 0 ? issue.path.map(String).join('.') : ARGUMENT[language];
}

/** An argument that is null: a wrong type at the top. */
export function nullArgumentProblem(): Bilingual {
  return phrase('call-argument-type', { path: ARGUMENT, expected: typeName('object'), received: typeName('null') });
}

/** A key such as `__proto__` anywhere in the argument. */
export function prototypeKeyProblem(path: string): Bilingual {
  return phrase('call-argument-prototype-key', { path });
}

const ARGUMENT = bilingual('(argument)', '参数本身');

const TYPE_NAMES: Record<string, Bilingual> = {
  string: bilingual('text', '文本'),
  number: bilingual('a number', '数字'),
  int: bilingual('a whole number', '整数'),
  boolean: bilingual('true or false', 'true 或 false'),
  object: bilingual('an object', '对象'),
  array: bilingual('a list', '列表'),
  null: bilingual('null', 'null'),
  undefined: bilingual('nothing', '空'),
};

function typeName(name: string): Bilingual {
  return TYPE_NAMES[name] ?? bilingual(name, name);
}

function phrase(text: ErrorTextCode, params: ErrorParams): Bilingual {
  return { en: errorText(text, params, 'en'), zh: errorText(text, params, 'zh') };
}

function joined(phrases: Bilingual[]): Bilingual {
  return { en: phrases.map((item) => item.en).join('; '), zh: phrases.map((item) => item.zh).join('；') };
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function issuePhrase(issue: z.core.$ZodIssue, input: unknown): Bilingual {
  const path: ErrorParams['path'] = issue.path.length > 0 ? pathText(issue, 'en') : ARGUMENT;
  switch (issue.code) {
    case 'invalid_type': {
      const value = valueAt(input, issue.path);
      if (value === undefined) return phrase('call-argument-missing', { path });
      return phrase('call-argument-type', { path, expected: typeName(issue.expected), received: typeName(kindOf(value)) });
    }
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'string') return minimum <= 1 ? phrase('call-argument-empty', { path }) : phrase('call-argument-too-short', { path, minimum });
      if (issue.origin === 'array' || issue.origin === 'set') return phrase('call-argument-too-few', { path, minimum });
      return phrase(issue.inclusive === false ? 'call-argument-not-above' : 'call-argument-below', { path, minimum });
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'string') return phrase('call-argument-too-long', { path, maximum });
      if (issue.origin === 'array' || issue.origin === 'set') return phrase('call-argument-too-many', { path, maximum });
      return phrase(issue.inclusive === false ? 'call-argument-not-below' : 'call-argument-above', { path, maximum });
    }
    case 'invalid_value':
      return phrase('call-argument-one-of', { path, values: issue.values.map((value) => JSON.stringify(value)).join(', ') });
    case 'unrecognized_keys':
      return phrase('call-argument-unknown-keys', { path, keys: issue.keys.map((key) => JSON.stringify(key)).join(', ') });
    case 'invalid_format':
      return phrase('call-argument-format', { path });
    default:
      return phrase('call-argument-invalid', { path });
  }
}
