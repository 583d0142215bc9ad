import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NewPasswordSchema, type Me } from '@shared/contracts/accounts.js';
import { changePassword } from '../../api/client.js';
import { interpretError } from '../../components/api-errors.js';
import {
  CheckboxField,
  ErrorSummary,
  PasswordField,
  SuccessMessage,
  type FieldError,
} from '../../components/form.js';
import { PasswordStrength } from '../../components/password-strength.js';
import { NoPasswordNote } from './no-password-note.js';
import { SettingsSection } from './settings-section.js';

const IDS = {
  currentPassword: 'password-current',
  newPassword: 'password-new',
  endOtherSessions: 'password-end-sessions',
} as const;

export function PasswordSection({ me, onChanged }: { me: Me; onChanged: () => void }) {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  // Someone changing their password often suspects another device; logging it out is the safe default.
  const [endOtherSessions, setEndOtherSessions] = useState(true);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<{ endedSessions: number }>();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setResult(undefined);
    setFormError(undefined);
    const found: FieldError[] = [];
    if (currentPassword === '')
      found.push({ id: IDS.currentPassword, message: t('fields.currentPasswordMissing') });
    if (newPassword === '') found.push({ id: IDS.newPassword, message: t('fields.newPasswordMissing') });
    else if (!NewPasswordSchema.safeParse(newPassword).success)
      found.push({ id: IDS.newPassword, message: t('fields.passwordLength') });
    setErrors(found);
    if (found.length > 0) return;
    setSaving(true);
    try {
      setResult(await changePassword({ currentPassword, newPassword, endOtherSessions }));
      setCurrentPassword('');
      setNewPassword('');
      onChanged();
    } catch (error) {
      const interpreted = interpretError(error, t, {
        paths: {
          currentPassword: { id: IDS.currentPassword, message: t('fields.currentPasswordMissing') },
          newPassword: { id: IDS.newPassword, message: t('fields.passwordLength') },
        },
        codes: {
          INVALID_CURRENT_PASSWORD: { id: IDS.currentPassword, message: t('fields.currentPasswordWrong') },
          PASSWORD_TOO_COMMON: { id: IDS.newPassword, message: t('fields.passwordTooCommon') },
          PASSWORD_LENGTH: { id: IDS.newPassword, message: t('fields.passwordLength') },
        },
      });
      setErrors(interpreted.fields);
      setFormError(interpreted.form);
    } finally {
      setSaving(false);
    }
  }

  return (
    <SettingsSection id="password" title={t('settings.password.title')}>
      {!me.hasPassword ? (
        <NoPasswordNote purpose="password" />
      ) : (
        <>
          <ErrorSummary errors={errors} formError={formError} />
          {result && (
            <SuccessMessage>
              <p>{t('settings.password.changed')}</p>
              {result.endedSessions > 0 && (
                <p>{t('settings.password.endedSessions', { count: result.endedSessions })}</p>
              )}
            </SuccessMessage>
          )}
          <form noValidate onSubmit={(event) => void onSubmit(event)}>
            <PasswordField
              id={IDS.currentPassword}
              label={t('fields.currentPassword')}
              autoComplete="current-password"
              value={currentPassword}
              onChange={setCurrentPassword}
              error={errors.find((error) => error.id === IDS.currentPassword)?.message}
            />
            <PasswordField
              id={IDS.newPassword}
              label={t('fields.newPassword')}
              hint={t('password.hint')}
              autoComplete="new-password"
              value={newPassword}
              onChange={setNewPassword}
              error={errors.find((error) => error.id === IDS.newPassword)?.message}
              describedById={`${IDS.newPassword}-strength`}
              after={
                <PasswordStrength
                  id={`${IDS.newPassword}-strength`}
                  password={newPassword}
                  userInputs={[me.email, 'vratka']}
                />
              }
            />
            <CheckboxField
              id={IDS.endOtherSessions}
              label={t('settings.password.endOtherSessions')}
              hint={t('settings.password.endOtherSessionsHint')}
              checked={endOtherSessions}
              onChange={setEndOtherSessions}
            />
            <button type="submit" className="button" disabled={saving}>
              {saving ? t('settings.password.saving') : t('settings.password.submit')}
            </button>
          </form>
        </>
      )}
    </SettingsSection>
  );
}
