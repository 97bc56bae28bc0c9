// Long: one table from every error the services raise to its problem (status, code, bilingual title);
// split, the mapping would be looked for in several places.
import {
  CommandIdConflictError,
  EventStoreUnavailableError,
  ReadOnlyCopyError,
  InvalidStreamRefError,
  WrongExpectedRevisionError,
} from '@cnscd/event-store';
import {
  InputValidationError,
  UnknownVillageError,
  CsvSyntaxError,
  MalformedRequestError,
  AuthenticationError,
  ForbiddenError,
  NotFoundError,
  ConflictError,
  NotConfiguredError,
  NotReadyError,
  WritesBusyError,
  BodyTooSlowError,
  AccountLockedError,
  TooManyAttemptsError,
  RejectedCommandError,
  type FieldError,
} from './errors';
import { isDatabaseAway } from './database-away';

export * from './errors';

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

/** What a caller can do about a refused credential. Nothing here tells an attacker more than "no". */
const CREDENTIAL_ADVICE: Record<string, string> = {
  missing:
    'Gửi mã truy cập hoặc khóa API trong Authorization: Bearer … / Send a token or API key in Authorization: Bearer …',
  'expired-token': 'Mã truy cập hết hạn: làm mới (POST /v1/sessions/refresh) / The token expired: refresh it',
  'revoked-key':
    'Khóa API đã bị thu hồi: xin khóa mới từ quản trị viên / The API key was revoked: ask your administrator for a new one',
  'disabled-user': 'Tài khoản đã bị khóa / The account is disabled',
};

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

type ErrorClass<E> = abstract new (...args: never[]) => E;
/** One kind of error and the problem it becomes. */
const on = <E>(kind: ErrorClass<E>, answer: (err: E) => ProblemDetails) => ({ kind, answer }) as const;
const INVALID = 'Dữ liệu gửi lên không hợp lệ / The submitted data is invalid';

/** What the caller sent cannot be taken as it is (400, 422 for a village not on the register). */
const INPUT_PROBLEMS = [
  on(InputValidationError, (err) => problem(400, 'invalid-input', INVALID, { errors: err.errors })),
  on(UnknownVillageError, (err) =>
    problem(
      422,
      'unknown-village',
      'Thôn không có trong danh mục của xã vào ngày này / The village is not on the commune’s list on that day',
      { errors: err.errors },
    ),
  ),
  on(MalformedRequestError, () =>
    problem(
      400,
      'malformed-request',
      'Yêu cầu không đọc được (JSON sai?) / Malformed request (invalid JSON?)',
    ),
  ),
  on(CsvSyntaxError, (err) =>
    problem(400, 'invalid-csv', 'Tệp CSV không đọc được / The CSV file cannot be read', {
      detail: `Dòng ${err.line}, cột ${err.column} / Line ${err.line}, column ${err.column}: ${err.why}`,
      errors: [
        {
          pointer: `#/line/${err.line}/column/${err.column}`,
          line: err.line,
          column: err.column,
          detail: err.why,
        },
      ],
    }),
  ),
  on(InvalidStreamRefError, (err) =>
    problem(400, 'invalid-input', INVALID, {
      errors: [{ pointer: `#/${err.part}`, detail: 'Định dạng không hợp lệ / Invalid format' }],
    }),
  ),
];

/** Who is calling, and whether they may (401, 403, 429). */
const ACCESS_PROBLEMS = [
  on(AuthenticationError, (err) => {
    const advice = err.reason ? CREDENTIAL_ADVICE[err.reason] : undefined;
    return problem(401, 'unauthenticated', 'Thiếu hoặc sai khóa truy cập / Missing or unknown credential', {
      ...(advice ? { detail: advice } : {}),
    });
  }),
  on(ForbiddenError, (err) =>
    problem(
      403,
      'forbidden',
      'Tổ chức của bạn không có quyền này / Your organisation lacks this permission',
      {
        detail: `Cần quyền / Needs: ${err.needed}`,
      },
    ),
  ),
  on(AccountLockedError, (err) =>
    problem(
      429,
      'account-locked',
      'Tài khoản tạm khóa do đăng nhập sai nhiều lần / Account locked after repeated failed sign-ins',
      { detail: `Thử lại sau / Retry after ${err.until.toISOString()}` },
    ),
  ),
  on(TooManyAttemptsError, (err) =>
    problem(
      429,
      'too-many-attempts',
      'Quá nhiều lần thử từ máy này, hãy đợi / Too many attempts from this client, wait',
      {
        detail: `Thử lại sau ${err.retryAfterSeconds} giây / Retry after ${err.retryAfterSeconds} s`,
      },
    ),
  ),
];

/** What the command met: a rule, a conflict, something missing or down (404, 409, 422, 503). */
const STATE_PROBLEMS = [
  on(RejectedCommandError, ({ rejection }) =>
    problem(
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
    ),
  ),
  on(ConflictError, (err) => problem(409, err.code, err.title)),
  on(NotFoundError, (err) => problem(404, 'not-found', `Không tìm thấy / Not found: ${err.what}`)),
  on(CommandIdConflictError, (err) =>
    problem(
      409,
      'command-id-conflict',
      'Mã lệnh này đã được dùng cho một nội dung khác / This command id was already used for different content',
      {
        detail: 'Tạo mã lệnh mới cho mỗi thao tác mới / Generate a new command id for each new action',
        ...(err.recorded ? { recorded: err.recorded } : {}),
      },
    ),
  ),
  on(WrongExpectedRevisionError, () =>
    problem(
      409,
      'concurrency-conflict',
      'Dữ liệu vừa bị thay đổi, hãy thử lại / The data changed meanwhile, retry',
    ),
  ),
  on(NotConfiguredError, (err) =>
    problem(
      503,
      'not-configured',
      'Hệ thống chưa được cấu hình cho yêu cầu này / The deployment is not configured for this request',
      { detail: err.what },
    ),
  ),
  on(NotReadyError, (err) =>
    problem(
      503,
      'not-ready',
      'Số liệu đang được dựng lại sau khi nâng cấp, hãy thử lại sau ít phút / The figures are being rebuilt after an upgrade, retry in a few minutes',
      { detail: err.what },
    ),
  ),
  on(WritesBusyError, () =>
    problem(
      503,
      'busy',
      'Dịch vụ đang nhận quá nhiều lượt ghi, hãy gửi lại sau giây lát / The service is taking too many writes, resend in a moment',
    ),
  ),
  on(BodyTooSlowError, (err) =>
    problem(
      408,
      'body-too-slow',
      'Dữ liệu gửi lên không đến đủ trong thời gian cho phép, hãy gửi lại (không ghi trùng) / The request body did not arrive in time: send it again (nothing is recorded twice)',
      { detail: `${Math.round(err.timeoutMs / 1000)} s` },
    ),
  ),
  on(ReadOnlyCopyError, () =>
    problem(
      409,
      'written-at-the-commune',
      'Đây là bản sao số liệu của các xã tại tỉnh: hãy ghi tại dịch vụ của xã / This is the province’s copy of the communes’ records: write at the commune’s own service',
    ),
  ),
  on(EventStoreUnavailableError, () =>
    problem(
      503,
      'unavailable',
      'Hệ thống tạm thời không ghi được, hãy gửi lại sau / Temporarily unavailable, resend later',
    ),
  ),
];

const PROBLEMS = [...INPUT_PROBLEMS, ...ACCESS_PROBLEMS, ...STATE_PROBLEMS] as readonly {
  kind: ErrorClass<unknown>;
  answer: (err: never) => ProblemDetails;
}[];

/** When a 503's client should try again, on average (`Retry-After`): the same command ids, so nothing is doubled. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * A 503's `Retry-After`: 3 to 7 s, drawn at random — `RETRY_AFTER_SECONDS` on average — so that clients
 * refused at the same instant (NATS or the database away, a nightly job on many partners' services at
 * once) do not all come back at the same instant, to find the service idle once its queue has drained,
 * or away again under the wave, and be refused again together (decision 0024: 256 partners' batches at
 * 16 waiting places, 1,651–1,658 items/s with 5 s for all, 2,247–2,662 spread).
 */
export const retryAfterSeconds = (random: () => number = Math.random): number =>
  RETRY_AFTER_SECONDS - 2 + Math.floor(random() * 5);

/**
 * 503s a service answers by design — shedding writes beyond its waiting places (`busy`), figures still
 * being rebuilt after an upgrade (`not-ready`): the caller is told when to come back and nothing failed.
 */
const REFUSED_BY_DESIGN: ReadonlySet<string> = new Set(['busy', 'not-ready']);

/**
 * Whether an answer is a failure to look into — our fault or NATS' or the database's — and so logged as
 * an error; any other refusal, a 503 by design included, is a warning at most. Without a code (a 5xx not
 * made into problem details here) it is a failure.
 */
export const isFailure = (answer: { readonly status: number; readonly code?: string }): boolean =>
  answer.status >= 500 && !REFUSED_BY_DESIGN.has(answer.code ?? '');

/** The one place where errors become problem details, for HTTP and NATS alike; anything else is a 500. */
export function toProblem(err: unknown): ProblemDetails {
  const known = PROBLEMS.find((p) => err instanceof p.kind);
  if (known) return known.answer(err as never);
  if (isDatabaseAway(err))
    return problem(
      503,
      'database-unavailable',
      'Cơ sở dữ liệu tạm thời không trả lời, hãy thử lại sau / The database does not answer for now, retry later',
    );
  return problem(500, 'internal-error', 'Lỗi hệ thống / Internal error');
}
