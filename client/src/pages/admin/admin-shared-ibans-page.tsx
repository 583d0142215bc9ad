import { useTranslation } from 'react-i18next';
import { getSharedIbans } from '../../api/admin-bank-accounts.js';
import { formatDate, useLocale } from '../../components/format.js';
import { useDocumentTitle } from '../../components/use-document-title.js';
import { PagedList } from '../../components/paged-list.js';
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
      <PagedList
        state={state}
        onRetry={reload}
        onMore={loadMore}
        loading={t('admin.loading')}
        empty={t('adminBankAccounts.empty')}
        more={t('adminBankAccounts.more')}
      >
        {(items, moreButton) => (
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
                  {items.map((item) => (
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
            {moreButton}
          </>
        )}
      </PagedList>
    </section>
  );
}
