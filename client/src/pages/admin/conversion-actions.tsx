import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ShopSlugSchema } from '@shared/contracts/admin-catalogue.js';
import type { AdminConversion } from '@shared/contracts/admin-money.js';
import { formatMoney, MINOR_UNITS, parseDecimalToMinor } from '@shared/money.js';
import { adjustConversion, assignConversion, dismissConversion } from '../../api/admin-money.js';
import { ApiError } from '../../api/client.js';
import { ErrorSummary, TextAreaField, TextField, type FieldError } from '../../components/form.js';
import { useLocale } from '../../components/format.js';
import { interpretAdminError } from './admin-errors.js';

const REASON_MIN = 5;
const REASON_MAX = 500;
const ID_PATTERN = /^[1-9]\d{0,18}$/;

/** A fresh key per adjustment: sending the same form twice (a double click, a retry) posts once. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return `adj-${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `adj-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * "12,50", "-12.5", "−3" to signed minor units; undefined unless it is a non-zero amount with at
 * most the currency's decimals. Parsed exactly, never through a float.
 */
export function parseSignedAmount(text: string, digits: number): bigint | undefined {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  const negative = /^[-\u2212]/.test(compact);
  const minor = parseDecimalToMinor(negative ? compact.slice(1) : compact, digits);
  if (minor === undefined || minor === 0n) return undefined;
  return negative ? -minor : minor;
}

/** A staff reason fits the server's rule (5–500 characters once trimmed). */
function reasonFits(reason: string): boolean {
  const length = reason.trim().length;
  return length >= REASON_MIN && length <= REASON_MAX;
}

/** One action's panel: a heading, a short why, the form. */
function ActionPanel({
  id,
  title,
  intro,
  children,
}: {
  id: string;
  title: string;
  intro: string;
  children: ReactNode;
}) {
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="panel__intro">{intro}</p>
      {children}
    </section>
  );
}

export function AdjustmentForm({
  conversion,
  onDone,
}: {
  conversion: AdminConversion;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const ids = { amount: useId(), reason: useId(), key: useId() };
  const currency = conversion.share.currency;
  const digits = MINOR_UNITS[currency];
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [sending, setSending] = useState(false);
  const parsed = parseSignedAmount(amount, digits);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldError[] = [];
    if (parsed === undefined)
      found.push({ id: ids.amount, message: t('admin.conversion.adjust.amountInvalid') });
    if (!reasonFits(reason)) found.push({ id: ids.reason, message: t('admin.conversion.reasonInvalid') });
    setErrors(found);
    setFormError(undefined);
    if (found.length > 0 || parsed === undefined) return;
    setSending(true);
    try {
      const result = await adjustConversion(
        conversion.id,
        { amount: { amountMinor: parsed.toString(), currency }, reason: reason.trim() },
        idempotencyKey,
      );
      const balance = {
        available: formatMoney(result.balance.available.amountMinor, currency, locale),
        debt: formatMoney(result.balance.debt.amountMinor, currency, locale),
      };
      onDone(
        result.duplicate
          ? t('admin.conversion.adjust.duplicate', balance)
          : t('admin.conversion.adjust.done', balance),
      );
    } catch (error) {
      // The key now belongs to another adjustment: the next attempt gets a key of its own.
      if (error instanceof ApiError && error.code === 'IDEMPOTENCY_KEY_REUSED') {
        setIdempotencyKey(newIdempotencyKey());
        setFormError(t('admin.conversion.adjust.keyReused'));
      } else {
        const interpreted = interpretAdminError(error, t, {
          amount: ids.amount,
          reason: ids.reason,
        });
        setErrors(interpreted.fields);
        setFormError(interpreted.form);
      }
    } finally {
      setSending(false);
    }
  }

  const errorOf = (id: string) => errors.find((error) => error.id === id)?.message;
  const amountText =
    parsed === undefined ? '' : formatMoney(parsed < 0n ? -parsed : parsed, currency, locale);

  return (
    <ActionPanel
      id="conversion-adjust"
      title={t('admin.conversion.adjust.title')}
      intro={t('admin.conversion.adjust.intro')}
    >
      <form noValidate className="admin-form" onSubmit={(event) => void submit(event)}>
        <ErrorSummary errors={errors} formError={formError} />
        <TextField
          id={ids.amount}
          label={t('admin.conversion.adjust.amount', { currency })}
          hint={t('admin.conversion.adjust.amountHint')}
          className="field__input--short"
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          onChange={setAmount}
          error={errorOf(ids.amount)}
        />
        <TextAreaField
          id={ids.reason}
          label={t('admin.conversion.reasonLabel')}
          hint={t('admin.conversion.reasonHint')}
          rows={3}
          maxLength={REASON_MAX}
          value={reason}
          onChange={setReason}
          error={errorOf(ids.reason)}
        />
        <TextField
          id={ids.key}
          label={t('admin.conversion.adjust.key')}
          hint={t('admin.conversion.adjust.keyHint')}
          className="field__input--code"
          readOnly
          value={idempotencyKey}
          onChange={() => undefined}
          error={errorOf(ids.key)}
        />
        <button
          type="submit"
          className={parsed !== undefined && parsed < 0n ? 'button button--danger' : 'button'}
          disabled={sending}
        >
          {sending
            ? t('admin.saving')
            : parsed === undefined
              ? t('admin.conversion.adjust.submit')
              : parsed > 0n
                ? t('admin.conversion.adjust.credit', { amount: amountText })
                : t('admin.conversion.adjust.debit', { amount: amountText })}
        </button>
      </form>
    </ActionPanel>
  );
}

export function AssignForm({
  conversion,
  onDone,
}: {
  conversion: AdminConversion;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const ids = { userId: useId(), reason: useId(), shop: useId() };
  const needsShop = conversion.shop === null;
  const [userId, setUserId] = useState('');
  const [reason, setReason] = useState('');
  const [shop, setShop] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldError[] = [];
    if (!ID_PATTERN.test(userId.trim()))
      found.push({ id: ids.userId, message: t('admin.conversions.userIdInvalid') });
    if (!reasonFits(reason)) found.push({ id: ids.reason, message: t('admin.conversion.reasonInvalid') });
    if (needsShop && !ShopSlugSchema.safeParse(shop.trim()).success)
      found.push({ id: ids.shop, message: t('admin.conversion.assign.shopMissing') });
    setErrors(found);
    setFormError(undefined);
    if (found.length > 0) return;
    setSending(true);
    try {
      await assignConversion(conversion.id, {
        userId: userId.trim(),
        reason: reason.trim(),
        ...(needsShop ? { shopSlug: shop.trim() } : {}),
      });
      onDone(t('admin.conversion.assign.done', { userId: userId.trim() }));
    } catch (error) {
      const interpreted = interpretAdminError(
        error,
        t,
        { userId: ids.userId, reason: ids.reason, shopSlug: ids.shop },
        {
          USER_NOT_FOUND: { id: ids.userId, message: t('admin.conversion.assign.userNotFound') },
          SHOP_NOT_FOUND: { id: ids.shop, message: t('admin.conversion.assign.shopNotFound') },
        },
      );
      setErrors(interpreted.fields);
      setFormError(interpreted.form);
    } finally {
      setSending(false);
    }
  }

  const errorOf = (id: string) => errors.find((error) => error.id === id)?.message;

  return (
    <ActionPanel
      id="conversion-assign"
      title={t('admin.conversion.assign.title')}
      intro={t('admin.conversion.assign.intro')}
    >
      <form noValidate className="admin-form" onSubmit={(event) => void submit(event)}>
        <ErrorSummary errors={errors} formError={formError} />
        <TextField
          id={ids.userId}
          label={t('admin.conversions.userId')}
          className="field__input--medium"
          inputMode="numeric"
          autoComplete="off"
          value={userId}
          onChange={setUserId}
          error={errorOf(ids.userId)}
        />
        {needsShop && (
          <TextField
            id={ids.shop}
            label={t('admin.conversions.shop')}
            hint={t('admin.conversion.assign.shopHint')}
            className="field__input--medium"
            autoComplete="off"
            spellCheck={false}
            value={shop}
            onChange={setShop}
            error={errorOf(ids.shop)}
          />
        )}
        <TextAreaField
          id={ids.reason}
          label={t('admin.conversion.reasonLabel')}
          hint={t('admin.conversion.reasonHint')}
          rows={3}
          maxLength={REASON_MAX}
          value={reason}
          onChange={setReason}
          error={errorOf(ids.reason)}
        />
        <button type="submit" className="button" disabled={sending}>
          {sending ? t('admin.saving') : t('admin.conversion.assign.submit')}
        </button>
      </form>
    </ActionPanel>
  );
}

export function DismissForm({
  conversion,
  onDone,
}: {
  conversion: AdminConversion;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = reasonFits(reason) ? [] : [{ id: reasonId, message: t('admin.conversion.reasonInvalid') }];
    setErrors(found);
    setFormError(undefined);
    if (found.length > 0) return;
    setSending(true);
    try {
      await dismissConversion(conversion.id, { reason: reason.trim() });
      onDone(t('admin.conversion.dismiss.done'));
    } catch (error) {
      const interpreted = interpretAdminError(error, t, { reason: reasonId });
      setErrors(interpreted.fields);
      setFormError(interpreted.form);
    } finally {
      setSending(false);
    }
  }

  return (
    <ActionPanel
      id="conversion-dismiss"
      title={t('admin.conversion.dismiss.title')}
      intro={t('admin.conversion.dismiss.intro')}
    >
      <form noValidate className="admin-form" onSubmit={(event) => void submit(event)}>
        <ErrorSummary errors={errors} formError={formError} />
        <TextAreaField
          id={reasonId}
          label={t('admin.conversion.reasonLabel')}
          hint={t('admin.conversion.reasonHint')}
          rows={3}
          maxLength={REASON_MAX}
          value={reason}
          onChange={setReason}
          error={errors.find((error) => error.id === reasonId)?.message}
        />
        <button type="submit" className="button button--secondary" disabled={sending}>
          {sending ? t('admin.saving') : t('admin.conversion.dismiss.submit')}
        </button>
      </form>
    </ActionPanel>
  );
}
