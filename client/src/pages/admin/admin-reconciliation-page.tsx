import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  REPORT_ENCODINGS,
  REPORT_FORMATS,
  type DiffKind,
  type ReportEncoding,
  type ReportFormat,
  type ReportImportView,
  type ReportLineView,
} from '@shared/contracts/reconciliation.js';
import type { Money } from '@shared/contracts/common.js';
import { formatMoney } from '@shared/money.js';
import {
  applyKind,
  applyLine,
  getImport,
  getOverview,
  importReport,
  listImports,
} from '../../api/admin-reconciliation.js';
import { ApiError } from '../../api/client.js';
import { generalMessage } from '../../components/api-errors.js';
import { formatDateTime, useLocale } from '../../components/format.js';
import { useDocumentTitle } from '../../components/use-document-title.js';
import { useLoader } from '../../components/use-loader.js';

type ApplicableKind = Exclude<DiffKind, 'missing_in_report'>;
const APPLICABLE: ApplicableKind[] = ['missing_here', 'status_differs', 'amount_differs'];

/** A refusal the server explains (a report it cannot read, a line it will not apply) shown as it says. */
function messageOf(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401)
    return t('adminReconciliation.refused', { detail: error.problem?.detail ?? error.message });
  return generalMessage(error, t);
}

/** Reads the chosen file: text for UTF-8, base64 of its bytes for windows-1250. */
async function readReport(file: File, encoding: ReportEncoding): Promise<string> {
  if (encoding === 'utf-8') return file.text();
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

/** `/admin/reconciliation`: networks' reports against our conversions, and the finance overview. */
export function AdminReconciliationPage({ canMoveMoney }: { canMoveMoney: boolean }) {
  const { t } = useTranslation();
  useDocumentTitle(t('adminReconciliation.title'));
  const [version, setVersion] = useState(0);
  const [current, setCurrent] = useState<ReportImportView | null>(null);
  const refresh = () => setVersion((count) => count + 1);

  return (
    <section aria-labelledby="admin-reconciliation-title">
      <div className="admin__header">
        <h1 id="admin-reconciliation-title">{t('adminReconciliation.title')}</h1>
      </div>
      <p className="lead">{t('adminReconciliation.intro')}</p>
      <FinanceOverview version={version} />
      {canMoveMoney && (
        <ImportForm
          onImported={(view) => {
            setCurrent(view);
            refresh();
          }}
        />
      )}
      {current && (
        <ImportDiff
          view={current}
          canMoveMoney={canMoveMoney}
          onChanged={(view) => {
            setCurrent(view);
            refresh();
          }}
        />
      )}
      <RecentImports version={version} onOpen={setCurrent} />
    </section>
  );
}

function FinanceOverview({ version }: { version: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { state, reload } = useLoader(getOverview, version);
  const money = (value: Money) => formatMoney(value.amountMinor, value.currency, locale);
  return (
    <section aria-labelledby="finance-overview-title">
      <h2 id="finance-overview-title">{t('adminReconciliation.overview.title')}</h2>
      {state.status === 'loading' && (
        <p className="status status--loading" role="status">
          {t('admin.loading')}
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
      {state.status === 'loaded' && (
        <>
          {state.data.totals.length === 0 ? (
            <p className="status">{t('adminReconciliation.overview.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="finance-totals">
                <caption>{t('adminReconciliation.overview.totalsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('adminReconciliation.overview.currency')}</th>
                    {TOTAL_COLUMNS.map((column) => (
                      <th scope="col" className="table__number" key={column}>
                        {t(`adminReconciliation.overview.columns.${column}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {state.data.totals.map((total) => (
                    <tr key={total.currency}>
                      <th scope="row">{total.currency}</th>
                      {TOTAL_COLUMNS.map((column) => (
                        <td className="table__number" key={column}>
                          {money(total[column])}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {state.data.networks.length > 0 && (
            <div className="table-wrap">
              <table className="table" data-testid="finance-networks">
                <caption>{t('adminReconciliation.overview.networksCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('adminReconciliation.network')}</th>
                    {NETWORK_COLUMNS.map((column) => (
                      <th scope="col" className="table__number" key={column}>
                        {t(`adminReconciliation.overview.columns.${column}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {state.data.networks.map((row) => (
                    <tr key={`${row.network}:${row.currency}`}>
                      <th scope="row">
                        {row.network} <span className="table__secondary">{row.currency}</span>
                      </th>
                      {NETWORK_COLUMNS.map((column) => (
                        <td className="table__number" key={column}>
                          {money(row[column])}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

const TOTAL_COLUMNS = [
  'receivable',
  'bank',
  'owedPending',
  'owedAvailable',
  'owedHeld',
  'paidOut',
  'debt',
  'platformPending',
  'platformRevenue',
] as const;

const NETWORK_COLUMNS = [
  'receivablePending',
  'receivableApproved',
  'receivable',
  'settled',
  'owedPending',
  'owedCredited',
  'marginPending',
  'marginEarned',
] as const;

function ImportForm({ onImported }: { onImported: (view: ReportImportView) => void }) {
  const { t } = useTranslation();
  const [network, setNetwork] = useState('');
  const [format, setFormat] = useState<ReportFormat>('generic');
  const [encoding, setEncoding] = useState<ReportEncoding>('utf-8');
  const [currency, setCurrency] = useState<'' | 'CZK' | 'EUR'>('');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || network.trim() === '') {
      setError(t('adminReconciliation.import.missing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const content = await readReport(file, encoding);
      onImported(
        await importReport({
          network: network.trim(),
          format,
          encoding,
          content,
          fileName: file.name.slice(0, 200),
          ...(currency ? { currency } : {}),
        }),
      );
    } catch (caught) {
      setError(messageOf(caught, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="report-import-title">
      <h2 id="report-import-title">{t('adminReconciliation.import.title')}</h2>
      <p>{t('adminReconciliation.import.intro')}</p>
      {error && (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
        </div>
      )}
      <form className="form" onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor="recon-network">{t('adminReconciliation.network')}</label>
          <input
            id="recon-network"
            className="field__input"
            value={network}
            onChange={(event) => setNetwork(event.target.value)}
            placeholder="awin"
            required
          />
        </div>
        <div className="field">
          <label htmlFor="recon-format">{t('adminReconciliation.import.format')}</label>
          <select
            id="recon-format"
            className="field__input"
            value={format}
            onChange={(event) => setFormat(event.target.value as ReportFormat)}
          >
            {REPORT_FORMATS.map((value) => (
              <option key={value} value={value}>
                {t(`adminReconciliation.formats.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="recon-encoding">{t('adminReconciliation.import.encoding')}</label>
          <select
            id="recon-encoding"
            className="field__input"
            value={encoding}
            onChange={(event) => setEncoding(event.target.value as ReportEncoding)}
          >
            {REPORT_ENCODINGS.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="recon-currency">{t('adminReconciliation.import.currency')}</label>
          <select
            id="recon-currency"
            className="field__input"
            value={currency}
            onChange={(event) => setCurrency(event.target.value as '' | 'CZK' | 'EUR')}
          >
            <option value="">{t('adminReconciliation.import.currencyFromReport')}</option>
            <option value="CZK">CZK</option>
            <option value="EUR">EUR</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="recon-file">{t('adminReconciliation.import.file')}</label>
          <input
            id="recon-file"
            className="field__input"
            type="file"
            accept=".csv,.json,.txt,text/csv,application/json"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            required
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('adminReconciliation.import.busy') : t('adminReconciliation.import.submit')}
        </button>
      </form>
    </section>
  );
}

function ImportDiff({
  view,
  canMoveMoney,
  onChanged,
}: {
  view: ReportImportView;
  canMoveMoney: boolean;
  onChanged: (view: ReportImportView) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const money = (value: Money) => formatMoney(value.amountMinor, value.currency, locale);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onChanged(await getImport(view.id));
    } catch (caught) {
      setError(messageOf(caught, t));
    } finally {
      setBusy(false);
    }
  };
  const side = (value: ReportLineView['report']) =>
    value ? (
      <>
        {t(`adminReconciliation.states.${value.state}`)} · {money(value.commission)}
        <span className="table__secondary">{money(value.orderAmount)}</span>
      </>
    ) : (
      '—'
    );

  return (
    <section aria-labelledby="report-diff-title">
      <h2 id="report-diff-title">
        {t('adminReconciliation.diff.title', { network: view.network, id: view.id })}
      </h2>
      <p>
        {DIFF_ORDER.map((kind) => `${t(`adminReconciliation.kinds.${kind}`)}: ${view.counts[kind]}`).join(
          ' · ',
        )}
      </p>
      {error && (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {canMoveMoney && (
        <div className="button-row">
          {APPLICABLE.filter((kind) => view.lines.some((line) => line.kind === kind && line.actionable)).map(
            (kind) => (
              <button
                key={kind}
                type="button"
                className="button button--secondary"
                disabled={busy}
                onClick={() => void run(() => applyKind(view.id, kind))}
              >
                {t('adminReconciliation.diff.applyAll', { kind: t(`adminReconciliation.kinds.${kind}`) })}
              </button>
            ),
          )}
        </div>
      )}
      <div className="table-wrap">
        <table className="table" data-testid="reconciliation-diff">
          <caption>{t('adminReconciliation.diff.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('adminReconciliation.diff.order')}</th>
              <th scope="col">{t('adminReconciliation.diff.kind')}</th>
              <th scope="col">{t('adminReconciliation.diff.report')}</th>
              <th scope="col">{t('adminReconciliation.diff.ours')}</th>
              <th scope="col">{t('adminReconciliation.diff.action')}</th>
            </tr>
          </thead>
          <tbody>
            {view.lines.map((line) => (
              <tr key={line.lineNo} data-kind={line.kind}>
                <td>{line.lineNo}</td>
                <th scope="row">
                  {line.orderId}
                  {line.occurredAt && (
                    <span className="table__secondary">{formatDateTime(line.occurredAt, locale)}</span>
                  )}
                </th>
                <td>{t(`adminReconciliation.kinds.${line.kind}`)}</td>
                <td>{side(line.report)}</td>
                <td>{side(line.ours)}</td>
                <td>
                  {line.appliedAt ? (
                    t('adminReconciliation.diff.applied', { outcome: line.outcome ?? '' })
                  ) : canMoveMoney && line.actionable ? (
                    <button
                      type="button"
                      className="button button--small"
                      disabled={busy}
                      onClick={() => void run(() => applyLine(view.id, line.lineNo))}
                    >
                      {line.kind === 'missing_here'
                        ? t('adminReconciliation.diff.create')
                        : t('adminReconciliation.diff.apply')}
                    </button>
                  ) : (
                    (line.outcome ?? '')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const DIFF_ORDER: DiffKind[] = [
  'matched',
  'amount_differs',
  'status_differs',
  'missing_here',
  'missing_in_report',
];

function RecentImports({ version, onOpen }: { version: number; onOpen: (view: ReportImportView) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { state } = useLoader(listImports, version);
  const [error, setError] = useState<string | null>(null);
  const open = useCallback(
    (id: string) => {
      getImport(id).then(onOpen, (caught: unknown) => setError(generalMessage(caught, t)));
    },
    [onOpen, t],
  );
  if (state.status !== 'loaded' || state.data.length === 0) return null;
  return (
    <section aria-labelledby="recent-imports-title">
      <h2 id="recent-imports-title">{t('adminReconciliation.recent.title')}</h2>
      {error && (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
        </div>
      )}
      <ul>
        {state.data.map((item) => (
          <li key={item.id}>
            <button type="button" className="link-button" onClick={() => open(item.id)}>
              {t('adminReconciliation.recent.item', {
                id: item.id,
                network: item.network,
                file: item.fileName ?? t(`adminReconciliation.formats.${item.format}`),
                at: formatDateTime(item.createdAt, locale),
              })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
