import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CategorySchema,
  type AdminCashbackRule,
  type AdminShopDetail,
  type CashbackRuleCreate,
} from '@shared/contracts/admin-catalogue.js';
import type { CashbackRuleKind } from '@shared/contracts/shops.js';
import { MARKET_CURRENCY } from '@shared/markets.js';
import { addCashbackRule, endCashbackRule } from '../../api/admin.js';
import { useCashbackText } from '../../components/cashback.js';
import {
  ErrorSummary,
  RadioGroup,
  SuccessMessage,
  TextField,
  type FieldError,
} from '../../components/form.js';
import { formatDateTime, useLocale } from '../../components/format.js';
import { interpretAdminError } from './admin-errors.js';

const IDS = {
  kind: 'rule-kind',
  rate: 'rule-rate',
  amount: 'rule-amount',
  category: 'rule-category',
  validFrom: 'rule-from',
  validTo: 'rule-to',
} as const;

/** "4,5" or "4.5" (percent, at most two decimals) to basis points, without floating point. */
export function parsePercent(text: string): number | undefined {
  const match = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim().replace(/\s*%$/, ''));
  if (!match) return undefined;
  const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return basisPoints >= 1 && basisPoints <= 10000 ? basisPoints : undefined;
}

/** "150" or "150,50" (crowns or euros) to minor units as a string, without floating point. */
export function parseAmount(text: string): string | undefined {
  const match = /^(\d{1,13})(?:[.,](\d{1,2}))?$/.exec(text.trim().replace(/\s/g, ''));
  if (!match) return undefined;
  const minor = BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
  return minor > 0n ? minor.toString() : undefined;
}

/** A `datetime-local` value (the admin's own time zone) as an ISO instant; undefined when empty. */
function instantOf(local: string): string | undefined {
  if (local.trim() === '') return undefined;
  const time = new Date(local);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

export function CashbackRulesAdmin({
  shop,
  canEdit,
  onChanged,
}: {
  shop: AdminShopDetail;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const cashback = useCashbackText();
  const [ending, setEnding] = useState<string>();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();

  async function end(rule: AdminCashbackRule) {
    setEnding(rule.id);
    setMessage(undefined);
    try {
      await endCashbackRule(shop.slug, rule.id);
      setMessage({
        kind: 'ok',
        text: rule.state === 'scheduled' ? t('admin.rules.removed') : t('admin.rules.ended'),
      });
      onChanged();
    } catch (error) {
      setMessage({ kind: 'error', text: interpretAdminError(error, t, {}).form ?? t('errors.unexpected') });
    } finally {
      setEnding(undefined);
    }
  }

  return (
    <section aria-labelledby="admin-rules-title" className="panel">
      <h2 id="admin-rules-title">{t('admin.rules.title')}</h2>
      <p className="panel__intro">{t('admin.rules.intro')}</p>
      {message?.kind === 'ok' && (
        <SuccessMessage>
          <p>{message.text}</p>
        </SuccessMessage>
      )}
      {message?.kind === 'error' && (
        <p className="notice notice--error" role="alert">
          {message.text}
        </p>
      )}
      {shop.rules.length === 0 ? (
        <p className="status">{t('admin.rules.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="admin-rule-table">
            <caption>{t('admin.rules.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.rules.terms')}</th>
                <th scope="col">{t('admin.rules.category')}</th>
                <th scope="col">{t('admin.rules.validFrom')}</th>
                <th scope="col">{t('admin.rules.validTo')}</th>
                <th scope="col">{t('admin.rules.state')}</th>
                {canEdit && (
                  <th scope="col">
                    <span className="visually-hidden">{t('admin.rules.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {shop.rules.map((rule) => {
                const terms = cashback.rule({
                  kind: rule.kind,
                  basisPoints: rule.basisPoints,
                  fixed: rule.fixedAmount,
                });
                return (
                  <tr key={rule.id}>
                    <th scope="row">{terms}</th>
                    <td>
                      {rule.category === null
                        ? t('admin.rules.allCategories')
                        : cashback.category(rule.category)}
                    </td>
                    <td>{rule.validFrom === null ? '—' : formatDateTime(rule.validFrom, locale)}</td>
                    <td>
                      {rule.validTo === null ? t('admin.rules.noEnd') : formatDateTime(rule.validTo, locale)}
                    </td>
                    <td>{t(`admin.rules.states.${rule.state}`)}</td>
                    {canEdit && (
                      <td>
                        {rule.state !== 'ended' && (
                          <button
                            type="button"
                            className="button button--secondary button--small"
                            disabled={ending !== undefined}
                            onClick={() => void end(rule)}
                          >
                            {rule.state === 'scheduled'
                              ? t('admin.rules.remove', { terms })
                              : t('admin.rules.end', { terms })}
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && <AddRuleForm shop={shop} onAdded={onChanged} />}
    </section>
  );
}

function AddRuleForm({ shop, onAdded }: { shop: AdminShopDetail; onAdded: () => void }) {
  const { t } = useTranslation();
  const cashback = useCashbackText();
  const currency = MARKET_CURRENCY[shop.market];
  const [kind, setKind] = useState<CashbackRuleKind>('percent_of_order');
  const [rate, setRate] = useState('');
  const [amount, setAmount] = useState('');
  const [category, setCategory] = useState('');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [sending, setSending] = useState(false);
  const [added, setAdded] = useState<string>();

  function build(): { rule?: CashbackRuleCreate; errors: FieldError[] } {
    const found: FieldError[] = [];
    const timing: { category?: string; validFrom?: string; validTo?: string } = {};
    const code = category.trim();
    if (code !== '') {
      if (CategorySchema.safeParse(code).success) timing.category = code;
      else found.push({ id: IDS.category, message: t('admin.shop.categoriesInvalid', { codes: code }) });
    }
    const from = instantOf(validFrom);
    const to = instantOf(validTo);
    if (validFrom.trim() !== '' && from === undefined)
      found.push({ id: IDS.validFrom, message: t('admin.rules.dateInvalid') });
    if (validTo.trim() !== '' && to === undefined)
      found.push({ id: IDS.validTo, message: t('admin.rules.dateInvalid') });
    if (from !== undefined) timing.validFrom = from;
    if (to !== undefined) timing.validTo = to;
    if (from !== undefined && to !== undefined && Date.parse(to) <= Date.parse(from))
      found.push({ id: IDS.validTo, message: t('admin.rules.endBeforeStart') });

    if (kind === 'excluded') {
      if (timing.category === undefined) {
        if (category === '') found.push({ id: IDS.category, message: t('admin.rules.categoryRequired') });
        return { errors: found };
      }
      return { rule: { kind, ...timing, category: timing.category }, errors: found };
    }
    if (kind === 'fixed') {
      const amountMinor = parseAmount(amount);
      if (amountMinor === undefined) {
        found.push({ id: IDS.amount, message: t('admin.rules.amountInvalid') });
        return { errors: found };
      }
      return { rule: { kind, fixedAmount: { amountMinor, currency }, ...timing }, errors: found };
    }
    const basisPoints = parsePercent(rate);
    if (basisPoints === undefined) {
      found.push({ id: IDS.rate, message: t('admin.rules.rateInvalid') });
      return { errors: found };
    }
    return { rule: { kind, basisPoints, ...timing }, errors: found };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAdded(undefined);
    setFormError(undefined);
    const { rule, errors: found } = build();
    setErrors(found);
    if (!rule || found.length > 0) return;
    setSending(true);
    try {
      const saved = await addCashbackRule(shop.slug, rule);
      setAdded(cashback.rule({ kind: saved.kind, basisPoints: saved.basisPoints, fixed: saved.fixedAmount }));
      setRate('');
      setAmount('');
      setValidFrom('');
      setValidTo('');
      onAdded();
    } catch (error) {
      const interpreted = interpretAdminError(error, t, {
        basisPoints: IDS.rate,
        fixedAmount: IDS.amount,
        category: IDS.category,
        validFrom: IDS.validFrom,
        validTo: IDS.validTo,
      });
      setErrors(interpreted.fields);
      setFormError(interpreted.form);
    } finally {
      setSending(false);
    }
  }

  const errorOf = (id: string) => errors.find((error) => error.id === id)?.message;
  const kinds: CashbackRuleKind[] = ['percent_of_order', 'percent_of_commission', 'fixed', 'excluded'];
  // Codes to suggest: the shop's catalogue categories, those of its rules, and those we translate.
  const suggestions = [
    ...new Set([
      ...shop.categories,
      ...shop.rules.flatMap((rule) => (rule.category === null ? [] : [rule.category])),
      ...Object.keys(t('categories', { returnObjects: true })),
    ]),
  ].sort();

  return (
    <form noValidate className="subform" onSubmit={(event) => void submit(event)}>
      <h3>{t('admin.rules.addTitle')}</h3>
      <ErrorSummary errors={errors} formError={formError} />
      {added && (
        <SuccessMessage>
          <p>{t('admin.rules.added', { terms: added })}</p>
        </SuccessMessage>
      )}
      <RadioGroup<CashbackRuleKind>
        id={IDS.kind}
        name="rule-kind"
        legend={t('admin.rules.kind')}
        choices={kinds.map((value) => ({ value, label: t(`admin.rules.kinds.${value}`) }))}
        value={kind}
        onChange={setKind}
      />
      {kind === 'excluded' ? null : kind === 'fixed' ? (
        <TextField
          id={IDS.amount}
          label={t('admin.rules.amount', { currency })}
          hint={t('admin.rules.amountHint')}
          inputMode="decimal"
          className="field__input--short"
          value={amount}
          onChange={setAmount}
          error={errorOf(IDS.amount)}
        />
      ) : (
        <TextField
          id={IDS.rate}
          label={t('admin.rules.rate')}
          hint={
            kind === 'percent_of_order' ? t('admin.rules.rateHintOrder') : t('admin.rules.rateHintCommission')
          }
          inputMode="decimal"
          className="field__input--short"
          value={rate}
          onChange={setRate}
          error={errorOf(IDS.rate)}
        />
      )}
      <TextField
        id={IDS.category}
        label={t('admin.rules.category')}
        hint={kind === 'excluded' ? t('admin.rules.categoryHintExcluded') : t('admin.rules.categoryHint')}
        className="field__input--medium"
        list={`${IDS.category}-codes`}
        autoComplete="off"
        spellCheck={false}
        value={category}
        onChange={setCategory}
        error={errorOf(IDS.category)}
        after={
          <datalist id={`${IDS.category}-codes`}>
            {suggestions.map((code) => (
              <option key={code} value={code}>
                {cashback.category(code)}
              </option>
            ))}
          </datalist>
        }
      />
      <TextField
        id={IDS.validFrom}
        type="datetime-local"
        className="field__input--medium"
        label={t('admin.rules.validFrom')}
        hint={t('admin.rules.validFromHint')}
        value={validFrom}
        onChange={setValidFrom}
        error={errorOf(IDS.validFrom)}
      />
      <TextField
        id={IDS.validTo}
        type="datetime-local"
        className="field__input--medium"
        label={t('admin.rules.validTo')}
        hint={t('admin.rules.validToHint')}
        value={validTo}
        onChange={setValidTo}
        error={errorOf(IDS.validTo)}
      />
      <button type="submit" className="button" disabled={sending}>
        {sending ? t('admin.saving') : t('admin.rules.add')}
      </button>
    </form>
  );
}
