import type { Rejection } from '@cnscd/decider';
import {
  CommandIdConflictError,
  EventStoreUnavailableError,
  InvalidStreamRefError,
  WrongExpectedRevisionError,
} from '@cnscd/event-store';

/** RFC 9457 problem details. Texts are Vietnamese first, then English: "… / …". */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  /** Stable machine-readable code; `type` is `urn:cnscd:problem:<code>`. */
  readonly code: string;
  /** For invalid input: one entry per field at fault. Never contains the submitted value. */
  readonly errors?: readonly FieldError[];
  /** For a command id conflict: what that id recorded. */
  readonly recorded?: unknown;
}

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

/** What a caller can do about a refused credential. Nothing here tells an attacker more than "no". */
const CREDENTIAL_ADVICE: Record<string, string> = {
  missing:
    'Gửi mã truy cập hoặc khóa API trong Authorization: Bearer … / Send a token or API key in Authorization: Bearer …',
  'expired-token': 'Mã truy cập hết hạn: làm mới (POST /v1/sessions/refresh) / The token expired: refresh it',
  'revoked-key':
    'Khóa API đã bị thu hồi: xin khóa mới từ quản trị viên / The API key was revoked: ask your administrator for a new one',
  'disabled-user': 'Tài khoản đã bị khóa / The account is disabled',
};

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

const problem = (
  status: number,
  code: string,
  title: string,
  extra: Partial<ProblemDetails> = {},
): ProblemDetails => ({
  type: `urn:cnscd:problem:${code}`,
  title,
  status,
  code,
  ...extra,
});

/** The one place where errors become problem details, for HTTP and NATS alike. */
export function toProblem(err: unknown): ProblemDetails {
  if (err instanceof InputValidationError) {
    return problem(400, 'invalid-input', 'Dữ liệu gửi lên không hợp lệ / The submitted data is invalid', {
      errors: err.errors,
    });
  }
  if (err instanceof UnknownVillageError) {
    return problem(
      422,
      'unknown-village',
      'Thôn không có trong danh mục của xã vào ngày này / The village is not on the commune’s list on that day',
      { errors: err.errors },
    );
  }
  if (err instanceof MalformedRequestError) {
    return problem(
      400,
      'malformed-request',
      'Yêu cầu không đọc được (JSON sai?) / Malformed request (invalid JSON?)',
    );
  }
  if (err instanceof CsvSyntaxError) {
    return problem(400, 'invalid-csv', 'Tệp CSV không đọc được / The CSV file cannot be read', {
      detail: `Dòng ${err.line}, cột ${err.column} / Line ${err.line}, column ${err.column}: ${err.why}`,
      errors: [
        {
          pointer: `#/line/${err.line}/column/${err.column}`,
          line: err.line,
          column: err.column,
          detail: err.why,
        },
      ],
    });
  }
  if (err instanceof RejectedCommandError) {
    const { rejection } = err;
    return problem(
      rejection.recorded !== undefined ? 409 : 422,
      rejection.code,
      `${rejection.message.vi} / ${rejection.message.en}`,
      {
        ...(rejection.recorded !== undefined ? { recorded: rejection.recorded } : {}),
        ...(rejection.field
          ? {
              errors: [
                { pointer: `#/${rejection.field.split('.').join('/')}`, detail: rejection.message.vi },
              ],
            }
          : {}),
      },
    );
  }
  if (err instanceof AuthenticationError) {
    const advice = err.reason ? CREDENTIAL_ADVICE[err.reason] : undefined;
    return problem(401, 'unauthenticated', 'Thiếu hoặc sai khóa truy cập / Missing or unknown credential', {
      ...(advice ? { detail: advice } : {}),
    });
  }
  if (err instanceof ForbiddenError) {
    return problem(
      403,
      'forbidden',
      'Tổ chức của bạn không có quyền này / Your organisation lacks this permission',
      {
        detail: `Cần quyền / Needs: ${err.needed}`,
      },
    );
  }
  if (err instanceof ConflictError) return problem(409, err.code, err.title);
  if (err instanceof NotConfiguredError) {
    return problem(
      503,
      'not-configured',
      'Hệ thống chưa được cấu hình cho yêu cầu này / The deployment is not configured for this request',
      { detail: err.what },
    );
  }
  if (err instanceof AccountLockedError) {
    return problem(
      429,
      'account-locked',
      'Tài khoản tạm khóa do đăng nhập sai nhiều lần / Account locked after repeated failed sign-ins',
      { detail: `Thử lại sau / Retry after ${err.until.toISOString()}` },
    );
  }
  if (err instanceof TooManyAttemptsError) {
    return problem(
      429,
      'too-many-attempts',
      'Quá nhiều lần thử từ máy này, hãy đợi / Too many attempts from this client, wait',
      { detail: `Thử lại sau ${err.retryAfterSeconds} giây / Retry after ${err.retryAfterSeconds} s` },
    );
  }
  if (err instanceof NotFoundError) {
    return problem(404, 'not-found', `Không tìm thấy / Not found: ${err.what}`);
  }
  if (err instanceof CommandIdConflictError) {
    return problem(
      409,
      'command-id-conflict',
      'Mã lệnh này đã được dùng cho một nội dung khác / This command id was already used for different content',
      {
        detail: 'Tạo mã lệnh mới cho mỗi thao tác mới / Generate a new command id for each new action',
        ...(err.recorded ? { recorded: err.recorded } : {}),
      },
    );
  }
  if (err instanceof WrongExpectedRevisionError) {
    return problem(
      409,
      'concurrency-conflict',
      'Dữ liệu vừa bị thay đổi, hãy thử lại / The data changed meanwhile, retry',
    );
  }
  if (err instanceof InvalidStreamRefError) {
    return problem(400, 'invalid-input', 'Dữ liệu gửi lên không hợp lệ / The submitted data is invalid', {
      errors: [{ pointer: `#/${err.part}`, detail: 'Định dạng không hợp lệ / Invalid format' }],
    });
  }
  if (err instanceof EventStoreUnavailableError) {
    return problem(
      503,
      'unavailable',
      'Hệ thống tạm thời không ghi được, hãy gửi lại sau / Temporarily unavailable, resend later',
    );
  }
  return problem(500, 'internal-error', 'Lỗi hệ thống / Internal error');
}
