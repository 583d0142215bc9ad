import { AcceptedResponseSchema } from '@shared/contracts/accounts.js';
import {
  BankAccountListSchema,
  BankAccountSchema,
  type BankAccount,
  type BankAccountCreate,
  type BankAccountList,
} from '@shared/contracts/bank-accounts.js';
import { change, NoContent, request, type Accepted } from './client.js';

/** The shopper's bank accounts (`/api/v1/me/bank-accounts`). */

export function listBankAccounts(signal?: AbortSignal): Promise<BankAccountList> {
  return request('GET', '/me/bank-accounts', BankAccountListSchema, { signal });
}

export function addBankAccount(input: BankAccountCreate): Promise<BankAccount> {
  return change('POST', '/me/bank-accounts', BankAccountSchema, input);
}

export function confirmBankAccount(token: string): Promise<BankAccount> {
  return change('POST', '/me/bank-accounts/confirm', BankAccountSchema, { token });
}

export function resendBankAccountConfirmation(id: string): Promise<Accepted> {
  return change('POST', `/me/bank-accounts/${encodeURIComponent(id)}/confirmation`, AcceptedResponseSchema);
}

export function removeBankAccount(id: string): Promise<void> {
  return change('DELETE', `/me/bank-accounts/${encodeURIComponent(id)}`, NoContent);
}
