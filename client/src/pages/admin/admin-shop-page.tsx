import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { AdminNetwork, AdminShopDetail } from '@shared/contracts/admin-catalogue.js';
import { createShop, getAdminShop, listNetworks, updateShop } from '../../api/admin.js';
import { ApiError } from '../../api/client.js';
import { generalMessage } from '../../components/api-errors.js';
import { SuccessMessage } from '../../components/form.js';
import { useDocumentTitle } from '../../components/use-document-title.js';
import { CashbackRulesAdmin } from './admin-rules.js';
import { emptyShopValues, ShopForm, shopValues, toShopCreate, toShopUpdate } from './admin-shop-form.js';

type Loaded<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'loaded'; data: T };

/** Every network, for the shop form's choice (there are a handful, never a page's worth). */
function useNetworks(): Loaded<AdminNetwork[]> {
  const [state, setState] = useState<Loaded<AdminNetwork[]>>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    listNetworks({ limit: 100 }, controller.signal).then(
      (page) => setState({ status: 'loaded', data: page.items }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, []);
  return state;
}

export function AdminShopPage({ canEdit }: { canEdit: boolean }) {
  const { slug } = useParams();
  return slug === undefined ? <CreateShop /> : <EditShop key={slug} slug={slug} canEdit={canEdit} />;
}

function LoadFailed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <div className="status status--error" role="alert">
      <p>{generalMessage(error, t)}</p>
    </div>
  );
}

function CreateShop() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const networks = useNetworks();
  useDocumentTitle(t('admin.shop.createTitle'));

  return (
    <section aria-labelledby="admin-shop-title">
      <p className="form-aside">
        <Link to="/admin/shops">{t('admin.shops.back')}</Link>
      </p>
      <h1 id="admin-shop-title">{t('admin.shop.createTitle')}</h1>
      {networks.status === 'loading' && (
        <p className="status status--loading" role="status">
          {t('admin.loading')}
        </p>
      )}
      {networks.status === 'error' && <LoadFailed error={networks.error} />}
      {networks.status === 'loaded' && (
        <ShopForm
          mode="create"
          initial={emptyShopValues(networks.data.find((network) => network.isActive)?.slug ?? '')}
          networks={networks.data}
          readOnly={false}
          submitLabel={t('admin.shop.create')}
          busyLabel={t('admin.saving')}
          onSubmit={async (values) => {
            const shop = await createShop(toShopCreate(values));
            await navigate(`/admin/shops/${shop.slug}`, { state: { created: true } });
          }}
        />
      )}
    </section>
  );
}

function EditShop({ slug, canEdit }: { slug: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const networks = useNetworks();
  const [shop, setShop] = useState<Loaded<AdminShopDetail>>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const [saved, setSaved] = useState<'saved' | 'unchanged'>();
  const name = shop.status === 'loaded' ? shop.data.name : slug;
  useDocumentTitle(t('admin.shop.editTitle', { name }));

  useEffect(() => {
    const controller = new AbortController();
    getAdminShop(slug, controller.signal).then(
      (data) => setShop({ status: 'loaded', data }),
      (error: unknown) => {
        if (!controller.signal.aborted) setShop({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [slug, version]);

  const reload = useCallback(() => setVersion((count) => count + 1), []);

  if (shop.status === 'loading' || networks.status === 'loading') {
    return (
      <p className="status status--loading" role="status">
        {t('admin.loading')}
      </p>
    );
  }
  if (shop.status === 'error') {
    return shop.error instanceof ApiError && shop.error.status === 404 ? (
      <article className="prose">
        <h1>{t('admin.shop.notFound')}</h1>
        <p>
          <Link to="/admin/shops">{t('admin.shops.back')}</Link>
        </p>
      </article>
    ) : (
      <LoadFailed error={shop.error} />
    );
  }
  if (networks.status === 'error') return <LoadFailed error={networks.error} />;

  const current = shop.data;
  const initial = shopValues(current);
  return (
    <div className="admin-shop">
      <p className="form-aside">
        <Link to="/admin/shops">{t('admin.shops.back')}</Link>
      </p>
      <div className="admin__header">
        <h1 id="admin-shop-title">{current.name}</h1>
        {current.isActive && <Link to={`/shops/${current.slug}`}>{t('admin.shop.viewPublic')}</Link>}
      </div>
      <section aria-labelledby="admin-shop-details" className="panel">
        <h2 id="admin-shop-details">{t('admin.shop.detailsTitle')}</h2>
        <ShopForm
          key={current.updatedAt}
          mode="edit"
          initial={initial}
          networks={networks.data}
          readOnly={!canEdit}
          submitLabel={t('admin.shop.save')}
          busyLabel={t('admin.saving')}
          notice={
            saved === 'saved' ? (
              <SuccessMessage>
                <p>{t('admin.shop.saved')}</p>
              </SuccessMessage>
            ) : saved === 'unchanged' ? (
              <SuccessMessage>
                <p>{t('admin.nothingChanged')}</p>
              </SuccessMessage>
            ) : created ? (
              <SuccessMessage>
                <p>{t('admin.shop.created')}</p>
              </SuccessMessage>
            ) : undefined
          }
          onSubmit={async (values) => {
            const patch = toShopUpdate(values, initial);
            if (Object.keys(patch).length === 0) {
              setSaved('unchanged');
              return;
            }
            const updated = await updateShop(current.slug, patch);
            setShop({ status: 'loaded', data: updated });
            setSaved('saved');
          }}
        />
      </section>
      <CashbackRulesAdmin shop={current} canEdit={canEdit} onChanged={reload} />
    </div>
  );
}
