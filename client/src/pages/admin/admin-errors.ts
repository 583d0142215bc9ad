import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client.js';
import { generalMessage, type InterpretedError } from '../../components/api-errors.js';
import type { FieldError } from '../../components/form.js';

/**
 * A refused admin change in words next to the fields. The server names each problem by its path
 * (`deepLinkHosts.2`, `slug`); the first part picks the field, a number after it is the line of a
 * list field. The server's own sentences (English, for staff) are shown as they come.
 */
export function interpretAdminError(
  error: unknown,
  t: TFunction,
  fields: Record<string, string>,
  codes: Record<string, FieldError | string> = {},
): InterpretedError {
  if (!(error instanceof ApiError)) return { fields: [], form: t('errors.unexpected') };
  const known = codes[error.code];
  if (typeof known === 'string') return { fields: [], form: known };
  if (known) return { fields: [known] };
  if (error.code === 'FORBIDDEN') return { fields: [], form: t('admin.errors.forbidden') };
  const issues = error.problem?.errors ?? [];
  if (issues.length === 0) {
    return { fields: [], form: error.status === 400 ? error.message : generalMessage(error, t) };
  }
  const found: FieldError[] = [];
  const unmapped: string[] = [];
  for (const issue of issues) {
    const [head = '', index] = issue.path.split('.');
    const id = fields[head];
    if (!id) {
      unmapped.push(issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`);
      continue;
    }
    const message =
      index !== undefined && /^\d+$/.test(index)
        ? t('admin.errors.line', { line: Number(index) + 1, message: issue.message })
        : issue.message;
    const existing = found.find((field) => field.id === id);
    if (existing) existing.message = `${existing.message} ${message}`;
    else found.push({ id, message });
  }
  return {
    fields: found,
    form: unmapped.length > 0 ? `${t('errors.validation')} ${unmapped.join(' ')}` : undefined,
  };
}

/** Development deployments accept the demo shops' http://localhost templates; the server decides. */
export function allowsHttpLocalhost(): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(window.location.hostname);
}
