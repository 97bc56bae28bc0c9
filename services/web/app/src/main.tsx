import { render } from 'preact';
import { useState } from 'preact/hooks';
import { loadSession, saveSession, type Session } from './api';
import { Dashboard } from './Dashboard';
import { LANGUAGES, i18n, t, type Language } from './i18n';
import { SignIn } from './SignIn';

function App() {
  const [session, setSession] = useState<Session | null>(loadSession());
  const [, setLanguage] = useState(i18n.language);
  const changeLanguage = (lng: Language) => {
    localStorage.setItem('cnscd.language', lng);
    document.documentElement.lang = lng;
    void i18n.changeLanguage(lng).then(() => setLanguage(lng));
  };
  return (
    <>
      <header>
        <h1>{t('appName')}</h1>
        <select
          aria-label={t('language')}
          value={i18n.language}
          onChange={(e) => changeLanguage(e.currentTarget.value as Language)}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {l === 'vi' ? 'Tiếng Việt' : 'English'}
            </option>
          ))}
        </select>
        {session && (
          <button type="button" onClick={() => (saveSession(null), setSession(null))}>
            {t('signOut')}
          </button>
        )}
      </header>
      <main>{session ? <Dashboard /> : <SignIn onSignedIn={setSession} />}</main>
    </>
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
