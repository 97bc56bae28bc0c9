import { useEffect, useState } from 'preact/hooks';
import { ApiError, get } from './api';
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
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    let current = true;
    setState({ data: null, error: null });
    if (key === null) return;
    load().then(
      (data) => current && setState({ data, error: null }),
      (err: unknown) => current && setState({ data: null, error: problemText(err) }),
    );
    return () => {
      current = false;
    };
  }, [key, asked]);
  return { ...state, reload: () => setAsked((n) => n + 1) };
}

/** A GET of one path, loaded as `useLoad` does. */
export const useApi = <T>(path: string | null) => useLoad<T>(path, () => get<T>(path ?? ''));

/** What to tell the user about a failed call. */
export const problemText = (err: unknown) =>
  err instanceof ApiError && err.status === 403
    ? t('notAllowed')
    : err instanceof ApiError && err.status < 500 && err.status !== 401
      ? `${t('refused')}: ${inLanguage(err.message)}`
      : t('offline');
