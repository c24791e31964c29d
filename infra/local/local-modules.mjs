// Modules the local stack swaps for its own when they are resolved, so that deployed code carries
// no local hook: a Node resolve hook (module.register) for `npm start`, and the same map for the
// vitest plugin in vitest.config.ts.
//   the system clock          → a clock that PUT /local/clock (and tests) can fix;
//   the form's inlined script → the script bundled on the spot;
//   the inlined OpenAPI document → the document built on the spot.
export const LOCAL_MODULES = new Map([
  [
    new URL('../../shared/adapters/clock.ts', import.meta.url).href,
    new URL('./clock.ts', import.meta.url).href,
  ],
  [
    new URL('../../shared/form/script.ts', import.meta.url).href,
    new URL('./form-script.ts', import.meta.url).href,
  ],
  [
    new URL('../../shared/openapi/prebuilt.ts', import.meta.url).href,
    new URL('./openapi-document.ts', import.meta.url).href,
  ],
]);

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const local = LOCAL_MODULES.get(resolved.url);
  return local ? { ...resolved, url: local } : resolved;
}
