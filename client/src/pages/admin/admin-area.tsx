import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import type { Me } from '@shared/contracts/accounts.js';
import {
  canEditCatalogue,
  canManageCredentials,
  canMoveMoney,
  canWorkClaims,
  canWorkFinance,
  isStaff,
} from '../../auth/roles.js';
import { RequireLogin } from '../../components/require-login.js';
import { useDocumentTitle } from '../../components/use-document-title.js';
import { NotFoundPage } from '../not-found-page.js';
import { AdminClaimsPage } from './admin-claims-page.js';
import { AdminConversionPage } from './admin-conversion-page.js';
import { AdminConversionsPage } from './admin-conversions-page.js';
import { AdminNetworkHealthPage } from './admin-network-health-page.js';
import { AdminNetworkPage } from './admin-network-page.js';
import { AdminNetworksPage } from './admin-networks-page.js';
import { AdminReconciliationPage } from './admin-reconciliation-page.js';
import { AdminPayoutBatchesPage } from './admin-payout-batches-page.js';
import { AdminPayoutsPage } from './admin-payouts-page.js';
import { AdminPayoutStatementsPage } from './admin-payout-statements-page.js';
import { AdminSharedIbansPage } from './admin-shared-ibans-page.js';
import { AdminShopPage } from './admin-shop-page.js';
import { AdminShopsPage } from './admin-shops-page.js';

/**
 * `/admin/*`: the catalogue and the money path for staff. Every staff role reads them; only admins
 * change the catalogue and the networks' credentials, admins and finance move money (the server
 * checks the same on every request), so others see the same pages without the buttons. Finance's
 * own pages (payouts, reconciliation, shared IBANs) are closed to support on the server, so support
 * gets neither their links nor the pages. Each link here matches its routes' `requireRole`.
 */
export function AdminArea() {
  return <RequireLogin>{(me) => (isStaff(me) ? <Admin me={me} /> : <NoAccess />)}</RequireLogin>;
}

function NoAccess({
  text = 'admin.noAccessText',
}: {
  text?: 'admin.noAccessText' | 'admin.financeOnly' | 'adminClaims.supportOnly';
}) {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.noAccessTitle'));
  return (
    <article className="prose">
      <h1>{t('admin.noAccessTitle')}</h1>
      <p>{t(text)}</p>
    </article>
  );
}

/** The pages only finance and admins may open (their API routes are `requireRole('finance', 'admin')`). */
const FINANCE_PAGES = [
  '/admin/reconciliation',
  '/admin/payouts',
  '/admin/payout-batches',
  '/admin/payout-statements',
  '/admin/bank-accounts',
];

function Admin({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const canEdit = canEditCatalogue(me);
  const finance = canWorkFinance(me);
  const financeOnly = (page: ReactElement) => (finance ? page : <NoAccess text="admin.financeOnly" />);
  // What this person may not change on the page in front of them (the health page changes nothing).
  let readOnlyNote: string | undefined;
  if (pathname.startsWith('/admin/conversions')) {
    if (!canMoveMoney(me)) readOnlyNote = t('admin.readOnlyMoney');
  } else if (pathname.startsWith('/admin/claims')) {
    // Support's own page: closed to finance (below), nothing read-only to say.
  } else if (FINANCE_PAGES.some((page) => pathname.startsWith(page))) {
    // Finance's pages: closed to others (below), nothing read-only to say.
  } else if (pathname !== '/admin/networks/health' && !canEdit) {
    readOnlyNote = t('admin.readOnly');
  }
  return (
    <div className="admin">
      <nav className="admin__nav" aria-label={t('admin.navigation')}>
        <ul>
          <li>
            <NavLink to="/admin/shops">{t('admin.nav.shops')}</NavLink>
          </li>
          <li>
            {/* A network's own pages belong here, its health page has its own link. */}
            <Link
              to="/admin/networks"
              aria-current={
                pathname.startsWith('/admin/networks') && pathname !== '/admin/networks/health'
                  ? 'page'
                  : undefined
              }
            >
              {t('admin.nav.networks')}
            </Link>
          </li>
          <li>
            <NavLink to="/admin/networks/health">{t('admin.nav.health')}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/conversions">{t('admin.nav.conversions')}</NavLink>
          </li>
          {canWorkClaims(me) && (
            <li>
              <NavLink to="/admin/claims">{t('adminClaims.nav')}</NavLink>
            </li>
          )}
          {finance && (
            <>
              <li>
                <NavLink to="/admin/reconciliation">{t('adminReconciliation.nav')}</NavLink>
              </li>
              <li>
                <NavLink to="/admin/payouts">{t('adminPayouts.nav')}</NavLink>
              </li>
              <li>
                <NavLink to="/admin/payout-batches">{t('adminPayoutBatches.nav')}</NavLink>
              </li>
              <li>
                <NavLink to="/admin/payout-statements">{t('adminPayoutStatements.nav')}</NavLink>
              </li>
              <li>
                <NavLink to="/admin/bank-accounts/shared-ibans">{t('adminBankAccounts.nav')}</NavLink>
              </li>
            </>
          )}
        </ul>
      </nav>
      {readOnlyNote && (
        <div className="notice" role="note">
          <p>{readOnlyNote}</p>
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
        <Route path="networks/health" element={<AdminNetworkHealthPage />} />
        <Route
          path="networks/:slug"
          element={<AdminNetworkPage canEdit={canEdit} canManageCredentials={canManageCredentials(me)} />}
        />
        <Route path="conversions" element={<AdminConversionsPage />} />
        <Route path="conversions/:id" element={<AdminConversionPage canMoveMoney={canMoveMoney(me)} />} />
        <Route
          path="claims"
          element={canWorkClaims(me) ? <AdminClaimsPage /> : <NoAccess text="adminClaims.supportOnly" />}
        />
        <Route
          path="reconciliation"
          element={financeOnly(<AdminReconciliationPage canMoveMoney={canMoveMoney(me)} />)}
        />
        <Route path="payouts" element={financeOnly(<AdminPayoutsPage canMoveMoney={canMoveMoney(me)} />)} />
        <Route
          path="payout-batches"
          element={financeOnly(<AdminPayoutBatchesPage canMoveMoney={canMoveMoney(me)} />)}
        />
        <Route path="payout-statements" element={financeOnly(<AdminPayoutStatementsPage />)} />
        <Route path="bank-accounts/shared-ibans" element={financeOnly(<AdminSharedIbansPage />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </div>
  );
}
