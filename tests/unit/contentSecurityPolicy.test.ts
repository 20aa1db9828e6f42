import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '@shared/contract/contentSecurityPolicy';

describe('Content-Security-Policy', () => {
  const html = readFileSync(join(__dirname, '../../src-renderer/index.html'), 'utf8');
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];

  it('is the same in the Electron page (meta tag) and in browser mode (header)', () => {
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY_HEADER.startsWith(CONTENT_SECURITY_POLICY)).toBe(true);
  });

  it('allows nothing from the network and no eval', () => {
    for (const directive of CONTENT_SECURITY_POLICY.split('; ')) {
      expect(directive).not.toMatch(/https?:|\*|unsafe-eval|wasm-unsafe-eval/);
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});
