import { useState } from 'preact/hooks';
import { ApiError, signIn, type Session } from './api';
import { t } from './i18n';

export function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [commune, setCommune] = useState(localStorage.getItem('cnscd.commune') ?? '');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      localStorage.setItem('cnscd.commune', commune);
      onSignedIn(await signIn(commune.trim(), username.trim(), password));
    } catch (err) {
      const code = err instanceof ApiError ? err.code : 'offline';
      setError(
        code === 'account-locked' ? t('locked') : code === 'offline' ? t('offline') : t('wrongCredentials'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="sign-in" onSubmit={submit}>
      <h2>{t('signIn')}</h2>
      <label>
        {t('commune')}
        <input
          name="commune"
          inputMode="numeric"
          pattern="[0-9]{5}"
          required
          value={commune}
          onInput={(e) => setCommune(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('username')}
        <input
          name="username"
          autoComplete="username"
          required
          value={username}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('password')}
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button class="primary" type="submit" disabled={busy}>
        {t('signIn')}
      </button>
    </form>
  );
}
