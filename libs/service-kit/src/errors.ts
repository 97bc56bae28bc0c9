import type { Rejection } from '@cnscd/decider';

/** The errors the shell throws; `toProblem` (problem-details.ts) turns each into its answer. */
export interface FieldError {
  /** JSON pointer into the submitted document, e.g. `#/topics/0`; for a CSV file `#/line/<n>/column/<m>`. */
  readonly pointer: string;
  readonly detail: string;
  /** For a CSV file: the line (1 = the header) and the column (1-based). */
  readonly line?: number;
  readonly column?: number;
}

export class InputValidationError extends Error {
  constructor(readonly errors: readonly FieldError[]) {
    super(`Invalid input: ${errors.map((e) => e.pointer).join(', ')}`);
    this.name = 'InputValidationError';
  }
}

/** A write naming a village its commune has not registered, or not on the write's day (422). */
export class UnknownVillageError extends Error {
  constructor(readonly errors: readonly FieldError[]) {
    super(`Unknown village: ${errors.map((e) => e.pointer).join(', ')}`);
    this.name = 'UnknownVillageError';
  }
}

/** A CSV file that is not CSV at some point: the line (1 = the header) and column (1-based) where it breaks. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly why: string,
  ) {
    super(`CSV syntax error at line ${line}, column ${column}`);
    this.name = 'CsvSyntaxError';
  }
}

/** A request body that is not JSON (over NATS; Express answers HTTP's itself). */
export class MalformedRequestError extends Error {
  constructor() {
    super('The request body is not JSON');
    this.name = 'MalformedRequestError';
  }
}

export class AuthenticationError extends Error {
  /** Why, when telling the caller helps them act (refresh an expired token, ask for a new key). */
  constructor(
    message = 'Missing or unknown credential',
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

export class ForbiddenError extends Error {
  constructor(readonly needed: string) {
    super(`Credential lacks permission ${needed}`);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends Error {
  constructor(readonly what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

/** A request that cannot proceed in the resource's current state (a rebuild already running, say). */
export class ConflictError extends Error {
  constructor(
    readonly code: string,
    readonly title: string,
  ) {
    super(title);
    this.name = 'ConflictError';
  }
}

/** The deployment is not set up for this request (a commune without its secrets, say): operators must act. */
export class NotConfiguredError extends Error {
  constructor(readonly what: string) {
    super(`Not configured: ${what}`);
    this.name = 'NotConfiguredError';
  }
}

/** The service cannot answer yet (its read model is being rebuilt after an upgrade): retry later. */
export class NotReadyError extends Error {
  constructor(readonly what: string) {
    super(`Not ready: ${what}`);
    this.name = 'NotReadyError';
  }
}

/** A bulk body let in did not arrive whole in time (`BULK_BODY_TIMEOUT_MS`): send it again. */
export class BodyTooSlowError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The body did not arrive whole within ${timeoutMs} ms`);
    this.name = 'BodyTooSlowError';
  }
}

/** As many writes wait for a slot as the service lets wait (`WRITES_WAITING_MAX`): send again shortly. */
export class WritesBusyError extends Error {
  constructor(readonly waiting: number) {
    super(`${waiting} writes are waiting already`);
    this.name = 'WritesBusyError';
  }
}

/** Too many failed sign-ins: the account is locked until `until`. */
export class AccountLockedError extends Error {
  constructor(readonly until: Date) {
    super(`Account locked until ${until.toISOString()}`);
    this.name = 'AccountLockedError';
  }
}

/** Too many attempts from one client (sign-in): wait `retryAfterSeconds`. */
export class TooManyAttemptsError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts; retry after ${retryAfterSeconds} s`);
    this.name = 'TooManyAttemptsError';
  }
}

/** A decider's named rejection, carried out of the command handler to the one mapping below. */
export class RejectedCommandError extends Error {
  constructor(readonly rejection: Rejection) {
    super(rejection.message.en);
    this.name = 'RejectedCommandError';
  }
}
