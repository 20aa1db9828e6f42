import type { z } from 'zod';
import { bilingual, errorText, type Bilingual, type ErrorParams, type ErrorTextCode } from '@shared/contract/errorTexts';

/**
 * What is wrong with a call's argument, in both languages, from zod's issues:
 * the field's path and the kind of problem (missing, wrong type, too long,
 * not one of …), never zod's English text. At most five issues are named.
 */
export function argumentProblem(error: z.ZodError, input: unknown): Bilingual {
  return joined(error.issues.slice(0, 5).map((issue) => issuePhrase(issue, input)));
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
  const path: ErrorParams['path'] = issue.path.length > 0 ? issue.path.map(String).join('.') : ARGUMENT;
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
