import type { TFunction } from 'i18next';
import { ApiError, NETWORK_ERROR } from '../api/client.js';
import type { FieldError } from './form.js';

export interface ErrorRules {
  /** Server validation paths (`errors[].path`) to the control and the message to show there. */
  paths?: Record<string, FieldError>;
  /** Problem codes to a field error, or to a message for the whole form. */
  codes?: Record<string, FieldError | string>;
}

export interface InterpretedError {
  fields: FieldError[];
  form?: string;
}

/** What went wrong, in words for the shopper: which fields, or one line for the whole form. */
export function interpretError(error: unknown, t: TFunction, rules: ErrorRules = {}): InterpretedError {
  if (!(error instanceof ApiError)) return { fields: [], form: t('errors.unexpected') };
  const known = rules.codes?.[error.code];
  if (typeof known === 'string') return { fields: [], form: known };
  if (known) return { fields: [known] };
  if (error.code === 'VALIDATION_FAILED') {
    const fields: FieldError[] = [];
    let unmapped = false;
    for (const issue of error.problem?.errors ?? []) {
      const field = rules.paths?.[issue.path];
      if (field && !fields.some((existing) => existing.id === field.id)) fields.push(field);
      if (!field) unmapped = true;
    }
    return unmapped || fields.length === 0 ? { fields, form: t('errors.validation') } : { fields };
  }
  return { fields: [], form: generalMessage(error, t) };
}

/** A message for failures no form can do anything specific about. */
export function generalMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('errors.unexpected');
  if (error.code === NETWORK_ERROR) return t('errors.network');
  if (error.code === 'RATE_LIMITED') {
    return t('errors.rateLimited', { minutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)) });
  }
  if (error.code === 'UNAUTHENTICATED') return t('errors.loggedOut');
  if (error.status >= 500) return t('errors.server');
  return t('errors.unexpected');
}
