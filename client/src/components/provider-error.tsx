import { useTranslation } from 'react-i18next';

export const PROVIDER_ERROR_MESSAGES = [
  'cancelled',
  'providerAlreadyLinked',
  'unavailable',
  'failed',
  'expired',
  'emailMissing',
  'alreadyLinked',
  'generic',
] as const;
type Message = (typeof PROVIDER_ERROR_MESSAGES)[number];

/**
 * `?error=` codes the provider routes redirect to `/login` or `/settings` with (see
 * `server/src/modules/accounts/oauth/oauth.routes.ts`), matched case-insensitively. Anything
 * else gets the general message, never the raw value, so a crafted link cannot put its own words
 * on our page.
 */
const CODES: Record<string, Message> = {
  oauth_denied: 'cancelled',
  access_denied: 'cancelled',
  oauth_failed: 'failed',
  oauth_email_missing: 'emailMissing',
  oauth_state_mismatch: 'expired',
  identity_linked_elsewhere: 'alreadyLinked',
  provider_already_linked: 'providerAlreadyLinked',
  provider_not_configured: 'unavailable',
};

export function ProviderErrorMessage({ code }: { code: string }) {
  const { t } = useTranslation();
  const message = CODES[code.toLowerCase()] ?? 'generic';
  return (
    <div className="notice notice--error" role="alert">
      <p>{t(`providerErrors.${message}`)}</p>
    </div>
  );
}
