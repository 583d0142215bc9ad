// The bank accounts module's public door: other modules and the composition root import from here only.
export { registerBankAccountRoutes, toBankAccountView } from './bank-accounts.routes.js';
export {
  BankAccountsService,
  PAYOUT_HOLD_MS,
  type BankAccountsDeps,
  type PayoutTarget,
} from './bank-accounts.service.js';
export { formatIban, ibanToCzechAccount, maskIban, type CzechAccount } from './bank-account-number.js';
