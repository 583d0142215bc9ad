import type { Provider } from '@shared/contracts/accounts.js';

/** Brand names stay as the brands write them; sentences that decline them are per provider in the locales. */
export const PROVIDER_NAMES: Record<Provider, string> = { facebook: 'Facebook', mojeid: 'MojeID' };
