/** A named refusal of a command: a value the decider returns, mapped to HTTP/NATS once in the shell. */
export interface Rejection<Code extends string = string> {
  readonly kind: 'rejection';
  readonly code: Code;
  /** Vietnamese first, English second: partner organisations read these. */
  readonly message: { readonly vi: string; readonly en: string };
  /** JSON pointer-ish path of the input field at fault, when there is one. */
  readonly field?: string;
  /**
   * Set when the command contradicts what is already recorded (the same merchant registered with
   * another name, say): what is recorded, for the caller to see (HTTP 409, not 422).
   */
  readonly recorded?: unknown;
}

export function reject<Code extends string>(
  code: Code,
  message: { vi: string; en: string },
  field?: string,
): Rejection<Code> {
  return field === undefined
    ? { kind: 'rejection', code, message }
    : { kind: 'rejection', code, message, field };
}

/** A command that contradicts what is recorded: answered 409 with `recorded`, never silently dropped. */
export function conflict<Code extends string>(
  code: Code,
  message: { vi: string; en: string },
  recorded: unknown,
): Rejection<Code> {
  return { kind: 'rejection', code, message, recorded };
}

export function isRejection(value: unknown): value is Rejection {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'rejection';
}
