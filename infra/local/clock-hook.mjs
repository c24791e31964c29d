// A Node resolve hook (module.register) for `npm start`: whoever imports the system clock
// (shared/adapters/clock.ts) gets the local stack's fixable clock (infra/local/clock.ts) instead.
const SYSTEM_CLOCK = new URL('../../shared/adapters/clock.ts', import.meta.url).href;
const LOCAL_CLOCK = new URL('./clock.ts', import.meta.url).href;

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  return resolved.url === SYSTEM_CLOCK ? { ...resolved, url: LOCAL_CLOCK } : resolved;
}
