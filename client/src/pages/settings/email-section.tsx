import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { EmailSchema, type Me } from '@shared/contracts/accounts.js';
import { requestEmailChange } from '../../api/client.js';
import { interpretError } from '../../components/api-errors.js';
import {
  ErrorSummary,
  PasswordField,
  SuccessMessage,
  TextField,
  type FieldError,
} from '../../components/form.js';
import { NoPasswordNote } from './no-password-note.js';
import { SettingsSection } from './settings-section.js';

const IDS = { newEmail: 'email-new', currentPassword: 'email-current-password' } as const;

export function EmailSection({ me, onChanged }: { me: Me; onChanged: () => void }) {
  const { t } = useTranslation();
  const [newEmail, setNewEmail] = useState('');
  const [currentPassword, setCurrentPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [sending, setSending] = useState(false);
  const [sentTo, setSentTo] = useState<string>();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSentTo(undefined);
    setFormError(undefined);
    const found: FieldError[] = [];
    if (newEmail.trim() === '') found.push({ id: IDS.newEmail, message: t('fields.emailMissing') });
    else if (!EmailSchema.safeParse(newEmail).success)
      found.push({ id: IDS.newEmail, message: t('fields.emailInvalid') });
    else if (newEmail.trim().toLowerCase() === me.email)
      found.push({ id: IDS.newEmail, message: t('settings.email.unchanged') });
    if (currentPassword === '')
      found.push({ id: IDS.currentPassword, message: t('fields.currentPasswordMissing') });
    setErrors(found);
    if (found.length > 0) return;
    setSending(true);
    try {
      await requestEmailChange({ newEmail, currentPassword });
      setSentTo(newEmail.trim());
      setNewEmail('');
      setCurrentPassword('');
      onChanged();
    } catch (error) {
      const interpreted = interpretError(error, t, {
        paths: {
          newEmail: { id: IDS.newEmail, message: t('fields.emailInvalid') },
          currentPassword: { id: IDS.currentPassword, message: t('fields.currentPasswordMissing') },
        },
        codes: {
          INVALID_CURRENT_PASSWORD: { id: IDS.currentPassword, message: t('fields.currentPasswordWrong') },
          EMAIL_UNCHANGED: { id: IDS.newEmail, message: t('settings.email.unchanged') },
        },
      });
      setErrors(interpreted.fields);
      setFormError(interpreted.form);
    } finally {
      setSending(false);
    }
  }

  return (
    <SettingsSection id="email" title={t('settings.email.title')}>
      <p>
        <Trans
          i18nKey={me.emailVerified ? 'settings.email.currentVerified' : 'settings.email.currentUnverified'}
          values={{ email: me.email }}
          components={{ strong: <strong /> }}
        />
      </p>
      {!me.hasPassword ? (
        <NoPasswordNote purpose="email" />
      ) : (
        <>
          <ErrorSummary errors={errors} formError={formError} />
          {sentTo && (
            <SuccessMessage>
              <p>
                <Trans
                  i18nKey="settings.email.sent"
                  values={{ email: sentTo }}
                  components={{ strong: <strong /> }}
                />
              </p>
            </SuccessMessage>
          )}
          <form noValidate onSubmit={(event) => void onSubmit(event)}>
            <TextField
              id={IDS.newEmail}
              label={t('settings.email.newEmail')}
              hint={t('settings.email.newEmailHint')}
              type="email"
              autoComplete="email"
              inputMode="email"
              spellCheck={false}
              value={newEmail}
              onChange={setNewEmail}
              error={errors.find((error) => error.id === IDS.newEmail)?.message}
            />
            <PasswordField
              id={IDS.currentPassword}
              label={t('fields.currentPassword')}
              autoComplete="current-password"
              value={currentPassword}
              onChange={setCurrentPassword}
              error={errors.find((error) => error.id === IDS.currentPassword)?.message}
            />
            <button type="submit" className="button" disabled={sending}>
              {sending ? t('settings.email.sending') : t('settings.email.submit')}
            </button>
          </form>
        </>
      )}
    </SettingsSection>
  );
}
