import * as z from 'zod/mini';
import sv from 'zod/v4/locales/sv.js';

// Field messages reach the Swedish form as they are, so zod speaks Swedish. Only this one locale
// is bundled: every schema module imports zod as `import * as z from 'zod/mini'` and never
// re-exports the namespace, so that bundlers can leave the rest of zod (and its other locales) out.
// zod/mini sets no locale of its own (classic zod falls back to English): this one is the only one.
z.config(sv());
