import { render } from 'preact';
import { useState } from 'preact/hooks';
import { loadSession, saveSession, type Session } from './api';
import { Dashboard } from './Dashboard';
import { FieldLog } from './FieldLog';
import { Places } from './Places';
import { Reports } from './Reports';
import { Teams } from './Teams';
import { syncWhenOnline } from './outbox';
import { LANGUAGES, i18n, t, type Language } from './i18n';
import { SignIn } from './SignIn';

function App() {
  const [session, setSession] = useState<Session | null>(loadSession());
  const [, setLanguage] = useState(i18n.language);
  const [screen, setScreen] = useState<'overview' | 'field' | 'places' | 'teams' | 'reports'>('overview');
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
      {session && (
        <nav>
          <button type="button" aria-pressed={screen === 'overview'} onClick={() => setScreen('overview')}>
            {t('overview')}
          </button>
          <button type="button" aria-pressed={screen === 'field'} onClick={() => setScreen('field')}>
            {t('fieldLog')}
          </button>
          <button type="button" aria-pressed={screen === 'places'} onClick={() => setScreen('places')}>
            {t('placesShort')}
          </button>
          <button type="button" aria-pressed={screen === 'teams'} onClick={() => setScreen('teams')}>
            {t('teams')}
          </button>
          <button type="button" aria-pressed={screen === 'reports'} onClick={() => setScreen('reports')}>
            {t('reports')}
          </button>
        </nav>
      )}
      <main>
        {!session ? (
          <SignIn onSignedIn={setSession} />
        ) : screen === 'overview' ? (
          <Dashboard />
        ) : screen === 'field' ? (
          <FieldLog />
        ) : screen === 'places' ? (
          <Places />
        ) : screen === 'teams' ? (
          <Teams />
        ) : (
          <Reports />
        )}
      </main>
    </>
  );
}

syncWhenOnline();
const root = document.getElementById('app');
if (root) render(<App />, root);
