import * as z from 'zod/mini';
import { type FieldError, ValidationFailed } from '../domain/errors.ts';

const formatPath = (path: readonly PropertyKey[]): string => path.map(String).join('.');

/** Every zod issue as `{ path, message }`; each unknown key gets its own entry at its own path. */
export const fieldErrors = (error: z.core.$ZodError): FieldError[] =>
  error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'Okänt fält' }));
    }
    return [{ path: formatPath(issue.path), message: issue.message }];
  });

/** Validates one path or query parameter; a bad one is a 400 naming it. */
export const parseParam = <T>(schema: z.core.$ZodType<T>, name: string, value: unknown): T => {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  throw new ValidationFailed(result.error.issues.map((issue) => ({ path: name, message: issue.message })));
};

/** Validates the query string against a strict schema: unknown parameters are a 400 too. */
export const parseQuery = <S extends z.core.$ZodType>(
  schema: S,
  query: Record<string, string | undefined>,
): z.output<S> => {
  const result = z.safeParse(schema, query);
  if (result.success) return result.data;
  throw new ValidationFailed(fieldErrors(result.error));
};
