import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, isAllowedRequest, isAppOrigin, isTrustedSenderFrame } from './appOrigin';

describe('IPC sender validation', () => {
  it('trusts only the top frame showing the app’s own page', () => {
    expect(isTrustedSenderFrame({ url: 'app://renderer/index.html', isTopFrame: true })).toBe(true);
    expect(isTrustedSenderFrame({ url: 'app://renderer/index.html#/notebook', isTopFrame: true })).toBe(true);
    expect(isTrustedSenderFrame({ url: 'app://renderer/index.html', isTopFrame: false })).toBe(false);
    expect(isTrustedSenderFrame({ url: 'app://renderer/render.html', isTopFrame: true })).toBe(false);
    expect(isTrustedSenderFrame(null)).toBe(false);
  });

  it('refuses look-alike origins', () => {
    for (const url of [
      'app://renderer.evil/index.html',
      'app://user:pw@renderer/index.html',
      'app://evil/index.html',
      'file:///C:/app/index.html',
      'http://127.0.0.1:5173/index.html',
      'https://renderer/index.html',
      'not a url',
      '',
    ]) {
      expect(isTrustedSenderFrame({ url, isTopFrame: true }), url).toBe(false);
    }
    expect(isAppOrigin('app://renderer/assets/x.js')).toBe(true);
    expect(isAppOrigin(undefined)).toBe(false);
  });
});

describe('navigation and requests', () => {
  it('lets the window go only to its own page', () => {
    expect(isAllowedNavigation('app://renderer/index.html#top')).toBe(true);
    expect(isAllowedNavigation('app://renderer/assets/index.js')).toBe(false);
    expect(isAllowedNavigation('https://example.com/')).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)')).toBe(false);
  });

  it('lets through only the app’s own files and in-page data', () => {
    expect(isAllowedRequest('app://renderer/assets/noto-sans-sc-100-400-normal.woff2')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequest('blob:app://renderer/6a1c')).toBe(true);
    expect(isAllowedRequest('blob:https://evil.example/6a1c')).toBe(false);
    expect(isAllowedRequest('https://cdn.example.com/plotly.js')).toBe(false);
    expect(isAllowedRequest('file:///etc/passwd')).toBe(false);
  });
});
