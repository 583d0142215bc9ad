import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CategorySchema,
  LogoUrlSchema,
  MAX_SHOP_CATEGORIES,
  ShopSlugSchema,
  type AdminNetwork,
  type AdminShopDetail,
  type ShopCreate,
  type ShopUpdate,
} from '@shared/contracts/admin-catalogue.js';
import { MARKET_CODES, type MarketCode } from '@shared/markets.js';
import {
  CLICK_ID_PLACEHOLDER,
  DEEP_LINK_PLACEHOLDER,
  validateDeepLinkHosts,
  validateTrackingTemplate,
} from '@shared/tracking-template.js';
import {
  CheckboxField,
  ErrorSummary,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
  type FieldError,
} from '../../components/form.js';
import { allowsHttpLocalhost, interpretAdminError } from './admin-errors.js';

export const SHOP_FIELD_IDS = {
  slug: 'shop-slug',
  name: 'shop-name',
  market: 'shop-market',
  networkSlug: 'shop-network',
  logoUrl: 'shop-logo',
  description: 'shop-description',
  categories: 'shop-categories',
  trackingTemplate: 'shop-template',
  deepLinkHosts: 'shop-hosts',
  conditions: 'shop-conditions',
  confirmationDays: 'shop-confirmation',
  isActive: 'shop-active',
} as const;
type Field = keyof typeof SHOP_FIELD_IDS;

export interface ShopFormValues {
  slug: string;
  name: string;
  market: MarketCode;
  networkSlug: string;
  logoUrl: string;
  description: string;
  categories: string;
  trackingTemplate: string;
  deepLinkHosts: string;
  conditions: string;
  confirmationDays: string;
  isActive: boolean;
}

export function emptyShopValues(networkSlug: string): ShopFormValues {
  return {
    slug: '',
    name: '',
    market: 'cz',
    networkSlug,
    logoUrl: '',
    description: '',
    categories: '',
    trackingTemplate: '',
    deepLinkHosts: '',
    conditions: '',
    confirmationDays: '45',
    isActive: true,
  };
}

export function shopValues(shop: AdminShopDetail): ShopFormValues {
  return {
    slug: shop.slug,
    name: shop.name,
    market: shop.market,
    networkSlug: shop.networkSlug,
    logoUrl: shop.logoUrl ?? '',
    description: shop.description,
    categories: shop.categories.join(', '),
    trackingTemplate: shop.trackingTemplate,
    deepLinkHosts: shop.deepLinkHosts.join('\n'),
    conditions: shop.conditions,
    confirmationDays: String(shop.confirmationDays),
    isActive: shop.isActive,
  };
}

const listOf = (text: string, separator: RegExp) =>
  text
    .split(separator)
    .map((item) => item.trim())
    .filter((item) => item !== '');

const hostsOf = (text: string) => listOf(text, /\r?\n/);
const categoriesOf = (text: string) => listOf(text, /[,\s]+/);

/** The fields as the API takes them (everything but slug and market, which only a new shop has). */
function editableFields(values: ShopFormValues): Required<ShopUpdate> {
  return {
    name: values.name.trim(),
    networkSlug: values.networkSlug,
    logoUrl: values.logoUrl.trim() === '' ? null : values.logoUrl.trim(),
    description: values.description.trim(),
    categories: categoriesOf(values.categories),
    trackingTemplate: values.trackingTemplate.trim(),
    deepLinkHosts: hostsOf(values.deepLinkHosts),
    conditions: values.conditions.trim(),
    confirmationDays: Number(values.confirmationDays.trim()),
    isActive: values.isActive,
  };
}

export function toShopCreate(values: ShopFormValues): ShopCreate {
  return { slug: values.slug.trim(), market: values.market, ...editableFields(values) };
}

/** Only what changed, so the audit log and the cache see exactly the change. */
export function toShopUpdate(values: ShopFormValues, initial: ShopFormValues): ShopUpdate {
  const now = editableFields(values);
  const before = editableFields(initial);
  const changed = (Object.keys(now) as Array<keyof typeof now>).filter(
    (key) => JSON.stringify(now[key]) !== JSON.stringify(before[key]),
  );
  return Object.fromEntries(changed.map((key) => [key, now[key]]));
}

/** The tracking URL's problem, checked as the server checks it. */
function templateProblem(template: string): string | undefined {
  return (
    validateTrackingTemplate(template.trim(), { allowHttpLocalhost: allowsHttpLocalhost() }) ?? undefined
  );
}

function hostProblems(text: string): string[] {
  const hosts = hostsOf(text);
  return validateDeepLinkHosts(hosts).map((problem) =>
    problem.index === null ? problem.message : `${hosts[problem.index]}: ${problem.message}`,
  );
}

interface ShopFormProps {
  mode: 'create' | 'edit';
  initial: ShopFormValues;
  networks: AdminNetwork[];
  readOnly: boolean;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (values: ShopFormValues) => Promise<void>;
  /** Shown above the form after a successful save. */
  notice?: ReactNode;
}

export function ShopForm({
  mode,
  initial,
  networks,
  readOnly,
  submitLabel,
  busyLabel,
  onSubmit,
  notice,
}: ShopFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [sending, setSending] = useState(false);
  const ids = SHOP_FIELD_IDS;

  // The values of the last attempt: a field changed since then no longer shows its old error.
  const [submitted, setSubmitted] = useState<ShopFormValues>();
  const set = <K extends keyof ShopFormValues>(field: K, value: ShopFormValues[K]) =>
    setValues((previous) => ({ ...previous, [field]: value }));
  const touch = (field: Field) => setTouched((previous) => ({ ...previous, [field]: true }));

  // Checked live, once the field has been left once: these are the two that are easy to get wrong.
  const liveTemplate = touched.trackingTemplate ? templateProblem(values.trackingTemplate) : undefined;
  const liveHosts = touched.deepLinkHosts ? hostProblems(values.deepLinkHosts) : [];

  function validate(): FieldError[] {
    const found: FieldError[] = [];
    const add = (field: Field, message: string) => found.push({ id: ids[field], message });
    if (mode === 'create' && !ShopSlugSchema.safeParse(values.slug.trim()).success)
      add('slug', t('admin.shop.slugInvalid'));
    if (values.name.trim() === '') add('name', t('admin.shop.nameMissing'));
    else if (values.name.trim().length > 120) add('name', t('admin.shop.nameTooLong'));
    if (values.networkSlug === '') add('networkSlug', t('admin.shop.networkMissing'));
    if (values.logoUrl.trim() !== '' && !LogoUrlSchema.safeParse(values.logoUrl.trim()).success)
      add('logoUrl', t('admin.shop.logoInvalid'));
    const categories = categoriesOf(values.categories);
    const badCategories = categories.filter((code) => !CategorySchema.safeParse(code).success);
    if (badCategories.length > 0)
      add('categories', t('admin.shop.categoriesInvalid', { codes: badCategories.join(', ') }));
    else if (new Set(categories).size !== categories.length)
      add('categories', t('admin.shop.categoriesTwice'));
    else if (categories.length > MAX_SHOP_CATEGORIES)
      add('categories', t('admin.shop.categoriesTooMany', { max: MAX_SHOP_CATEGORIES }));
    const template = templateProblem(values.trackingTemplate);
    if (template !== undefined) add('trackingTemplate', template);
    const hosts = hostProblems(values.deepLinkHosts);
    if (hosts.length > 0) add('deepLinkHosts', hosts.join(' '));
    // "Continue without cashback" lands on the first host; without one it would have nowhere to go.
    else if (hostsOf(values.deepLinkHosts).length === 0) add('deepLinkHosts', t('admin.shop.hostsMissing'));
    const days = values.confirmationDays.trim();
    if (!/^\d{1,3}$/.test(days) || Number(days) < 1 || Number(days) > 365)
      add('confirmationDays', t('admin.shop.confirmationInvalid'));
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (readOnly) return;
    const found = validate();
    setErrors(found);
    setFormError(undefined);
    setSubmitted(values);
    setTouched({ trackingTemplate: true, deepLinkHosts: true });
    if (found.length > 0) return;
    setSending(true);
    try {
      await onSubmit(values);
    } catch (error) {
      const interpreted = interpretAdminError(error, t, ids, {
        SLUG_TAKEN: { id: ids.slug, message: t('admin.shop.slugTaken') },
        UNKNOWN_NETWORK: { id: ids.networkSlug, message: t('admin.shop.networkMissing') },
      });
      setErrors(interpreted.fields);
      setFormError(interpreted.form);
    } finally {
      setSending(false);
    }
  }

  const errorOf = (field: Field) =>
    submitted !== undefined && submitted[field] === values[field]
      ? errors.find((error) => error.id === ids[field])?.message
      : undefined;
  const templateError = errorOf('trackingTemplate') ?? liveTemplate;
  const hostsError = errorOf('deepLinkHosts') ?? (liveHosts.length > 0 ? liveHosts.join(' ') : undefined);
  const knownCategories = Object.keys(t('categories', { returnObjects: true })).join(', ');
  const networkChoices = networks.map((network) => ({
    value: network.slug,
    label: network.isActive ? network.name : `${network.name} (${t('admin.networks.inactive')})`,
  }));

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="admin-form">
      <ErrorSummary errors={errors} formError={formError} />
      {notice}
      <fieldset className="admin-form__fields" disabled={readOnly || sending}>
        <legend className="visually-hidden">{t('admin.shop.formLegend')}</legend>
        {mode === 'create' ? (
          <>
            <TextField
              id={ids.slug}
              label={t('admin.shop.slug')}
              hint={t('admin.shop.slugHint')}
              value={values.slug}
              onChange={(value) => set('slug', value)}
              autoComplete="off"
              spellCheck={false}
              error={errorOf('slug')}
            />
            <RadioGroup<MarketCode>
              id={ids.market}
              name="shop-market"
              legend={t('admin.shop.market')}
              hint={t('admin.shop.marketHint')}
              choices={MARKET_CODES.map((code) => ({ value: code, label: t(`market.${code}`) }))}
              value={values.market}
              onChange={(value) => set('market', value)}
            />
          </>
        ) : (
          <dl className="facts">
            <div>
              <dt>{t('admin.shop.slug')}</dt>
              <dd>
                <code>{values.slug}</code>
              </dd>
            </div>
            <div>
              <dt>{t('admin.shop.market')}</dt>
              <dd>{t(`market.${values.market}`)}</dd>
            </div>
          </dl>
        )}
        <TextField
          id={ids.name}
          label={t('admin.shop.name')}
          value={values.name}
          onChange={(value) => set('name', value)}
          maxLength={120}
          error={errorOf('name')}
        />
        {networkChoices.length > 0 ? (
          <SelectField
            id={ids.networkSlug}
            label={t('admin.shop.network')}
            choices={
              values.networkSlug === ''
                ? [{ value: '', label: t('admin.shop.networkChoose') }, ...networkChoices]
                : networkChoices
            }
            value={values.networkSlug}
            onChange={(value) => set('networkSlug', value)}
            error={errorOf('networkSlug')}
          />
        ) : (
          <p className="notice notice--error">{t('admin.shop.noNetworks')}</p>
        )}
        <TextAreaField
          id={ids.trackingTemplate}
          label={t('admin.shop.trackingTemplate')}
          hint={t('admin.shop.trackingTemplateHint', {
            clickId: CLICK_ID_PLACEHOLDER,
            to: DEEP_LINK_PLACEHOLDER,
          })}
          className="field__input--code"
          rows={3}
          spellCheck={false}
          value={values.trackingTemplate}
          onChange={(value) => set('trackingTemplate', value)}
          onBlur={() => touch('trackingTemplate')}
          error={templateError}
        />
        <TextAreaField
          id={ids.deepLinkHosts}
          label={t('admin.shop.deepLinkHosts')}
          hint={t('admin.shop.deepLinkHostsHint')}
          className="field__input--code"
          rows={3}
          spellCheck={false}
          value={values.deepLinkHosts}
          onChange={(value) => set('deepLinkHosts', value)}
          onBlur={() => touch('deepLinkHosts')}
          error={hostsError}
        />
        <TextField
          id={ids.logoUrl}
          label={t('admin.shop.logoUrl')}
          hint={t('admin.shop.logoUrlHint')}
          value={values.logoUrl}
          onChange={(value) => set('logoUrl', value)}
          spellCheck={false}
          error={errorOf('logoUrl')}
        />
        <TextAreaField
          id={ids.description}
          label={t('admin.shop.description')}
          value={values.description}
          onChange={(value) => set('description', value)}
          maxLength={5000}
          error={errorOf('description')}
        />
        <TextField
          id={ids.categories}
          label={t('admin.shop.categories')}
          hint={t('admin.shop.categoriesHint', { known: knownCategories })}
          value={values.categories}
          onChange={(value) => set('categories', value)}
          spellCheck={false}
          error={errorOf('categories')}
        />
        <TextAreaField
          id={ids.conditions}
          label={t('admin.shop.conditions')}
          hint={t('admin.shop.conditionsHint')}
          value={values.conditions}
          onChange={(value) => set('conditions', value)}
          maxLength={5000}
          error={errorOf('conditions')}
        />
        <TextField
          id={ids.confirmationDays}
          label={t('admin.shop.confirmationDays')}
          hint={t('admin.shop.confirmationDaysHint')}
          inputMode="numeric"
          className="field__input--short"
          value={values.confirmationDays}
          onChange={(value) => set('confirmationDays', value)}
          error={errorOf('confirmationDays')}
        />
        <CheckboxField
          id={ids.isActive}
          label={t('admin.shop.isActive')}
          hint={t('admin.shop.isActiveHint')}
          checked={values.isActive}
          onChange={(checked) => set('isActive', checked)}
        />
      </fieldset>
      {!readOnly && (
        <button type="submit" className="button" disabled={sending}>
          {sending ? busyLabel : submitLabel}
        </button>
      )}
    </form>
  );
}
