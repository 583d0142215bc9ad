import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TOKEN_SCOPES, type TokenScope } from '@shared/contracts/accounts.js';
import {
  createToken,
  listTokens,
  revokeToken,
  type ApiToken,
  type ApiTokenCreated,
} from '../../api/client.js';
import { generalMessage, interpretError } from '../../components/api-errors.js';
import {
  CheckboxField,
  CheckboxGroup,
  ErrorSummary,
  SelectField,
  SuccessMessage,
  TextField,
  type FieldError,
} from '../../components/form.js';
import { formatDate, useLocale } from '../../components/format.js';
import { SettingsSection } from './settings-section.js';
import { useLoader } from '../../components/use-loader.js';

const IDS = { name: 'token-name', scopes: 'token-scopes', expiry: 'token-expiry' } as const;
const NAME_MAX_LENGTH = 60;
const EXPIRY_CHOICES = ['30', '90', '365', 'never'] as const;
type Expiry = (typeof EXPIRY_CHOICES)[number];

export function ApiTokensSection({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const [version, setVersion] = useState(0);
  const { state, reload } = useLoader(listTokens, version);
  const [created, setCreated] = useState<ApiTokenCreated>();
  const [revoked, setRevoked] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const locale = useLocale();

  function changed() {
    setVersion((count) => count + 1);
    onChanged();
  }

  async function revoke(token: ApiToken) {
    setBusy(token.id);
    setRevoked(undefined);
    setFailure(undefined);
    try {
      await revokeToken(token.id);
      if (created?.id === token.id) setCreated(undefined);
      setRevoked(token.name);
      changed();
    } catch (error) {
      setFailure(generalMessage(error, t));
    } finally {
      setBusy(undefined);
    }
  }

  const scopeNames = (scopes: TokenScope[]) =>
    scopes.map((scope) => t(`settings.tokens.scope.${scope}`)).join(', ');

  function list() {
    switch (state.status) {
      case 'loading':
        return (
          <p className="status status--loading" role="status">
            {t('settings.tokens.loading')}
          </p>
        );
      case 'error':
        return (
          <div className="status status--error" role="alert">
            <p>{t('settings.tokens.error')}</p>
            <button type="button" className="button" onClick={reload}>
              {t('shops.retry')}
            </button>
          </div>
        );
      case 'loaded':
        if (state.data.length === 0) {
          return (
            <p className="status" role="status">
              {t('settings.tokens.empty')}
            </p>
          );
        }
        // Cards rather than a table: six columns do not fit a phone.
        return (
          <ul className="session-list" data-testid="token-list" aria-label={t('settings.tokens.caption')}>
            {state.data.map((token) => (
              <li key={token.id} className="session">
                <h3 className="session__title">{token.name}</h3>
                <dl className="facts">
                  <div>
                    <dt>{t('settings.tokens.scopes')}</dt>
                    <dd>{scopeNames(token.scopes)}</dd>
                  </div>
                  <div>
                    <dt>{t('settings.tokens.prefix')}</dt>
                    <dd>
                      <code>{token.prefix}…</code>
                    </dd>
                  </div>
                  <div>
                    <dt>{t('settings.tokens.createdAt')}</dt>
                    <dd>{formatDate(token.createdAt, locale)}</dd>
                  </div>
                  <div>
                    <dt>{t('settings.tokens.lastUsedAt')}</dt>
                    <dd>
                      {token.lastUsedAt
                        ? formatDate(token.lastUsedAt, locale)
                        : t('settings.tokens.neverUsed')}
                    </dd>
                  </div>
                  <div>
                    <dt>{t('settings.tokens.expiresAt')}</dt>
                    <dd>
                      {token.expiresAt ? formatDate(token.expiresAt, locale) : t('settings.tokens.noExpiry')}
                    </dd>
                  </div>
                </dl>
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={busy !== undefined}
                  onClick={() => void revoke(token)}
                >
                  {t('settings.tokens.revoke')}
                  <span className="visually-hidden"> {token.name}</span>
                </button>
              </li>
            ))}
          </ul>
        );
    }
  }

  return (
    <SettingsSection id="api-tokens" title={t('settings.tokens.title')} intro={t('settings.tokens.intro')}>
      {created && <CreatedToken token={created} onDone={() => setCreated(undefined)} />}
      {revoked && (
        <SuccessMessage>
          <p>{t('settings.tokens.revoked', { name: revoked })}</p>
        </SuccessMessage>
      )}
      {failure && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}
      {list()}
      <CreateTokenForm
        onCreated={(token) => {
          setRevoked(undefined);
          setCreated(token);
          changed();
        }}
      />
    </SettingsSection>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: ApiTokenCreated) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>(['read']);
  const [expiry, setExpiry] = useState<Expiry>('90');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [sending, setSending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFormError(undefined);
    const found: FieldError[] = [];
    if (name.trim() === '') found.push({ id: IDS.name, message: t('settings.tokens.nameMissing') });
    else if (name.trim().length > NAME_MAX_LENGTH)
      found.push({ id: IDS.name, message: t('settings.tokens.nameTooLong') });
    if (scopes.length === 0)
      found.push({ id: `${IDS.scopes}-${TOKEN_SCOPES[0]}`, message: t('settings.tokens.scopesMissing') });
    setErrors(found);
    if (found.length > 0) return;
    setSending(true);
    try {
      const token = await createToken({
        name: name.trim(),
        scopes,
        expiresInDays: expiry === 'never' ? undefined : Number(expiry),
      });
      setName('');
      setScopes(['read']);
      onCreated(token);
    } catch (error) {
      const interpreted = interpretError(error, t, {
        paths: {
          name: { id: IDS.name, message: t('settings.tokens.nameTooLong') },
          scopes: { id: `${IDS.scopes}-${TOKEN_SCOPES[0]}`, message: t('settings.tokens.scopesMissing') },
        },
        codes: { TOO_MANY_TOKENS: t('settings.tokens.tooMany') },
      });
      setErrors(interpreted.fields);
      setFormError(interpreted.form);
    } finally {
      setSending(false);
    }
  }

  const errorOf = (id: string) => errors.find((error) => error.id === id)?.message;

  return (
    <form
      className="subform"
      noValidate
      onSubmit={(event) => void onSubmit(event)}
      aria-labelledby="token-create-title"
    >
      <h3 id="token-create-title">{t('settings.tokens.createTitle')}</h3>
      <ErrorSummary errors={errors} formError={formError} />
      <TextField
        id={IDS.name}
        label={t('settings.tokens.name')}
        hint={t('settings.tokens.nameHint')}
        autoComplete="off"
        value={name}
        onChange={setName}
        error={errorOf(IDS.name)}
      />
      <CheckboxGroup
        id={IDS.scopes}
        legend={t('settings.tokens.scopes')}
        hint={t('settings.tokens.scopesHint')}
        error={errorOf(`${IDS.scopes}-${TOKEN_SCOPES[0]}`)}
      >
        {TOKEN_SCOPES.map((scope) => (
          <CheckboxField
            key={scope}
            id={`${IDS.scopes}-${scope}`}
            label={t(`settings.tokens.scope.${scope}`)}
            hint={t(`settings.tokens.scopeHint.${scope}`)}
            checked={scopes.includes(scope)}
            onChange={(checked) =>
              setScopes((current) =>
                checked
                  ? TOKEN_SCOPES.filter((known) => known === scope || current.includes(known))
                  : current.filter((kept) => kept !== scope),
              )
            }
          />
        ))}
      </CheckboxGroup>
      <SelectField
        id={IDS.expiry}
        label={t('settings.tokens.expiry')}
        choices={EXPIRY_CHOICES.map((choice) => ({
          value: choice,
          label: t(`settings.tokens.expiryChoice.${choice}`),
        }))}
        value={expiry}
        onChange={setExpiry}
      />
      <button type="submit" className="button" disabled={sending}>
        {sending ? t('settings.tokens.creating') : t('settings.tokens.create')}
      </button>
    </form>
  );
}

/** The secret, once: the server keeps only its hash. */
function CreatedToken({ token, onDone }: { token: ApiTokenCreated; onDone: () => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  // Take the reader to the secret straight away: it will not be shown again.
  useEffect(() => heading.current?.focus(), [token.id]);

  function copyToClipboard() {
    input.current?.select();
    navigator.clipboard.writeText(token.token).then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );
  }

  return (
    <section className="notice notice--success created-token" aria-labelledby="token-created-title">
      <h3 id="token-created-title" tabIndex={-1} ref={heading}>
        {t('settings.tokens.createdTitle', { name: token.name })}
      </h3>
      <p>
        <strong>{t('settings.tokens.createdOnce')}</strong>
      </p>
      <label className="field__label" htmlFor="token-secret">
        {t('settings.tokens.secretLabel')}
      </label>
      <input
        ref={input}
        id="token-secret"
        className="field__input field__input--code"
        readOnly
        value={token.token}
        onFocus={(event) => event.target.select()}
        spellCheck={false}
        data-testid="token-secret"
      />
      <div className="button-row">
        <button type="button" className="button" onClick={copyToClipboard}>
          {t('settings.tokens.copy')}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t('settings.tokens.done')}
        </button>
      </div>
      <p aria-live="polite">
        {copy === 'copied' && t('settings.tokens.copied')}
        {copy === 'failed' && t('settings.tokens.copyFailed')}
      </p>
    </section>
  );
}
