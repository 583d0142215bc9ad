import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/layout.js';
import { GoPage } from './pages/go-page.js';
import { HomePage } from './pages/home-page.js';
import { LoginPage } from './pages/login-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { ShopPage } from './pages/shop-page.js';

// Pages most visitors never open load on demand, so the shop list arrives sooner on a phone.
const RegisterPage = lazy(() =>
  import('./pages/register-page.js').then((module) => ({ default: module.RegisterPage })),
);
const VerifyEmailPage = lazy(() =>
  import('./pages/verify-email-page.js').then((module) => ({ default: module.VerifyEmailPage })),
);
const ForgotPasswordPage = lazy(() =>
  import('./pages/forgot-password-page.js').then((module) => ({ default: module.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import('./pages/reset-password-page.js').then((module) => ({ default: module.ResetPasswordPage })),
);
const ConfirmEmailPage = lazy(() =>
  import('./pages/confirm-email-page.js').then((module) => ({ default: module.ConfirmEmailPage })),
);
// The documents are long and in three languages: they load when someone opens them.
const LegalDocumentPage = lazy(() =>
  import('./pages/legal-document-page.js').then((module) => ({ default: module.LegalDocumentPage })),
);
const AcceptTermsPage = lazy(() =>
  import('./pages/accept-terms-page.js').then((module) => ({ default: module.AcceptTermsPage })),
);
const OnboardingPage = lazy(() =>
  import('./pages/onboarding-page.js').then((module) => ({ default: module.OnboardingPage })),
);
const SettingsPage = lazy(() =>
  import('./pages/settings-page.js').then((module) => ({ default: module.SettingsPage })),
);
const AccountPage = lazy(() =>
  import('./pages/account-page.js').then((module) => ({ default: module.AccountPage })),
);
const BankAccountsPage = lazy(() =>
  import('./pages/bank-accounts-page.js').then((module) => ({ default: module.BankAccountsPage })),
);
const PayoutsPage = lazy(() =>
  import('./pages/payouts-page.js').then((module) => ({ default: module.PayoutsPage })),
);
const ClaimsPage = lazy(() =>
  import('./pages/claims-page.js').then((module) => ({ default: module.ClaimsPage })),
);
// Staff pages, and the catalogue contracts they need, stay out of the shoppers' download.
const AdminArea = lazy(() =>
  import('./pages/admin/admin-area.js').then((module) => ({ default: module.AdminArea })),
);

/** `/shops` is the catalogue on the home page; the filters in the address come along. */
function ShopsRedirect() {
  const { search } = useLocation();
  return <Navigate to={{ pathname: '/', search }} replace />;
}

function Loading({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <p className="status status--loading" role="status">
          {t('layout.loadingPage')}
        </p>
      }
    >
      {children}
    </Suspense>
  );
}

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="shops" element={<ShopsRedirect />} />
        <Route path="shops/:slug" element={<ShopPage />} />
        <Route path="go/:slug" element={<GoPage />} />
        <Route
          path="terms"
          element={
            <Loading>
              <LegalDocumentPage document="terms" />
            </Loading>
          }
        />
        <Route
          path="privacy"
          element={
            <Loading>
              <LegalDocumentPage document="privacy" />
            </Loading>
          }
        />
        <Route
          path="accept-terms"
          element={
            <Loading>
              <AcceptTermsPage />
            </Loading>
          }
        />
        <Route path="login" element={<LoginPage />} />
        <Route
          path="register"
          element={
            <Loading>
              <RegisterPage />
            </Loading>
          }
        />
        <Route
          path="verify-email"
          element={
            <Loading>
              <VerifyEmailPage />
            </Loading>
          }
        />
        <Route
          path="forgot-password"
          element={
            <Loading>
              <ForgotPasswordPage />
            </Loading>
          }
        />
        <Route
          path="reset-password"
          element={
            <Loading>
              <ResetPasswordPage />
            </Loading>
          }
        />
        <Route
          path="confirm-email"
          element={
            <Loading>
              <ConfirmEmailPage />
            </Loading>
          }
        />
        <Route
          path="onboarding"
          element={
            <Loading>
              <OnboardingPage />
            </Loading>
          }
        />
        <Route
          path="settings"
          element={
            <Loading>
              <SettingsPage />
            </Loading>
          }
        />
        <Route
          path="account"
          element={
            <Loading>
              <AccountPage />
            </Loading>
          }
        />
        <Route
          path="bank-accounts"
          element={
            <Loading>
              <BankAccountsPage />
            </Loading>
          }
        />
        <Route
          path="payouts"
          element={
            <Loading>
              <PayoutsPage />
            </Loading>
          }
        />
        <Route
          path="claims"
          element={
            <Loading>
              <ClaimsPage />
            </Loading>
          }
        />
        <Route
          path="admin/*"
          element={
            <Loading>
              <AdminArea />
            </Loading>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
