import { z } from 'zod';

/**
 * Zod settings for every runtime, imported before any schema is built.
 * Jitless: zod would otherwise probe `new Function` to compile fast parsers,
 * which the renderer's CSP refuses and reports as a `script-src eval`
 * violation; without the probe, a CSP report means a real problem.
 */
z.config({ jitless: true });
