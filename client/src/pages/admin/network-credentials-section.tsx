import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NetworkKind } from '@shared/contracts/admin-catalogue.js';
import type {
  CredentialKind,
  NetworkCredential,
  NetworkCredentialCreated,
} from '@shared/contracts/admin-money.js';
import { createCredential, listCredentials, retireCredential } from '../../api/admin-money.js';
import { generalMessage } from '../../components/api-errors.js';
import { ErrorSummary, SuccessMessage, TextField, type FieldError } from '../../components/form.js';
import { formatDate, formatDateTime, useLocale } from '../../components/format.js';
import { useLoader } from '../../components/use-loader.js';
import { interpretAdminError } from './admin-errors.js';

const LABEL_MAX = 60;
const DEFAULT_GRACE_DAYS = '7';

/** Networks on our signed protocol sign with an hmac secret; template networks carry a token. */
function credentialKindOf(kind: NetworkKind): CredentialKind {
  return kind === 'signed' ? 'hmac' : 'token';
}

/**
 * The secrets a network proves its postbacks with (admins only, as on the server). A secret is
 * shown once; rotating is "create the new one, hand it over, retire the old one with grace days".
 */
export function NetworkCredentialsSection({ slug, kind }: { slug: string; kind: NetworkKind }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const load = useCallback((signal: AbortSignal) => listCredentials(slug, signal), [slug]);
  const { state, reload } = useLoader(load, version);
  const [created, setCreated] = useState<NetworkCredentialCreated>();
  const [notice, setNotice] = useState<string>();
  const now = Date.now();

  return (
    <section className="panel" aria-labelledby="credentials-title" data-testid="network-credentials">
      <h2 id="credentials-title">{t('admin.credentials.title')}</h2>
      <p className="panel__intro">{t('admin.credentials.intro')}</p>
      {created && <CreatedCredential credential={created} onDone={() => setCreated(undefined)} />}
      {notice && (
        <SuccessMessage>
          <p>{notice}</p>
        </SuccessMessage>
      )}
      {state.status === 'loading' && (
        <p className="status status--loading" role="status">
          {t('admin.loading')}
        </p>
      )}
      {state.status === 'error' && (
        <div className="status status--error" role="alert">
          <p>
            {t('admin.credentials.error')} {generalMessage(state.error, t)}
          </p>
          <button type="button" className="button" onClick={reload}>
            {t('shops.retry')}
          </button>
        </div>
      )}
      {state.status === 'loaded' &&
        (state.data.length === 0 ? (
          <p className="status">{t('admin.credentials.empty')}</p>
        ) : (
          <ul
            className="session-list"
            aria-label={t('admin.credentials.caption')}
            data-testid="credential-list"
          >
            {state.data.map((credential) => (
              <CredentialItem
                key={credential.id}
                slug={slug}
                credential={credential}
                now={now}
                onRetired={(message) => {
                  setCreated(undefined);
                  setNotice(message);
                  setVersion((count) => count + 1);
                }}
              />
            ))}
          </ul>
        ))}
      <CreateCredentialForm
        slug={slug}
        kind={credentialKindOf(kind)}
        onCreated={(credential) => {
          setNotice(undefined);
          setCreated(credential);
          setVersion((count) => count + 1);
        }}
      />
    </section>
  );
}

function CredentialItem({
  slug,
  credential,
  now,
  onRetired,
}: {
  slug: string;
  credential: NetworkCredential;
  now: number;
  onRetired: (message: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const graceId = `credential-${credential.id}-grace`;
  const [graceDays, setGraceDays] = useState(DEFAULT_GRACE_DAYS);
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const expired = credential.expiresAt !== null && Date.parse(credential.expiresAt) <= now;

  async function retire(event: FormEvent) {
    event.preventDefault();
    const days = Number(graceDays.trim());
    if (!/^\d{1,2}$/.test(graceDays.trim()) || days > 90) {
      setError(t('admin.credentials.graceInvalid'));
      return;
    }
    setError(undefined);
    setSending(true);
    try {
      const retired = await retireCredential(slug, credential.id, days);
      onRetired(
        retired.expiresAt && Date.parse(retired.expiresAt) > Date.now()
          ? t('admin.credentials.retired', {
              label: retired.label,
              date: formatDateTime(retired.expiresAt, locale),
            })
          : t('admin.credentials.retiredNow', { label: retired.label }),
      );
    } catch (failure) {
      setError(interpretAdminError(failure, t, {}).form ?? t('errors.unexpected'));
    } finally {
      setSending(false);
    }
  }

  return (
    <li className="session" data-testid="credential">
      <h3 className="session__title">
        {credential.label}
        {expired ? (
          <span className="badge badge--muted">{t('admin.credentials.expired')}</span>
        ) : credential.expiresAt ? (
          <span className="badge badge--pending">{t('admin.credentials.expiring')}</span>
        ) : (
          <span className="badge">{t('admin.credentials.active')}</span>
        )}
      </h3>
      <dl className="facts">
        <div>
          <dt>{t('admin.credentials.kind')}</dt>
          <dd>{t(`admin.credentials.kinds.${credential.kind}`)}</dd>
        </div>
        <div>
          <dt>{t('admin.credentials.createdAt')}</dt>
          <dd>{formatDate(credential.createdAt, locale)}</dd>
        </div>
        {credential.expiresAt && (
          <div>
            <dt>{expired ? t('admin.credentials.expiredAt') : t('admin.credentials.expiresAt')}</dt>
            <dd>{formatDateTime(credential.expiresAt, locale)}</dd>
          </div>
        )}
      </dl>
      {!expired && (
        <form noValidate className="inline-form" onSubmit={(event) => void retire(event)}>
          <TextField
            id={graceId}
            type="number"
            label={t('admin.credentials.graceDays')}
            hint={t('admin.credentials.graceHint')}
            className="field__input--short"
            min={0}
            max={90}
            inputMode="numeric"
            value={graceDays}
            onChange={setGraceDays}
            error={error}
          />
          <button type="submit" className="button button--secondary" disabled={sending}>
            {t('admin.credentials.retire')}
            <span className="visually-hidden"> {credential.label}</span>
          </button>
        </form>
      )}
    </li>
  );
}

function CreateCredentialForm({
  slug,
  kind,
  onCreated,
}: {
  slug: string;
  kind: CredentialKind;
  onCreated: (credential: NetworkCredentialCreated) => void;
}) {
  const { t } = useTranslation();
  const labelId = 'credential-label';
  const [label, setLabel] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = label.trim();
    const found =
      trimmed === '' || trimmed.length > LABEL_MAX
        ? [{ id: labelId, message: t('admin.credentials.labelMissing') }]
        : [];
    setErrors(found);
    setFormError(undefined);
    if (found.length > 0) return;
    setSending(true);
    try {
      const created = await createCredential(slug, { kind, label: trimmed });
      setLabel('');
      onCreated(created);
    } catch (error) {
      const interpreted = interpretAdminError(error, t, { label: labelId });
      setErrors(interpreted.fields);
      setFormError(interpreted.form);
    } finally {
      setSending(false);
    }
  }

  return (
    <form
      className="subform"
      noValidate
      aria-labelledby="credential-create-title"
      onSubmit={(event) => void submit(event)}
    >
      <h3 id="credential-create-title">{t('admin.credentials.createTitle')}</h3>
      <p className="field__hint">
        {t('admin.credentials.createKind', { kind: t(`admin.credentials.kinds.${kind}`) })}
      </p>
      <ErrorSummary errors={errors} formError={formError} />
      <TextField
        id={labelId}
        label={t('admin.credentials.label')}
        hint={t('admin.credentials.labelHint')}
        className="field__input--medium"
        maxLength={LABEL_MAX}
        autoComplete="off"
        value={label}
        onChange={setLabel}
        error={errors.find((error) => error.id === labelId)?.message}
      />
      <button type="submit" className="button" disabled={sending}>
        {sending ? t('admin.saving') : t('admin.credentials.create')}
      </button>
    </form>
  );
}

/** The secret, this once: the server keeps only what verifies it. */
function CreatedCredential({
  credential,
  onDone,
}: {
  credential: NetworkCredentialCreated;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  // Take the reader to the secret straight away: it will not be shown again.
  useEffect(() => heading.current?.focus(), [credential.id]);

  function copyToClipboard(text: string) {
    navigator.clipboard.writeText(text).then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );
  }

  return (
    <section
      className="notice notice--success created-token"
      aria-labelledby="credential-created-title"
      data-testid="created-credential"
    >
      <h3 id="credential-created-title" tabIndex={-1} ref={heading}>
        {t('admin.credentials.createdTitle', { label: credential.label })}
      </h3>
      <p>
        <strong>{t('admin.credentials.createdOnce')}</strong>
      </p>
      <label className="field__label" htmlFor="credential-secret">
        {t('admin.credentials.secret')}
      </label>
      <input
        id="credential-secret"
        className="field__input field__input--code"
        readOnly
        value={credential.secret}
        onFocus={(event) => event.target.select()}
        spellCheck={false}
        data-testid="credential-secret"
      />
      {credential.postbackUrl && (
        <>
          <label className="field__label field__label--spaced" htmlFor="credential-url">
            {t('admin.credentials.postbackUrl')}
          </label>
          <input
            id="credential-url"
            className="field__input field__input--code"
            readOnly
            value={credential.postbackUrl}
            onFocus={(event) => event.target.select()}
            spellCheck={false}
          />
        </>
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={() => copyToClipboard(credential.secret)}>
          {t('admin.credentials.copy')}
        </button>
        {credential.postbackUrl && (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => copyToClipboard(credential.postbackUrl ?? '')}
          >
            {t('admin.credentials.copyUrl')}
          </button>
        )}
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('admin.credentials.done')}
        </button>
      </div>
      <p aria-live="polite">
        {copy === 'copied' && t('admin.credentials.copied')}
        {copy === 'failed' && t('admin.credentials.copyFailed')}
      </p>
    </section>
  );
}
