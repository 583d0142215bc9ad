import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Accounts created through a provider have no password until they set one through the reset link. */
export function NoPasswordNote({ purpose }: { purpose: 'email' | 'password' }) {
  const { t } = useTranslation();
  return (
    <div className="notice">
      <p>{purpose === 'email' ? t('settings.noPassword.email') : t('settings.noPassword.password')}</p>
      <p>
        <Link to="/forgot-password">{t('settings.noPassword.setPassword')}</Link>
      </p>
    </div>
  );
}
