import * as z from 'zod';
import sv from 'zod/v4/locales/sv.js';

// Field messages reach the Swedish form as they are, so zod speaks Swedish. Only this one locale
// is bundled (`import { z }` would drag in every locale).
z.config(sv());

export { z };
