import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation, useNavigate } from 'react-router';
import { useMe } from '../auth/auth-context.js';
import { isStaff } from '../auth/roles.js';
import { goPath, withNext } from './return-path.js';

/** Pages worth coming back to after logging in from the header: a shop, or the way into one. */
function returnPathOf(pathname: string, search: string): string | undefined {
  if (pathname.startsWith('/go/')) {
    return goPath(pathname.slice('/go/'.length), new URLSearchParams(search).get('to'));
  }
  return pathname.startsWith('/shops/') ? pathname : undefined;
}

/** The header's account corner: log in / register, or who is logged in with settings and log out. */
export function AccountMenu() {
  const { t } = useTranslation();
  const { me, status, logout } = useMe();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const [busy, setBusy] = useState(false);

  if (status === 'loading') return <div className="account-menu" aria-hidden="true" />;

  if (!me) {
    return (
      <nav className="account-menu" aria-label={t('account.menuLabel')}>
        <ul>
          <li>
            <NavLink to={withNext('/login', returnPathOf(pathname, search))}>{t('account.logIn')}</NavLink>
          </li>
          <li>
            <NavLink
              to={withNext('/register', returnPathOf(pathname, search))}
              className="account-menu__primary"
            >
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
          <NavLink to="/account">{t('account.overview')}</NavLink>
        </li>
        {isStaff(me) && (
          <li>
            <NavLink to="/admin">{t('account.admin')}</NavLink>
          </li>
        )}
        <li>
          <NavLink to="/bank-accounts">{t('bankAccounts.menu')}</NavLink>
        </li>
        <li>
          <NavLink to="/payouts">{t('payouts.menu')}</NavLink>
        </li>
        <li>
          <NavLink to="/claims">{t('claims.menu')}</NavLink>
        </li>
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
