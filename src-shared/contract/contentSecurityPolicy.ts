/**
 * The renderer's Content-Security-Policy: everything from the app itself,
 * nothing from the network, no eval, no plugins, no framing. Served as a header in browser
 * mode and set as a meta tag in index.html for the Electron window; a test
 * keeps the two identical. Inline styles are allowed because Plotly and
 * CodeMirror set style attributes on the elements they draw.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** As a response header the policy can also forbid framing (ignored in a meta tag). */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;
