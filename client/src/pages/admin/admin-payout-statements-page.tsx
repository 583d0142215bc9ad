import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  STATEMENT_ENCODINGS,
  STATEMENT_FORMATS,
  STATEMENT_RESULTS,
  type StatementEncoding,
  type StatementFormat,
  type StatementImportView,
  type StatementLineView,
  type StatementResult,
} from '@shared/contracts/payout-statements.js';
import { CURRENCIES, type Currency } from '@shared/markets.js';
import { formatMoney, minorToDecimal } from '@shared/money.js';
import {
  getStatementImport,
  importStatement,
  listStatementImports,
} from '../../api/admin-payout-statements.js';
import { ApiError } from '../../api/client.js';
import { generalMessage } from '../../components/api-errors.js';
import { formatDate, formatDateTime, useLocale } from '../../components/format.js';
import { useDocumentTitle } from '../../components/use-document-title.js';
import { useLoader } from '../../components/use-loader.js';

/** Lines that found their payout; the others need finance's eyes. */
const MATCHED: readonly StatementResult[] = ['paid', 'already_paid'];

/** The file as it is, base64: the server decodes it in the chosen character set and fingerprints its bytes. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

/** A refusal the server explains (a file it cannot read), with the problems it names by line. */
function messageOf(error: unknown, t: TFunction): string[] {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401) {
    const problems = (
      error.problem as { problems?: Array<{ line: number | null; message: string }> } | undefined
    )?.problems;
    return [
      t('adminPayoutStatements.refused', { detail: error.problem?.detail ?? error.message }),
      ...(problems ?? []).map((problem) =>
        problem.line === null
          ? problem.message
          : t('adminPayoutStatements.problemLine', { line: problem.line, message: problem.message }),
      ),
    ];
  }
  return [generalMessage(error, t)];
}

/** Minor units in the reader's locale; a currency we do not pay in is shown as the bank wrote it. */
function amountText(amountMinor: string, currency: string, locale: string): string {
  return (CURRENCIES as readonly string[]).includes(currency)
    ? formatMoney(amountMinor, currency as Currency, locale)
    : `${minorToDecimal(BigInt(amountMinor))} ${currency}`;
}

/** `/admin/payout-statements`: finance uploads the payout account's statement; matching payouts are paid. */
export function AdminPayoutStatementsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('adminPayoutStatements.title'));
  const [version, setVersion] = useState(0);
  const [current, setCurrent] = useState<StatementImportView | null>(null);
  return (
    <section aria-labelledby="payout-statements-title">
      <div className="admin__header">
        <h1 id="payout-statements-title">{t('adminPayoutStatements.title')}</h1>
      </div>
      <p className="lead">{t('adminPayoutStatements.intro')}</p>
      <UploadForm
        onResult={(view) => {
          setCurrent(view);
          if (!view.dryRun) setVersion((count) => count + 1);
        }}
      />
      {current && <StatementResultView view={current} />}
      <RecentImports version={version} onOpen={setCurrent} />
    </section>
  );
}

interface Upload {
  format: StatementFormat;
  encoding: StatementEncoding;
  content: string;
  fileName: string;
}

function UploadForm({ onResult }: { onResult: (view: StatementImportView) => void }) {
  const { t } = useTranslation();
  const [format, setFormat] = useState<StatementFormat>('csv');
  const [encoding, setEncoding] = useState<StatementEncoding>('utf-8');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<{ upload: Upload; view: StatementImportView } | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const send = async (upload: Upload, dryRun: boolean) => {
    setBusy(true);
    setErrors([]);
    try {
      const view = await importStatement({ ...upload, base64: true, dryRun });
      setPreview(dryRun && !view.replayed ? { upload, view } : null);
      onResult(view);
    } catch (caught) {
      setErrors(messageOf(caught, t));
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setErrors([t('adminPayoutStatements.upload.missing')]);
      return;
    }
    const upload = { format, encoding, content: await base64Of(file), fileName: file.name.slice(0, 200) };
    await send(upload, true);
  };

  const toPay = preview?.view.counts.paid ?? 0;
  return (
    <section aria-labelledby="statement-upload-title">
      <h2 id="statement-upload-title">{t('adminPayoutStatements.upload.title')}</h2>
      <p>{t('adminPayoutStatements.upload.intro')}</p>
      {errors.length > 0 && (
        <div className="notice notice--error" role="alert">
          {errors.map((message, index) => (
            <p key={index}>{message}</p>
          ))}
        </div>
      )}
      <form className="form" onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor="statement-format">{t('adminPayoutStatements.upload.format')}</label>
          <select
            id="statement-format"
            className="field__input"
            value={format}
            onChange={(event) => {
              const next = event.target.value as StatementFormat;
              setFormat(next);
              // GPC files are windows-1250 by the format's own rules; the others are mostly UTF-8.
              setEncoding(next === 'gpc' ? 'windows-1250' : 'utf-8');
              setPreview(null);
            }}
          >
            {STATEMENT_FORMATS.map((value) => (
              <option key={value} value={value}>
                {t(`adminPayoutStatements.formats.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="statement-encoding">{t('adminPayoutStatements.upload.encoding')}</label>
          <select
            id="statement-encoding"
            className="field__input"
            value={encoding}
            onChange={(event) => {
              setEncoding(event.target.value as StatementEncoding);
              setPreview(null);
            }}
          >
            {STATEMENT_ENCODINGS.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="statement-file">{t('adminPayoutStatements.upload.file')}</label>
          <input
            id="statement-file"
            className="field__input"
            type="file"
            accept=".csv,.txt,.xml,.gpc,text/csv,application/xml,text/xml"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setPreview(null);
            }}
            required
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button button--secondary" disabled={busy}>
            {busy && !preview
              ? t('adminPayoutStatements.upload.busy')
              : t('adminPayoutStatements.upload.preview')}
          </button>
          {preview && (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void send(preview.upload, false)}
            >
              {toPay > 0
                ? t('adminPayoutStatements.upload.apply', { count: toPay })
                : t('adminPayoutStatements.upload.record')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

function StatementResultView({ view }: { view: StatementImportView }) {
  const { t } = useTranslation();
  const matched = view.lines.filter((line) => MATCHED.includes(line.result));
  const unmatched = view.lines.filter((line) => !MATCHED.includes(line.result));
  return (
    <section aria-labelledby="statement-result-title" data-testid="statement-result">
      <h2 id="statement-result-title">
        {view.dryRun
          ? t('adminPayoutStatements.result.previewTitle', { file: view.fileName ?? '' })
          : t('adminPayoutStatements.result.title', { id: view.id, file: view.fileName ?? '' })}
      </h2>
      {view.dryRun && (
        <div className="notice" role="note">
          <p>{t('adminPayoutStatements.result.previewNote')}</p>
        </div>
      )}
      {view.replayed && (
        <div className="notice" role="note">
          <p>{t('adminPayoutStatements.result.replayed')}</p>
        </div>
      )}
      <p>
        {STATEMENT_RESULTS.filter((result) => view.counts[result] > 0)
          .map((result) => `${t(`adminPayoutStatements.results.${result}`)}: ${view.counts[result]}`)
          .join(' · ')}
      </p>
      <LinesTable
        lines={matched}
        caption={t('adminPayoutStatements.result.matchedCaption')}
        empty={t('adminPayoutStatements.result.noneMatched')}
        testId="statement-matched"
        dryRun={view.dryRun}
      />
      <LinesTable
        lines={unmatched}
        caption={t('adminPayoutStatements.result.unmatchedCaption')}
        empty={t('adminPayoutStatements.result.allMatched')}
        testId="statement-unmatched"
        dryRun={view.dryRun}
      />
    </section>
  );
}

function LinesTable({
  lines,
  caption,
  empty,
  testId,
  dryRun,
}: {
  lines: StatementLineView[];
  caption: string;
  empty: string;
  testId: string;
  dryRun: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (lines.length === 0) return <p className="status">{empty}</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('adminPayoutStatements.columns.date')}</th>
            <th scope="col" className="table__number">
              {t('adminPayoutStatements.columns.amount')}
            </th>
            <th scope="col">{t('adminPayoutStatements.columns.reference')}</th>
            <th scope="col">{t('adminPayoutStatements.columns.counterAccount')}</th>
            <th scope="col">{t('adminPayoutStatements.columns.result')}</th>
            <th scope="col">{t('adminPayoutStatements.columns.payout')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.lineNo} data-result={line.result}>
              <td>{line.lineNo}</td>
              <td>{line.bookingDate ? formatDate(line.bookingDate, locale) : '—'}</td>
              <td className="table__number">{amountText(line.amountMinor, line.currency, locale)}</td>
              <th scope="row">
                {line.endToEndId ?? (line.variableSymbol ? `VS ${line.variableSymbol}` : '—')}
                {line.message && <span className="table__secondary">{line.message}</span>}
              </th>
              <td>{line.counterAccount ?? '—'}</td>
              <td>
                {dryRun && line.result === 'paid'
                  ? t('adminPayoutStatements.results.willPay')
                  : t(`adminPayoutStatements.results.${line.result}`)}
              </td>
              <td>
                {line.payoutId ? (
                  <>
                    #{line.payoutId}
                    {line.payoutAmount && (
                      <span className="table__secondary">
                        {formatMoney(line.payoutAmount.amountMinor, line.payoutAmount.currency, locale)}
                        {/* The state matters where it is why the line was not paid. */}
                        {line.result === 'not_exported' &&
                          line.payoutState &&
                          ` · ${t(`payouts.states.${line.payoutState}`)}`}
                      </span>
                    )}
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RecentImports({
  version,
  onOpen,
}: {
  version: number;
  onOpen: (view: StatementImportView) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { state } = useLoader(listStatementImports, version);
  const [error, setError] = useState<string | null>(null);
  const open = useCallback(
    (id: string) => {
      getStatementImport(id).then(onOpen, (caught: unknown) => setError(generalMessage(caught, t)));
    },
    [onOpen, t],
  );
  if (state.status === 'loading') return null;
  if (state.status === 'error')
    return (
      <p className="status status--error" role="alert">
        {generalMessage(state.error, t)}
      </p>
    );
  return (
    <section aria-labelledby="statement-recent-title">
      <h2 id="statement-recent-title">{t('adminPayoutStatements.recent.title')}</h2>
      {error && (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {state.data.length === 0 ? (
        <p className="status">{t('adminPayoutStatements.recent.empty')}</p>
      ) : (
        <ul>
          {state.data.map((item) => (
            <li key={item.id}>
              <button type="button" className="link-button" onClick={() => item.id && open(item.id)}>
                {t('adminPayoutStatements.recent.item', {
                  id: item.id,
                  file: item.fileName ?? t(`adminPayoutStatements.formats.${item.format}`),
                  at: formatDateTime(item.createdAt, locale),
                  paid: item.counts.paid,
                  lines: item.lineCount,
                })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
