/**
 * Subject scheme (docs/decisions/0001-event-store-on-jetstream.md):
 *
 *   <prefix>.<commune>.<context>.<aggregateType>.<aggregateId>
 *   cnscd.evt.99001.outreach.visit.7b0e…
 *
 * The commune comes first so a commune's whole history is one filter (`cnscd.evt.99001.>`),
 * and NATS permissions can later be granted per commune and per bounded context.
 */
export interface StreamRef {
  /** Commune (xã) code: the tenant. */
  readonly commune: string;
  /** Bounded context, the owning service: outreach, merchants, training, indicators. */
  readonly context: string;
  /** Aggregate type in kebab-case: visit, household, resident. */
  readonly aggregateType: string;
  readonly aggregateId: string;
}

export interface StreamFilter {
  readonly commune?: string;
  readonly context?: string;
  readonly aggregateType?: string;
}

export const DEFAULT_SUBJECT_PREFIX = 'cnscd.evt';

const COMMUNE = /^[0-9]{5}$/;
const NAME = /^[a-z][a-z0-9-]{0,39}$/;
const ID = /^[A-Za-z0-9_-]{1,128}$/;

export class InvalidStreamRefError extends Error {
  constructor(
    readonly part: keyof StreamRef,
    value: string,
  ) {
    super(`Invalid ${part} for an event stream: ${JSON.stringify(value.slice(0, 64))}`);
    this.name = 'InvalidStreamRefError';
  }
}

export function validateStreamRef(ref: StreamRef): StreamRef {
  if (!COMMUNE.test(ref.commune)) throw new InvalidStreamRefError('commune', ref.commune);
  if (!NAME.test(ref.context)) throw new InvalidStreamRefError('context', ref.context);
  if (!NAME.test(ref.aggregateType)) throw new InvalidStreamRefError('aggregateType', ref.aggregateType);
  if (!ID.test(ref.aggregateId)) throw new InvalidStreamRefError('aggregateId', ref.aggregateId);
  return ref;
}

export const isCommuneCode = (value: string): boolean => COMMUNE.test(value);

export function subjectOf(ref: StreamRef, prefix = DEFAULT_SUBJECT_PREFIX): string {
  validateStreamRef(ref);
  return `${prefix}.${ref.commune}.${ref.context}.${ref.aggregateType}.${ref.aggregateId}`;
}

/**
 * The subject filter for a stream filter. Trailing wildcards collapse into `>` (`cnscd.evt.99001.>`),
 * which the server matches much faster than a run of `*` tokens.
 */
export function filterSubject(filter: StreamFilter = {}, prefix = DEFAULT_SUBJECT_PREFIX): string {
  if (filter.commune !== undefined && !COMMUNE.test(filter.commune))
    throw new InvalidStreamRefError('commune', filter.commune);
  for (const part of ['context', 'aggregateType'] as const) {
    const value = filter[part];
    if (value !== undefined && !NAME.test(value)) throw new InvalidStreamRefError(part, value);
  }
  const tokens = [filter.commune, filter.context, filter.aggregateType].map((t) => t ?? '*');
  while (tokens.at(-1) === '*') tokens.pop();
  return [prefix, ...tokens, '>'].join('.');
}

export function streamRefOf(subject: string, prefix = DEFAULT_SUBJECT_PREFIX): StreamRef {
  const a = prefix.length + 1;
  const b = subject.indexOf('.', a);
  const c = subject.indexOf('.', b + 1);
  const d = subject.indexOf('.', c + 1);
  if (
    !subject.startsWith(prefix) ||
    subject[prefix.length] !== '.' ||
    b < 0 ||
    c < 0 ||
    d < 0 ||
    subject.indexOf('.', d + 1) >= 0
  ) {
    throw new Error(`Subject ${subject} is not an event subject under ${prefix}`);
  }
  return {
    commune: subject.slice(a, b),
    context: subject.slice(b + 1, c),
    aggregateType: subject.slice(c + 1, d),
    aggregateId: subject.slice(d + 1),
  };
}

/**
 * Whether a subject falls under a stream filter exactly as the server's `filterSubject` would decide
 * (`*` one token, a last `>` one or more), checked in the client when the server reads unfiltered
 * (`ordered-reader.ts`). A malformed subject the filter covers still reaches the reader, to be parked.
 */
export function subjectMatcher(
  filter: StreamFilter = {},
  prefix = DEFAULT_SUBJECT_PREFIX,
): (subject: string) => boolean {
  const wanted = filterSubject(filter, prefix).split('.');
  const rest = wanted.pop(); // the last token is always '>'
  if (rest !== '>') throw new Error(`unexpected filter ${wanted.join('.')}.${rest}`);
  // Token by token without splitting: it runs for every message a reader is sent.
  return (subject) => {
    let from = 0;
    for (const w of wanted) {
      const end = subject.indexOf('.', from);
      if (end < 0) return false;
      if (w !== '*' && (end - from !== w.length || !subject.startsWith(w, from))) return false;
      from = end + 1;
    }
    return from < subject.length;
  };
}
