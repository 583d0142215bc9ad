import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import {
  NETWORK_KINDS,
  NetworkSettingsSchema,
  NetworkSlugSchema,
  type AdminNetwork,
  type NetworkKind,
  type NetworkSettings,
  type NetworkUpdate,
} from '@shared/contracts/admin-catalogue.js';
import { createNetwork, getNetwork, updateNetwork } from '../../api/admin.js';
import { ApiError } from '../../api/client.js';
import { generalMessage } from '../../components/api-errors.js';
import {
  CheckboxField,
  ErrorSummary,
  SelectField,
  SuccessMessage,
  TextAreaField,
  TextField,
  type FieldError,
} from '../../components/form.js';
import { useDocumentTitle } from '../../components/use-document-title.js';
import { interpretAdminError } from './admin-errors.js';
import { NetworkCredentialsSection } from './network-credentials-section.js';

const IDS = {
  slug: 'network-slug',
  name: 'network-name',
  kind: 'network-kind',
  settings: 'network-settings',
  isActive: 'network-active',
} as const;

interface NetworkFormValues {
  slug: string;
  name: string;
  kind: NetworkKind;
  settings: string;
  isActive: boolean;
}

function settingsText(settings: Record<string, string | number | boolean>): string {
  return Object.entries(settings)
    .map(([name, value]) => `${name}=${String(value)}`)
    .join('\n');
}

/** `name=value` lines to settings; values stay text (the network's own ids are text too). */
function parseSettings(text: string): { settings: Record<string, string>; badLines: number[] } {
  const settings: Record<string, string> = {};
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const separator = line.indexOf('=');
    if (separator <= 0) {
      badLines.push(index + 1);
      return;
    }
    settings[line.slice(0, separator).trim()] = line.slice(separator + 1).trim();
  });
  return { settings, badLines };
}

export function AdminNetworkPage({
  canEdit,
  canManageCredentials = false,
}: {
  canEdit: boolean;
  canManageCredentials?: boolean;
}) {
  const { slug } = useParams();
  return slug === undefined ? (
    <CreateNetwork />
  ) : (
    <EditNetwork key={slug} slug={slug} canEdit={canEdit} canManageCredentials={canManageCredentials} />
  );
}

function CreateNetwork() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useDocumentTitle(t('admin.network.createTitle'));
  return (
    <section aria-labelledby="admin-network-title">
      <p className="form-aside">
        <Link to="/admin/networks">{t('admin.networks.back')}</Link>
      </p>
      <h1 id="admin-network-title">{t('admin.network.createTitle')}</h1>
      <NetworkForm
        mode="create"
        initial={{ slug: '', name: '', kind: 'generic', settings: '', isActive: true }}
        readOnly={false}
        onSubmit={async (values, settings) => {
          const network = await createNetwork({
            slug: values.slug.trim(),
            name: values.name.trim(),
            kind: values.kind,
            settings: settings ?? {},
            isActive: values.isActive,
          });
          await navigate(`/admin/networks/${network.slug}`, { state: { created: true } });
        }}
      />
    </section>
  );
}

type NetworkState =
  { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'loaded'; network: AdminNetwork };

function EditNetwork({
  slug,
  canEdit,
  canManageCredentials,
}: {
  slug: string;
  canEdit: boolean;
  canManageCredentials: boolean;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const [state, setState] = useState<NetworkState>({ status: 'loading' });
  const [saved, setSaved] = useState<'saved' | 'unchanged'>();
  useDocumentTitle(
    t('admin.network.editTitle', { name: state.status === 'loaded' ? state.network.name : slug }),
  );

  useEffect(() => {
    const controller = new AbortController();
    getNetwork(slug, controller.signal).then(
      (network) => setState({ status: 'loaded', network }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [slug]);

  if (state.status === 'loading') {
    return (
      <p className="status status--loading" role="status">
        {t('admin.loading')}
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <article className="prose">
        <h1>
          {state.error instanceof ApiError && state.error.status === 404
            ? t('admin.network.notFound')
            : generalMessage(state.error, t)}
        </h1>
        <p>
          <Link to="/admin/networks">{t('admin.networks.back')}</Link>
        </p>
      </article>
    );
  }

  const network = state.network;
  const initial: NetworkFormValues = {
    slug: network.slug,
    name: network.name,
    kind: network.kind,
    settings: settingsText(network.settings),
    isActive: network.isActive,
  };
  const notice =
    saved === 'saved'
      ? t('admin.network.saved')
      : saved === 'unchanged'
        ? t('admin.nothingChanged')
        : created
          ? t('admin.network.created')
          : undefined;

  return (
    <section aria-labelledby="admin-network-title">
      <p className="form-aside">
        <Link to="/admin/networks">{t('admin.networks.back')}</Link>
      </p>
      <h1 id="admin-network-title">{network.name}</h1>
      <NetworkForm
        key={network.updatedAt}
        mode="edit"
        initial={initial}
        readOnly={!canEdit}
        notice={notice}
        onSubmit={async (values, settings) => {
          const patch: NetworkUpdate = {};
          if (values.name.trim() !== initial.name) patch.name = values.name.trim();
          if (values.kind !== initial.kind) patch.kind = values.kind;
          if (values.isActive !== initial.isActive) patch.isActive = values.isActive;
          if (settings !== undefined && values.settings.trim() !== initial.settings.trim())
            patch.settings = settings;
          if (Object.keys(patch).length === 0) {
            setSaved('unchanged');
            return;
          }
          const updated = await updateNetwork(network.slug, patch);
          setState({ status: 'loaded', network: updated });
          setSaved('saved');
        }}
      />
      <div className="admin-network__more">
        {canManageCredentials ? (
          <NetworkCredentialsSection slug={network.slug} kind={network.kind} />
        ) : (
          <p className="status">{t('admin.credentials.adminOnly')}</p>
        )}
        <p>
          <Link to={`/admin/conversions?network=${network.slug}`}>{t('admin.network.conversions')}</Link>
          {' · '}
          <Link to="/admin/networks/health">{t('admin.health.title')}</Link>
        </p>
      </div>
    </section>
  );
}

function NetworkForm({
  mode,
  initial,
  readOnly,
  notice,
  onSubmit,
}: {
  mode: 'create' | 'edit';
  initial: NetworkFormValues;
  readOnly: boolean;
  notice?: string;
  onSubmit: (values: NetworkFormValues, settings: NetworkSettings | undefined) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [sending, setSending] = useState(false);
  const set = <K extends keyof NetworkFormValues>(field: K, value: NetworkFormValues[K]) =>
    setValues((previous) => ({ ...previous, [field]: value }));

  function validate(): { errors: FieldError[]; settings?: NetworkSettings } {
    const found: FieldError[] = [];
    if (mode === 'create' && !NetworkSlugSchema.safeParse(values.slug.trim()).success)
      found.push({ id: IDS.slug, message: t('admin.network.slugInvalid') });
    if (values.name.trim() === '') found.push({ id: IDS.name, message: t('admin.shop.nameMissing') });
    const { settings, badLines } = parseSettings(values.settings);
    if (badLines.length > 0) {
      found.push({
        id: IDS.settings,
        message: t('admin.network.settingsLines', { lines: badLines.join(', ') }),
      });
      return { errors: found };
    }
    const parsed = NetworkSettingsSchema.safeParse(settings);
    if (!parsed.success) {
      const messages = parsed.error.issues.map((issue) => {
        // A refused setting name comes wrapped ("Invalid key in record"); the reason is inside.
        const inner = 'issues' in issue && Array.isArray(issue.issues) ? issue.issues : [];
        const message =
          inner.length > 0
            ? inner.map((nested: { message: string }) => nested.message).join(' ')
            : issue.message;
        return issue.path.length > 0 ? `${issue.path.join('.')}: ${message}` : message;
      });
      found.push({ id: IDS.settings, message: messages.join(' ') });
      return { errors: found };
    }
    return { errors: found, settings: parsed.data };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (readOnly) return;
    const checked = validate();
    setErrors(checked.errors);
    setFormError(undefined);
    if (checked.errors.length > 0) return;
    setSending(true);
    try {
      await onSubmit(values, checked.settings);
    } catch (error) {
      const interpreted = interpretAdminError(
        error,
        t,
        { slug: IDS.slug, name: IDS.name, kind: IDS.kind, settings: IDS.settings },
        { SLUG_TAKEN: { id: IDS.slug, message: t('admin.network.slugTaken') } },
      );
      setErrors(interpreted.fields);
      setFormError(interpreted.form);
    } finally {
      setSending(false);
    }
  }

  const errorOf = (id: string) => errors.find((error) => error.id === id)?.message;

  return (
    <form noValidate className="admin-form" onSubmit={(event) => void submit(event)}>
      <ErrorSummary errors={errors} formError={formError} />
      {notice && (
        <SuccessMessage>
          <p>{notice}</p>
        </SuccessMessage>
      )}
      <fieldset className="admin-form__fields" disabled={readOnly || sending}>
        <legend className="visually-hidden">{t('admin.network.formLegend')}</legend>
        {mode === 'create' ? (
          <TextField
            id={IDS.slug}
            label={t('admin.network.slug')}
            hint={t('admin.network.slugHint')}
            value={values.slug}
            onChange={(value) => set('slug', value)}
            autoComplete="off"
            spellCheck={false}
            error={errorOf(IDS.slug)}
          />
        ) : (
          <dl className="facts">
            <div>
              <dt>{t('admin.network.postbackUrl')}</dt>
              <dd>
                <code>/postback/{values.slug}</code>
              </dd>
            </div>
          </dl>
        )}
        <TextField
          id={IDS.name}
          label={t('admin.network.name')}
          value={values.name}
          maxLength={120}
          onChange={(value) => set('name', value)}
          error={errorOf(IDS.name)}
        />
        <SelectField<NetworkKind>
          id={IDS.kind}
          label={t('admin.network.kind')}
          hint={t('admin.network.kindHint')}
          choices={NETWORK_KINDS.map((kind) => ({ value: kind, label: t(`admin.network.kinds.${kind}`) }))}
          value={values.kind}
          onChange={(value) => set('kind', value)}
          error={errorOf(IDS.kind)}
        />
        <TextAreaField
          id={IDS.settings}
          label={t('admin.network.settings')}
          hint={t('admin.network.settingsHint')}
          className="field__input--code"
          spellCheck={false}
          value={values.settings}
          onChange={(value) => set('settings', value)}
          error={errorOf(IDS.settings)}
        />
        <CheckboxField
          id={IDS.isActive}
          label={t('admin.network.isActive')}
          hint={t('admin.network.isActiveHint')}
          checked={values.isActive}
          onChange={(checked) => set('isActive', checked)}
        />
      </fieldset>
      {!readOnly && (
        <button type="submit" className="button" disabled={sending}>
          {sending
            ? t('admin.saving')
            : mode === 'create'
              ? t('admin.network.create')
              : t('admin.network.save')}
        </button>
      )}
    </form>
  );
}
