import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate } from 'react-router';
import { useMe } from '../auth/auth-context.js';

/** The header's account corner: log in / register, or who is logged in with settings and log out. */
export function AccountMenu() {
  const { t } = useTranslation();
  const { me, status, logout } = useMe();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);

  if (status === 'loading') return <div className="account-menu" aria-hidden="true" />;

  if (!me) {
    return (
      <nav className="account-menu" aria-label={t('account.menuLabel')}>
        <ul>
          <li>
            <NavLink to="/login">{t('account.logIn')}</NavLink>
          </li>
          <li>
            <NavLink to="/register" className="account-menu__primary">
              {t('account.register')}
            </NavLink>
          </li>
        </ul>
      </nav>
    );
  }

  async function onLogout() {
    setBusy(true);
    await logout(() => void navigate('/login', { state: { loggedOut: true } }));
    setBusy(false);
  }

  return (
    <nav className="account-menu" aria-label={t('account.menuLabel')}>
      <p className="account-menu__who" title={me.email}>
        <span className="visually-hidden">{t('account.loggedInAs')} </span>
        {me.email}
      </p>
      <ul>
        <li>
          <NavLink to="/settings">{t('account.settings')}</NavLink>
        </li>
        <li>
          <button
            type="button"
            className="account-menu__logout"
            onClick={() => void onLogout()}
            disabled={busy}
          >
            {t('account.logOut')}
          </button>
        </li>
      </ul>
    </nav>
  );
}
