import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { NetworkSlugSchema, ShopSlugSchema } from '@shared/contracts/admin-catalogue.js';
import { ATTRIBUTIONS, type Attribution } from '@shared/contracts/admin-money.js';
import { CONVERSION_STATES } from '@shared/contracts/money-path.js';
import { formatMoney } from '@shared/money.js';
import { listConversions, type ConversionFilter, type ConversionState } from '../../api/admin-money.js';
import { generalMessage } from '../../components/api-errors.js';
import { ErrorSummary, SelectField, TextField, type FieldError } from '../../components/form.js';
import { formatDateTime, useLocale } from '../../components/format.js';
import { useDocumentTitle } from '../../components/use-document-title.js';
import { usePagedList } from '../../components/use-paged-list.js';
import { AttributionLabel, ConversionStateBadge } from './conversion-labels.js';

const PAGE_SIZE = 50;
const ID_PATTERN = /^[1-9]\d{0,18}$/;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The form's fields, all text; `to` is the last day included, as people say it. */
interface FilterForm {
  shop: string;
  network: string;
  orderId: string;
  clickId: string;
  userId: string;
  state: ConversionState | 'all';
  attribution: Attribution | 'all';
  from: string;
  to: string;
}

const FIELDS = ['shop', 'network', 'orderId', 'clickId', 'userId', 'from', 'to'] as const;
const IDS: Record<keyof FilterForm, string> = {
  shop: 'conversions-shop',
  network: 'conversions-network',
  orderId: 'conversions-order',
  clickId: 'conversions-click',
  userId: 'conversions-user',
  state: 'conversions-state',
  attribution: 'conversions-attribution',
  from: 'conversions-from',
  to: 'conversions-to',
};

function formFromParams(params: URLSearchParams): FilterForm {
  const text = (name: string) => params.get(name) ?? '';
  return {
    shop: text('shop'),
    network: text('network'),
    orderId: text('orderId'),
    clickId: text('clickId'),
    userId: text('userId'),
    state: CONVERSION_STATES.find((state) => state === params.get('state')) ?? 'all',
    attribution: ATTRIBUTIONS.find((attribution) => attribution === params.get('attribution')) ?? 'all',
    from: DAY_PATTERN.test(text('from')) ? text('from') : '',
    to: DAY_PATTERN.test(text('to')) ? text('to') : '',
  };
}

/** The day after `day` (`YYYY-MM-DD`): the API's `to` is exclusive, the form's is inclusive. */
function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function toQuery(form: FilterForm): ConversionFilter {
  const filter: ConversionFilter = {};
  for (const field of ['shop', 'network', 'orderId', 'clickId', 'userId'] as const) {
    if (form[field].trim() !== '') filter[field] = form[field].trim();
  }
  if (form.state !== 'all') filter.state = form.state;
  if (form.attribution !== 'all') filter.attribution = form.attribution;
  if (form.from !== '') filter.from = form.from;
  if (form.to !== '') filter.to = nextDay(form.to);
  return filter;
}

export function AdminConversionsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  useDocumentTitle(t('admin.conversions.title'));
  const [searchParams, setSearchParams] = useSearchParams();
  const form = formFromParams(searchParams);
  // The address is the search: a new one loads the first page again.
  const address = searchParams.toString();

  const load = useCallback(
    (cursor: string | undefined, signal: AbortSignal) =>
      listConversions(
        { ...toQuery(formFromParams(new URLSearchParams(address))), limit: PAGE_SIZE, cursor },
        signal,
      ),
    [address],
  );
  const { state, reload, loadMore } = usePagedList(load);

  return (
    <section aria-labelledby="admin-conversions-title">
      <div className="admin__header">
        <h1 id="admin-conversions-title">{t('admin.conversions.title')}</h1>
        <Link className="button button--secondary" to="/admin/conversions?attribution=unattributed">
          {t('admin.conversions.queue')}
        </Link>
      </div>
      <p className="lead">{t('admin.conversions.intro')}</p>
      <ConversionFilters
        key={address}
        initial={form}
        onApply={(next) => {
          const params = new URLSearchParams();
          for (const field of FIELDS) {
            if (next[field].trim() !== '') params.set(field, next[field].trim());
          }
          if (next.state !== 'all') params.set('state', next.state);
          if (next.attribution !== 'all') params.set('attribution', next.attribution);
          setSearchParams(params);
        }}
      />
      {state.status === 'loading' && (
        <p className="status status--loading" role="status">
          {t('admin.conversions.loading')}
        </p>
      )}
      {state.status === 'error' && (
        <div className="status status--error" role="alert">
          <p>{generalMessage(state.error, t)}</p>
          <button type="button" className="button" onClick={reload}>
            {t('shops.retry')}
          </button>
        </div>
      )}
      {state.status === 'loaded' &&
        (state.items.length === 0 ? (
          <p className="status" role="status">
            {t('admin.conversions.empty')}
          </p>
        ) : (
          <>
            <div className="table-wrap">
              <table className="table" data-testid="admin-conversion-table">
                <caption>{t('admin.conversions.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.conversions.order')}</th>
                    <th scope="col">{t('admin.conversions.received')}</th>
                    <th scope="col">{t('admin.conversions.shopNetwork')}</th>
                    <th scope="col">{t('admin.conversions.user')}</th>
                    <th scope="col" className="table__number">
                      {t('admin.conversions.orderAmount')}
                    </th>
                    <th scope="col" className="table__number">
                      {t('admin.conversions.commission')}
                    </th>
                    <th scope="col" className="table__number">
                      {t('admin.conversions.share')}
                    </th>
                    <th scope="col">{t('admin.conversions.stateAndAttribution')}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.items.map((conversion) => (
                    <tr key={conversion.id}>
                      <th scope="row">
                        <Link to={`/admin/conversions/${conversion.id}`}>{conversion.orderId}</Link>
                        {conversion.clickId && (
                          <span className="table__secondary">
                            <code>{conversion.clickId}</code>
                          </span>
                        )}
                      </th>
                      <td>{formatDateTime(conversion.createdAt, locale)}</td>
                      <td>
                        {conversion.shop?.name ?? t('admin.conversions.noShop')}
                        <span className="table__secondary">{conversion.network.name}</span>
                      </td>
                      <td>{conversion.userId ?? '—'}</td>
                      <td className="table__number">
                        {formatMoney(
                          conversion.orderAmount.amountMinor,
                          conversion.orderAmount.currency,
                          locale,
                        )}
                      </td>
                      <td className="table__number">
                        {formatMoney(
                          conversion.commission.amountMinor,
                          conversion.commission.currency,
                          locale,
                        )}
                      </td>
                      <td className="table__number">
                        {formatMoney(conversion.share.amountMinor, conversion.share.currency, locale)}
                      </td>
                      <td>
                        <ConversionStateBadge state={conversion.state} />
                        <span className="table__secondary">
                          <AttributionLabel attribution={conversion.attribution} />
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {state.more === 'error' && (
              <p className="status status--error" role="alert">
                {t('admin.conversions.moreFailed')}
              </p>
            )}
            {state.nextCursor !== null && (
              <button
                type="button"
                className="button button--secondary"
                onClick={loadMore}
                disabled={state.more === 'loading'}
              >
                {t('admin.shops.more')}
              </button>
            )}
          </>
        ))}
    </section>
  );
}

function ConversionFilters({
  initial,
  onApply,
}: {
  initial: FilterForm;
  onApply: (filter: FilterForm) => void;
}) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState(initial);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const set = <K extends keyof FilterForm>(field: K, value: FilterForm[K]) =>
    setFilter((previous) => ({ ...previous, [field]: value }));

  function validate(): FieldError[] {
    const found: FieldError[] = [];
    const shop = filter.shop.trim();
    const network = filter.network.trim();
    if (shop !== '' && !ShopSlugSchema.safeParse(shop).success)
      found.push({ id: IDS.shop, message: t('admin.conversions.shopInvalid') });
    if (network !== '' && !NetworkSlugSchema.safeParse(network).success)
      found.push({ id: IDS.network, message: t('admin.conversions.networkInvalid') });
    if (filter.orderId.trim().length > 128)
      found.push({ id: IDS.orderId, message: t('admin.conversions.orderIdInvalid') });
    if (filter.clickId.trim().length > 26)
      found.push({ id: IDS.clickId, message: t('admin.conversions.clickIdInvalid') });
    if (filter.userId.trim() !== '' && !ID_PATTERN.test(filter.userId.trim()))
      found.push({ id: IDS.userId, message: t('admin.conversions.userIdInvalid') });
    if (filter.from !== '' && filter.to !== '' && filter.to < filter.from)
      found.push({ id: IDS.to, message: t('admin.conversions.dateRange') });
    return found;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (found.length === 0) onApply(filter);
  }

  const errorOf = (id: string) => errors.find((error) => error.id === id)?.message;

  return (
    <form className="admin-filters admin-filters--wide" role="search" noValidate onSubmit={submit}>
      <ErrorSummary errors={errors} />
      <TextField
        id={IDS.orderId}
        label={t('admin.conversions.orderId')}
        value={filter.orderId}
        onChange={(value) => set('orderId', value)}
        autoComplete="off"
        spellCheck={false}
        error={errorOf(IDS.orderId)}
      />
      <TextField
        id={IDS.clickId}
        label={t('admin.conversions.clickId')}
        value={filter.clickId}
        onChange={(value) => set('clickId', value)}
        autoComplete="off"
        spellCheck={false}
        error={errorOf(IDS.clickId)}
      />
      <TextField
        id={IDS.shop}
        label={t('admin.conversions.shop')}
        hint={t('admin.conversions.slugHint', { example: 'alza-cz' })}
        value={filter.shop}
        onChange={(value) => set('shop', value)}
        autoComplete="off"
        spellCheck={false}
        error={errorOf(IDS.shop)}
      />
      <TextField
        id={IDS.network}
        label={t('admin.conversions.network')}
        hint={t('admin.conversions.slugHint', { example: 'demo' })}
        value={filter.network}
        onChange={(value) => set('network', value)}
        autoComplete="off"
        spellCheck={false}
        error={errorOf(IDS.network)}
      />
      <TextField
        id={IDS.userId}
        label={t('admin.conversions.userId')}
        value={filter.userId}
        inputMode="numeric"
        onChange={(value) => set('userId', value)}
        autoComplete="off"
        error={errorOf(IDS.userId)}
      />
      <SelectField<FilterForm['state']>
        id={IDS.state}
        label={t('admin.conversions.state')}
        value={filter.state}
        onChange={(value) => set('state', value)}
        choices={[
          { value: 'all', label: t('admin.conversions.any') },
          ...CONVERSION_STATES.map((state) => ({
            value: state,
            label: t(`admin.conversions.states.${state}`),
          })),
        ]}
      />
      <SelectField<FilterForm['attribution']>
        id={IDS.attribution}
        label={t('admin.conversions.attribution')}
        value={filter.attribution}
        onChange={(value) => set('attribution', value)}
        choices={[
          { value: 'all', label: t('admin.conversions.any') },
          ...ATTRIBUTIONS.map((attribution) => ({
            value: attribution,
            label: t(`admin.conversions.attributions.${attribution}`),
          })),
        ]}
      />
      <TextField
        id={IDS.from}
        type="date"
        label={t('admin.conversions.from')}
        value={filter.from}
        onChange={(value) => set('from', value)}
        error={errorOf(IDS.from)}
      />
      <TextField
        id={IDS.to}
        type="date"
        label={t('admin.conversions.to')}
        value={filter.to}
        onChange={(value) => set('to', value)}
        error={errorOf(IDS.to)}
      />
      <div className="admin-filters__submit">
        <button type="submit" className="button button--secondary">
          {t('admin.conversions.filter')}
        </button>
      </div>
    </form>
  );
}
