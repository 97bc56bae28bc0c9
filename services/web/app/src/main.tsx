import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { SESSION_ENDED, finishSignOut, loadSession, signOut, type Session } from './api';
import { Dashboard } from './Dashboard';
import { FieldLog } from './FieldLog';
import { Places } from './Places';
import { ProvinceReports } from './ProvinceReports';
import { Reports } from './Reports';
import { Teams } from './Teams';
import { Village } from './Village';
import { sync, syncWhenOnline } from './outbox';
import { LANGUAGES, i18n, t, type Language } from './i18n';
import { SignIn } from './SignIn';

/**
 * The screens, each shown only to users with the scope it needs to be of any use. The province's
 * department has no commune of its own to look at: it sees the communes' reports.
 */
const SCREENS = [
  { id: 'overview', title: 'overview', scope: 'indicators:read', commune: true },
  { id: 'village', title: 'villagePage', scope: 'outreach:residents:read', commune: true },
  { id: 'field', title: 'fieldLog', scope: 'outreach:visits:write', commune: true },
  { id: 'places', title: 'placesShort', scope: 'merchants:read', commune: true },
  { id: 'teams', title: 'teams', scope: 'training:read', commune: true },
  { id: 'reports', title: 'reports', scope: 'indicators:read', commune: true },
  { id: 'province', title: 'provinceReports', scope: 'indicators:province', commune: false },
] as const;
type Screen = (typeof SCREENS)[number]['id'];

// Long: the app's routes, session and navigation in one place; issue 19 reworks the screens.
function App() {
  const [session, setSession] = useState<Session | null>(loadSession());
  const [, setLanguage] = useState(i18n.language);
  const [chosen, setScreen] = useState<Screen | null>(null);
  const [village, setVillage] = useState(localStorage.getItem('cnscd.village') ?? '');
  const [ended, setEnded] = useState(false);
  useEffect(() => {
    const end = () => (setSession(null), setScreen(null), setEnded(true));
    window.addEventListener(SESSION_ENDED, end);
    return () => window.removeEventListener(SESSION_ENDED, end);
  }, []);
  const ofProvince = session?.user.organisationKind === 'province-department';
  const screens = SCREENS.filter((s) => session?.user.scopes.includes(s.scope) && !(ofProvince && s.commune));
  const screen = screens.find((s) => s.id === chosen)?.id ?? screens[0]?.id ?? null;
  const changeLanguage = (lng: Language) => {
    localStorage.setItem('cnscd.language', lng);
    document.documentElement.lang = lng;
    void i18n.changeLanguage(lng).then(() => setLanguage(lng));
  };
  const openVillage = (code: string) => {
    setVillage(code);
    setScreen('village');
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
          <button
            type="button"
            onClick={() => void signOut().then(() => (setSession(null), setScreen(null)))}
          >
            {t('signOut')}
          </button>
        )}
      </header>
      {session && (
        <nav>
          <span class="who" data-testid="who">
            {session.user.organisationName}
          </span>
          {screens.map((s) => (
            <button key={s.id} type="button" aria-pressed={screen === s.id} onClick={() => setScreen(s.id)}>
              {t(s.title)}
            </button>
          ))}
        </nav>
      )}
      <main>
        {!session ? (
          <>
            {ended && (
              <p class="error" role="status" data-testid="session-ended">
                {t('sessionEnded')}
              </p>
            )}
            <SignIn onSignedIn={(s) => (setEnded(false), setSession(s), void sync())} />
          </>
        ) : screen === 'overview' ? (
          <Dashboard onVillage={openVillage} />
        ) : screen === 'village' ? (
          <Village village={village || (session.user.villageCode ?? '')} onVillage={setVillage} />
        ) : screen === 'field' ? (
          <FieldLog />
        ) : screen === 'places' ? (
          <Places />
        ) : screen === 'teams' ? (
          <Teams />
        ) : screen === 'reports' ? (
          <Reports />
        ) : screen === 'province' ? (
          <ProvinceReports />
        ) : (
          <p class="error">{t('nothingToShow')}</p>
        )}
      </main>
    </>
  );
}

syncWhenOnline();
void finishSignOut();
window.addEventListener('online', () => void finishSignOut());
const root = document.getElementById('app');
if (root) render(<App />, root);
