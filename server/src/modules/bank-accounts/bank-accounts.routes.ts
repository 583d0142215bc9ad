import {
  BankAccountConfirmSchema,
  BankAccountCreateSchema,
  BankAccountIdParamsSchema,
  BankAccountListSchema,
  BankAccountSchema,
  PAYOUT_HOLD_HOURS,
  SharedIbanPageSchema,
  SharedIbanQuerySchema,
} from '@shared/contracts/bank-accounts.js';
import { AcceptedResponseSchema } from '@shared/contracts/accounts.js';
import type { ApiRouter } from '../../platform/http/api-router.js';
import { clientInfo } from '../../platform/http/client-info.js';
import { guardMiddleware, type CallerGuard } from '../../platform/http/guards.js';
import { limit } from '../../platform/http/rate-limit.js';
import { requireRole, requireSession, withScope } from '../accounts/index.js';
import type { AuditService } from '../audit/index.js';
import type { BankAccount } from './bank-account.entity.js';
import { bankOfIban, maskIban, type BankDirectory } from './bank-account-number.js';
import type { BankAccountsService } from './bank-accounts.service.js';
import { bankDirectory } from './bank-directory.js';

type Security = Array<Record<string, string[]>>;
const SECURITY: Security = [{ cookieSession: [] }];
const READ_SECURITY: Security = [
  { cookieSession: [] },
  { personalAccessToken: ['read'] },
  { personalAccessToken: ['payouts'] },
];
const WINDOW_MS = 15 * 60_000;

/** Reading the (masked) list: a token with `read`, or with `payouts`, which must name an account to pay to. */
const readOrPayouts: CallerGuard = (caller) => {
  try {
    withScope('read')(caller);
  } catch {
    withScope('payouts')(caller);
  }
};

/** `19-2000145399/0800` → `**-******5399/0800`: the bank and the last four digits stay. */
function maskDomestic(domestic: string): string {
  const [account = '', bankCode = ''] = domestic.split('/');
  const digits = [...account].filter((character) => /\d/.test(character)).length;
  let seen = 0;
  const masked = [...account]
    .map((character) => {
      if (!/\d/.test(character)) return character;
      seen += 1;
      return seen > digits - 4 ? character : '*';
    })
    .join('');
  return `${masked}/${bankCode}`;
}

export function toBankAccountView(account: BankAccount, banks: BankDirectory = bankDirectory()) {
  return {
    id: account.id,
    maskedIban: maskIban(account.iban),
    bic: account.bic,
    bankName: bankOfIban(account.iban, banks)?.name ?? null,
    holderName: account.holderName,
    maskedDomestic: account.domesticNumber === null ? null : maskDomestic(account.domesticNumber),
    createdAt: account.createdAt.toISOString(),
    verifiedAt: account.verifiedAt?.toISOString() ?? null,
  };
}

const HOLD_NOTE =
  `Adding or removing an account holds payouts for ${PAYOUT_HOLD_HOURS} hours, and is mailed to ` +
  'the shopper. Changes need a logged-in browser: a personal access token, whatever its scopes, ' +
  'cannot add, confirm or remove an account.';

/** The shopper's bank accounts, and the staff list of IBANs that several shoppers use. */
export function registerBankAccountRoutes(
  api: ApiRouter,
  deps: { bankAccounts: BankAccountsService; audit: AuditService },
): void {
  const { bankAccounts } = deps;

  api.route(
    {
      method: 'get',
      path: '/me/bank-accounts',
      summary: 'My bank accounts (masked) and until when payouts wait',
      tags: ['me'],
      security: READ_SECURITY,
      before: [guardMiddleware(readOrPayouts)],
      responses: {
        200: { description: 'Accounts not removed, oldest first', schema: BankAccountListSchema },
      },
    },
    async ({ req }) => {
      const list = await bankAccounts.list(req.auth!.user.id);
      return {
        items: list.items.map((account) => toBankAccountView(account)),
        payoutsBlockedUntil: list.payoutsBlockedUntil?.toISOString() ?? null,
      };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/me/bank-accounts',
      summary: 'Add a bank account (IBAN or Czech prefix-number/bank code); a confirmation link is mailed',
      description:
        'A bad number is 400 with the reason in `code` (`BANK_ACCOUNT_FORMAT`, `BANK_ACCOUNT_PREFIX_CHECKSUM`, ' +
        '`BANK_ACCOUNT_NUMBER_CHECKSUM`, `BANK_ACCOUNT_UNKNOWN_BANK_CODE`, `BANK_ACCOUNT_INVALID_IBAN`, ' +
        '`BANK_ACCOUNT_IBAN_CHECKSUM`, `BANK_ACCOUNT_NOT_SEPA`) and in `errors` on `account`. ' +
        HOLD_NOTE,
      tags: ['me'],
      security: SECURITY,
      body: BankAccountCreateSchema,
      before: [
        requireSession,
        limit({ name: 'bank-account-add', windowMs: WINDOW_MS, limit: 10, key: (req) => req.auth?.user.id }),
      ],
      responses: { 201: { description: 'Added, not confirmed yet', schema: BankAccountSchema } },
    },
    async ({ body, req }) =>
      toBankAccountView(await bankAccounts.add(req.auth!.user.id, body, clientInfo(req))),
  );

  api.route(
    {
      method: 'post',
      path: '/me/bank-accounts/confirm',
      summary: 'Confirm a bank account with the token from the mailed link',
      description: 'The link must be for the logged-in shopper. ' + HOLD_NOTE,
      tags: ['me'],
      security: SECURITY,
      body: BankAccountConfirmSchema,
      before: [requireSession],
      responses: { 200: { description: 'Confirmed', schema: BankAccountSchema } },
    },
    async ({ body, req }) =>
      toBankAccountView(await bankAccounts.confirm(req.auth!.user.id, body.token, clientInfo(req))),
  );

  api.route(
    {
      method: 'post',
      path: '/me/bank-accounts/:id/confirmation',
      summary: 'Mail a new confirmation link for an account not confirmed yet',
      tags: ['me'],
      security: SECURITY,
      params: BankAccountIdParamsSchema,
      before: [
        requireSession,
        limit({
          name: 'bank-account-resend',
          windowMs: WINDOW_MS,
          limit: 5,
          key: (req) => req.auth?.user.id,
        }),
      ],
      responses: { 202: { description: 'Sent if not confirmed yet', schema: AcceptedResponseSchema } },
    },
    async ({ params, req }) => {
      await bankAccounts.resendConfirmation(req.auth!.user.id, params.id);
      return {
        status: 'accepted' as const,
        message: 'If the account is not confirmed yet, a new link is on its way.',
      };
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/me/bank-accounts/:id',
      summary: 'Remove a bank account (it is kept for the payouts that name it)',
      description: HOLD_NOTE,
      tags: ['me'],
      security: SECURITY,
      params: BankAccountIdParamsSchema,
      before: [requireSession],
      responses: { 204: { description: 'Removed' } },
    },
    async ({ params, req }) => {
      await bankAccounts.remove(req.auth!.user.id, params.id, clientInfo(req));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/admin/bank-accounts/shared-ibans',
      summary: 'IBANs entered by more than one shopper (each read of a shopper’s data is audited)',
      tags: ['admin'],
      security: SECURITY,
      query: SharedIbanQuerySchema,
      before: [requireRole('finance', 'admin')],
      responses: { 200: { description: 'In IBAN order', schema: SharedIbanPageSchema } },
    },
    async ({ query, req }) => {
      const page = await bankAccounts.sharedIbans(query.limit, query.cursor);
      const client = clientInfo(req);
      const subjects = new Set(page.items.flatMap((item) => item.accounts.map((account) => account.userId)));
      for (const subjectUserId of subjects) {
        await deps.audit.record({
          action: 'personal_data_viewed',
          actor: { kind: 'staff', userId: req.auth!.user.id },
          subjectUserId,
          client,
          after: { view: 'shared-ibans' },
        });
      }
      return {
        items: page.items.map((item) => ({
          iban: item.iban,
          bic: item.bic,
          users: item.users,
          accounts: item.accounts.map((account) => ({
            id: account.id,
            userId: account.userId,
            holderName: account.holderName,
            createdAt: account.createdAt.toISOString(),
            verifiedAt: account.verifiedAt?.toISOString() ?? null,
            removedAt: account.removedAt?.toISOString() ?? null,
          })),
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
}
