import { useEffect, useState } from 'preact/hooks';
import { ApiError, get } from './api';
import { deviceDb } from './device-db';
import { inLanguage, t } from './i18n';

/**
 * Something loaded into state: `data` (null while loading), and an `error` the user can read (no
 * permission, or no connection); `reload()` asks again (after a write). `key` names what is asked
 * for: when it changes the load runs again, and an answer for a key no longer asked for is dropped,
 * since answers may arrive out of order. A null key loads nothing.
 */
export function useLoad<T>(
  key: string | null,
  load: () => Promise<T>,
): { data: T | null; error: string | null; reload: () => void } {
  const [state, setState] = useState<{ data: T | null; error: string | null; key: string | null }>({
    data: null,
    error: null,
    key,
  });
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let current = true;
    // Asked again for the same thing (after a write): what is shown stays until the new answer, so
    // the screen and any message on it ("Đã lưu.") do not blink away. Something else: cleared.
    setState((s) => (s.key === key ? { ...s, error: null } : { data: null, error: null, key }));
    if (key === null) return;
    load().then(
      (data) => current && setState({ data, error: null, key }),
      (err: unknown) => current && setState({ data: null, error: problemText(err), key }),
    );
    return () => {
      current = false;
    };
  }, [key, asked]);
  return { data: state.data, error: state.error, reload: () => setAsked((n) => n + 1) };
}

/** A GET of one path, loaded as `useLoad` does. */
export const useApi = <T>(path: string | null) => useLoad<T>(path, () => get<T>(path ?? ''));

/** No answer from the server (no connection, or the server failing), as opposed to a refusal. */
const unreachable = (err: unknown) => !(err instanceof ApiError) || err.status >= 500;

/**
 * A GET whose last answer is kept on the phone: with no connection the screen shows that copy, and
 * `keptAt` says when it was fetched (null when the answer is fresh). Refusals are never covered up.
 */
export function useKeptApi<T>(path: string | null) {
  const [keptAt, setKeptAt] = useState<string | null>(null);
  const loaded = useLoad<T>(path, async () => {
    // The network first, as a plain read would (the phone's database is opened only to keep or recall).
    let data: T;
    try {
      data = await get<T>(path ?? '');
    } catch (err) {
      const kept = unreachable(err) ? await (await deviceDb).get('kept', path ?? '') : undefined;
      if (!kept) throw err;
      setKeptAt(kept.fetchedAt);
      return kept.data as T;
    }
    setKeptAt(null);
    await (await deviceDb).put('kept', { path: path ?? '', fetchedAt: new Date().toISOString(), data });
    return data;
  });
  return { ...loaded, keptAt };
}

/** What to tell the user about a failed call. */
export const problemText = (err: unknown) =>
  err instanceof ApiError && err.status === 403
    ? t('notAllowed')
    : err instanceof ApiError && err.status < 500 && err.status !== 401
      ? `${t('refused')}: ${inLanguage(err.message)}`
      : t('offline');
