/** Deployed module URL → the local stack's stand-in (see local-modules.mjs). */
export declare const LOCAL_MODULES: ReadonlyMap<string, string>;
export declare function resolve(
  specifier: string,
  context: unknown,
  next: (specifier: string, context: unknown) => Promise<{ url: string }>,
): Promise<{ url: string }>;
