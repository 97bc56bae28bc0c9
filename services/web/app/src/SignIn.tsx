import { useState } from 'preact/hooks';
import { ApiError, signIn, type Session } from './api';
import { t } from './i18n';
import { INPUT_PATTERNS } from './input-patterns';

// Long: the sign-in form with its states (locked, wrong password, offline); one screen.
export function SignIn({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  // The commune from the office's sign-in link (`/?xa=99001`), else the one last used on this phone.
  const [commune, setCommune] = useState(
    new URLSearchParams(location.search).get('xa') ?? localStorage.getItem('cnscd.commune') ?? '',
  );
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
      <Field
        label={t('commune')}
        name="commune"
        value={commune}
        onValue={setCommune}
        inputMode="numeric"
        pattern={INPUT_PATTERNS.communeCode}
      />
      <Field
        label={t('username')}
        name="username"
        value={username}
        onValue={setUsername}
        autoComplete="username"
      />
      <Field
        label={t('password')}
        name="password"
        value={password}
        onValue={setPassword}
        type="password"
        autoComplete="current-password"
      />
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

/** A labelled, required text field (the label names it for screen readers and the tests). */
function Field({
  label,
  onValue,
  ...input
}: {
  label: string;
  name: string;
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'password';
  autoComplete?: string;
  inputMode?: 'numeric' | 'text';
  pattern?: string;
}) {
  return (
    <label>
      {label}
      <input required {...input} onInput={(e) => onValue(e.currentTarget.value)} />
    </label>
  );
}
