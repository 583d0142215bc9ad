import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import type { Me } from '@shared/contracts/accounts.js';
import { canEditCatalogue, isStaff } from '../../auth/roles.js';
import { RequireLogin } from '../../components/require-login.js';
import { useDocumentTitle } from '../../components/use-document-title.js';
import { NotFoundPage } from '../not-found-page.js';
import { AdminNetworkPage } from './admin-network-page.js';
import { AdminNetworksPage } from './admin-networks-page.js';
import { AdminShopPage } from './admin-shop-page.js';
import { AdminShopsPage } from './admin-shops-page.js';

/**
 * `/admin/*`: the catalogue for staff. Every staff role reads it; only admins change it (the server
 * checks the same on every request), so others see the same pages without the buttons.
 */
export function AdminArea() {
  return <RequireLogin>{(me) => (isStaff(me) ? <Admin me={me} /> : <NoAccess />)}</RequireLogin>;
}

function NoAccess() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.noAccessTitle'));
  return (
    <article className="prose">
      <h1>{t('admin.noAccessTitle')}</h1>
      <p>{t('admin.noAccessText')}</p>
    </article>
  );
}

function Admin({ me }: { me: Me }) {
  const { t } = useTranslation();
  const canEdit = canEditCatalogue(me);
  return (
    <div className="admin">
      <nav className="admin__nav" aria-label={t('admin.navigation')}>
        <ul>
          <li>
            <NavLink to="/admin/shops">{t('admin.nav.shops')}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/networks">{t('admin.nav.networks')}</NavLink>
          </li>
        </ul>
      </nav>
      {!canEdit && (
        <div className="notice" role="note">
          <p>{t('admin.readOnly')}</p>
        </div>
      )}
      <Routes>
        <Route index element={<Navigate to="shops" replace />} />
        <Route path="shops" element={<AdminShopsPage canEdit={canEdit} />} />
        <Route
          path="shops/new"
          element={canEdit ? <AdminShopPage canEdit /> : <Navigate to="/admin/shops" replace />}
        />
        <Route path="shops/:slug" element={<AdminShopPage canEdit={canEdit} />} />
        <Route path="networks" element={<AdminNetworksPage canEdit={canEdit} />} />
        <Route
          path="networks/new"
          element={canEdit ? <AdminNetworkPage canEdit /> : <Navigate to="/admin/networks" replace />}
        />
        <Route path="networks/:slug" element={<AdminNetworkPage canEdit={canEdit} />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </div>
  );
}
