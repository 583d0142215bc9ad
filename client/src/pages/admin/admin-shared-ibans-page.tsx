import { useTranslation } from 'react-i18next';
import { getSharedIbans } from '../../api/admin-bank-accounts.js';
import { generalMessage } from '../../components/api-errors.js';
import { formatDate, useLocale } from '../../components/format.js';
import { useDocumentTitle } from '../../components/use-document-title.js';
import { usePagedList } from '../../components/use-paged-list.js';

/** Groups of four, as on a bank statement. */
const grouped = (iban: string) => (iban.match(/.{1,4}/g) ?? []).join(' ');

/**
 * `/admin/bank-accounts/shared-ibans`: one IBAN entered by several shoppers is a flag (one person
 * with several accounts, or someone collecting others' cashback). Finance and admins only; the
 * server audits every read.
 */
export function AdminSharedIbansPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  useDocumentTitle(t('adminBankAccounts.title'));
  const { state, reload, loadMore } = usePagedList(getSharedIbans);

  return (
    <section aria-labelledby="admin-shared-ibans-title">
      <div className="admin__header">
        <h1 id="admin-shared-ibans-title">{t('adminBankAccounts.title')}</h1>
      </div>
      <p className="lead">{t('adminBankAccounts.intro')}</p>
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
      {state.status === 'loaded' &&
        (state.items.length === 0 ? (
          <p className="status">{t('adminBankAccounts.empty')}</p>
        ) : (
          <>
            <div className="table-wrap">
              <table className="table" data-testid="shared-iban-table">
                <caption>{t('adminBankAccounts.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('adminBankAccounts.iban')}</th>
                    <th scope="col" className="table__number">
                      {t('adminBankAccounts.users')}
                    </th>
                    <th scope="col">{t('adminBankAccounts.accounts')}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.items.map((item) => (
                    <tr key={item.iban}>
                      <th scope="row">
                        <code>{grouped(item.iban)}</code>
                        {item.bic && <span className="table__secondary">{item.bic}</span>}
                      </th>
                      <td className="table__number">{item.users}</td>
                      <td>
                        <ul>
                          {item.accounts.map((account) => (
                            <li key={account.id}>
                              {t('adminBankAccounts.account', {
                                holder: account.holderName,
                                user: account.userId,
                                date: formatDate(account.createdAt, locale),
                              })}{' '}
                              <span className="table__secondary">
                                {account.removedAt
                                  ? t('adminBankAccounts.removed', {
                                      date: formatDate(account.removedAt, locale),
                                    })
                                  : account.verifiedAt
                                    ? t('adminBankAccounts.verified')
                                    : t('adminBankAccounts.unverified')}
                              </span>
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {state.nextCursor !== null && (
              <button
                type="button"
                className="button button--secondary"
                disabled={state.more === 'loading'}
                onClick={loadMore}
              >
                {t('adminBankAccounts.more')}
              </button>
            )}
          </>
        ))}
    </section>
  );
}
