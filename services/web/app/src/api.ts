/** The signed-in user's session: tokens from the identity service, kept on the device. */
export interface Session {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly user: { userId: string; commune: string; organisationId: string; role: string };
}

const KEY = 'cnscd.session';
export const loadSession = (): Session | null => JSON.parse(localStorage.getItem(KEY) ?? 'null');
export const saveSession = (s: Session | null) =>
  s ? localStorage.setItem(KEY, JSON.stringify(s)) : localStorage.removeItem(KEY);

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as { code?: string };
    throw new ApiError(res.status, problem.code ?? `http-${res.status}`);
  }
  return res.json() as Promise<T>;
}

export async function signIn(commune: string, username: string, password: string): Promise<Session> {
  const res = await fetch('/api/identity/v1/sessions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ commune, username, password }),
  });
  const session = await json<Session>(res);
  saveSession(session);
  return session;
}

/** A GET to a service with the access token, refreshing it once when it has expired. */
export async function get<T>(path: string): Promise<T> {
  const session = loadSession();
  if (!session) throw new ApiError(401, 'unauthenticated');
  const call = (token: string) => fetch(path, { headers: { authorization: `Bearer ${token}` } });
  let res = await call(session.accessToken);
  if (res.status === 401) {
    const refreshed = await fetch('/api/identity/v1/sessions/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
    if (!refreshed.ok) {
      saveSession(null);
      throw new ApiError(401, 'unauthenticated');
    }
    const next = (await refreshed.json()) as Session;
    saveSession(next);
    res = await call(next.accessToken);
  }
  return json<T>(res);
}

export interface IndicatorDefinition {
  readonly id: string;
  readonly no: string;
  readonly vi: string;
  readonly en: string;
}
export interface IndicatorValue {
  readonly indicator: string;
  readonly village: string;
  readonly numerator: number;
  readonly denominator: number;
  readonly value: number | null;
  readonly target: number | null;
  readonly gap: number | null;
}
