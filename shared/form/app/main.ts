// The form's entry point (bundled by infra/form-assets.ts). zod-setup must run before any schema
// module is evaluated, so it is imported first.
import './zod-setup.ts';
import { start } from './app.ts';

void start();
