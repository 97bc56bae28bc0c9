import { z } from 'zod';
import { InputValidationError, type FieldError } from './problem-details';

const vi = z.locales.vi().localeError;
const en = z.locales.en().localeError;
const text = (m: ReturnType<typeof vi>) => (typeof m === 'string' ? m : (m?.message ?? ''));

/** Zod's own messages, Vietnamese then English, for every issue a schema does not word itself. */
const bilingual: z.core.$ZodErrorMap = (issue) => `${text(vi(issue))} / ${text(en(issue))}`;

/** Validates input against a schema; on failure names each field at fault, never echoing its value. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value, { error: bilingual });
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    // An unexpected field is named by its own pointer: "#/cccd", not "#/".
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...at, k]) : [at];
    return paths.map((p) => ({ pointer: `#/${p.join('/')}`, detail: issue.message }));
  });
  throw new InputValidationError(errors);
}
