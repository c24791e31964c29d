import * as z from 'zod/mini';

// Zod compiles fast object parsers with `new Function` when it may; the page's CSP has no
// 'unsafe-eval', and even the probe would be reported as a violation. Imported first by main.ts,
// before any schema is built (schemas decide at construction).
z.config({ jitless: true });
