import { describe, expect, it } from 'vitest';
import { CALL_BODY_LIMITS, CALL_ENVELOPE_BYTES, callBodyLimit } from './callBodyLimits';
import { methodNames } from './contractKit';
import { workbenchContract } from './workbenchContract';

describe('call body limits', () => {
  it('name only methods that exist', () => {
    const methods = new Set(methodNames(workbenchContract));
    expect(Object.keys(CALL_BODY_LIMITS).filter((name) => name !== '*' && !methods.has(name))).toEqual([]);
  });

  it('give any other method the envelope alone', () => {
    expect(callBodyLimit('app.info')).toBe(CALL_ENVELOPE_BYTES);
    expect(callBodyLimit('charts.exportAll')).toBe(16 * 1024 * 1024);
    expect(callBodyLimit('x.y', { '*': 5 })).toBe(5);
  });
});
