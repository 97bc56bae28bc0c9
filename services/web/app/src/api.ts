/**
 * The signed-in user's session as the app keeps it: the short-lived access token and who the user is.
 * The refresh token never reaches the page: the web server keeps it in an httpOnly cookie.
 */
export interface Session {
  readonly accessToken: string;
  readonly user: {
    userId: string;
    commune: string;
    organisationId: string;
    organisationName: string;
    /** A village team's village: where the field log and the village page start (null otherwise). */
    villageCode?: string | null;
    organisationKind: string;
    role: string;
    /** What the user may do (the services decide; the app only hides what would be refused). */
    scopes: readonly string[];
  };
}

const KEY = 'cnscd.session';
/** Fired on `window` when the identity service will no longer refresh the session. */
export const SESSION_ENDED = 'cnscd:session-ended';
/** The session kept on the device; one saved by an older app (without scopes) means signing in again. */
export const loadSession = (): Session | null => {
  const session = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
  return session && Array.isArray(session.user?.scopes) ? session : null;
};
/** Whether the signed-in user has a scope. */
export const may = (scope: string) => loadSession()?.user.scopes.includes(scope) ?? false;
export const saveSession = (s: Session | null) =>
  s ? localStorage.setItem(KEY, JSON.stringify(s)) : localStorage.removeItem(KEY);

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** The service's own words (problem details `title`, "Vietnamese / English"), when it gave some. */
    readonly title?: string,
  ) {
    super(title ?? code);
  }
}

async function failOnProblem(res: Response): Promise<void> {
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as {
      code?: string;
      title?: string;
      detail?: string;
    };
    throw new ApiError(res.status, problem.code ?? `http-${res.status}`, problem.title);
  }
}
async function json<T>(res: Response): Promise<T> {
  await failOnProblem(res);
  return res.json() as Promise<T>;
}

const SIGN_OUT_PENDING = 'cnscd.sign-out-pending';
/**
 * Ends the sign-in on the device at once (a shared phone, maybe offline), then on the server: the
 * refresh cookie is revoked and cleared. Offline, that part waits for the connection (`finishSignOut`).
 */
export async function signOut(): Promise<void> {
  saveSession(null);
  localStorage.setItem(SIGN_OUT_PENDING, '1');
  await finishSignOut();
}
/** Tells the server about a sign-out made offline; called again when the app starts or goes online. */
export async function finishSignOut(): Promise<void> {
  if (!localStorage.getItem(SIGN_OUT_PENDING)) return;
  const done = await fetch('/api/identity/v1/sessions/sign-out', {
    method: 'POST',
    credentials: 'same-origin',
  })
    .then((res) => res.ok)
    .catch(() => false);
  if (done) localStorage.removeItem(SIGN_OUT_PENDING);
}

export async function signIn(commune: string, username: string, password: string): Promise<Session> {
  await finishSignOut(); // the previous user's sign-in ends on the server before the next begins
  const res = await fetch('/api/identity/v1/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ commune, username, password }),
  });
  const session = await json<Session>(res);
  localStorage.removeItem(SIGN_OUT_PENDING); // the cookie now holds the new sign-in's token
  saveSession(session);
  return session;
}

/** A GET to a service with the access token, refreshing it once when it has expired. */
export const get = <T>(path: string): Promise<T> => authorised<T>(path);
/** Every item of a paged list (`{ items, next }`, `next` passed back as `after`). */
export async function getAll<T>(path: string, query: Record<string, string>): Promise<T[]> {
  const all: T[] = [];
  for (let after: string | null = ''; after !== null;) {
    const page: { items: T[]; next: string | null } = await get(
      `${path}?${new URLSearchParams({ ...query, limit: '500', ...(after ? { after } : {}) })}`,
    );
    all.push(...page.items);
    after = page.next;
  }
  return all;
}
/** A POST of a JSON body, the same way. */
export const send = <T>(path: string, body: unknown): Promise<T> =>
  authorised<T>(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });

/** Fetches a file with the access token and hands it to the browser as a download. */
export async function download(path: string, filename: string): Promise<void> {
  const blob = await authorised<Blob>(path, {}, (res) => res.blob());
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function authorised<T>(
  path: string,
  init: RequestInit = {},
  read: (res: Response) => Promise<T> = (res) => res.json() as Promise<T>,
): Promise<T> {
  const session = loadSession();
  if (!session) throw new ApiError(401, 'unauthenticated');
  const call = (token: string) =>
    fetch(path, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
    });
  let res = await call(session.accessToken);
  if (res.status === 401) res = await call((await refresh()).accessToken);
  await failOnProblem(res);
  return read(res);
}

let refreshing: Promise<Session> | null = null;
/**
 * One refresh at a time: refresh tokens are single-use, and the identity service ends the whole
 * sign-in when one is presented twice, so requests failing together must share one refresh.
 */
function refresh(): Promise<Session> {
  refreshing ??= (async () => {
    const res = await fetch('/api/identity/v1/sessions/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: '{}',
    });
    if (!res.ok) {
      // The sign-in is over (expired, revoked, or the user disabled): back to the sign-in screen.
      saveSession(null);
      window.dispatchEvent(new Event(SESSION_ENDED));
      throw new ApiError(401, 'unauthenticated');
    }
    const next = (await res.json()) as Session;
    saveSession(next);
    return next;
  })().finally(() => (refreshing = null));
  return refreshing;
}

export interface IndicatorDefinition {
  readonly id: string;
  readonly no: string;
  readonly vi: string;
  readonly en: string;
  /** What its figure is: a share of residents or merchants, or a count (streets, markets). */
  readonly kind: 'residents' | 'merchants' | 'count';
  readonly countedStage: string | null;
  /** The commune's target per year, 2025 to 2030 (a share, 0–1, or a count). */
  readonly targetsByYear: Readonly<Record<string, number | null>>;
}
export interface IndicatorValue {
  readonly indicator: string;
  readonly village: string;
  /** The village's registered name that day; null for the commune (`*`). */
  readonly villageName: string | null;
  readonly numerator: number;
  /** Null for counts, and for a village with no population estimate (`missing`). */
  readonly denominator: number | null;
  readonly missing: 'estimate' | null;
  /** On the commune's row: the villages counted without a population estimate. */
  readonly villagesWithoutEstimate?: readonly string[];
  readonly value: number | null;
  readonly target: number | null;
  readonly gap: number | null;
}

/** The villages a set of values covers, in order, without the commune's own `*`. */
export const villagesOf = (values: readonly IndicatorValue[]) =>
  [...new Set(values.map((v) => v.village))].filter((v) => v !== '*');

/** A village's name as the values give it (its code if the commune never registered it). */
export const nameIn = (values: readonly IndicatorValue[], village: string) =>
  values.find((v) => v.village === village)?.villageName ?? village;
