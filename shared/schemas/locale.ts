import * as z from 'zod';
import sv from 'zod/v4/locales/sv.js';

// Field messages reach the Swedish form as they are, so zod speaks Swedish. Only this one locale
// is bundled: every schema module imports zod as `import * as z from 'zod'` and never re-exports
// the namespace, so that bundlers can leave the rest of zod (and its other locales) out.
z.config(sv());
