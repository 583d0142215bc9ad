import {
  useEffect,
  useId,
  useRef,
  useState,
  type ChangeEvent,
  type InputHTMLAttributes,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';

/** A field's problem, keyed by the id of the control it belongs to (the summary links to it). */
export interface FieldError {
  id: string;
  message: string;
}

/** Moves focus to a control named in the error summary, as GOV.UK's summary does. */
function focusControl(id: string): void {
  const control = document.getElementById(id);
  if (!control) return;
  control.scrollIntoView({ block: 'center' });
  control.focus();
}

/**
 * The list of problems at the top of a form. It takes focus when it appears so a screen reader
 * announces it, and each entry jumps to its field. A problem without a field (e.g. "wrong
 * password") is listed as plain text.
 */
export function ErrorSummary({ errors, formError }: { errors: FieldError[]; formError?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const visible = errors.length > 0 || formError !== undefined;
  const signature = `${formError ?? ''}|${errors.map((error) => `${error.id}:${error.message}`).join('|')}`;

  useEffect(() => {
    if (visible) ref.current?.focus();
  }, [visible, signature]);

  if (!visible) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby={headingId} tabIndex={-1} ref={ref}>
      <h2 id={headingId} className="error-summary__title">
        {t('form.errorSummaryTitle')}
      </h2>
      <ul className="error-summary__list">
        {formError !== undefined && <li>{formError}</li>}
        {errors.map((error) => (
          <li key={error.id}>
            <a
              href={`#${error.id}`}
              onClick={(event) => {
                event.preventDefault();
                focusControl(error.id);
              }}
            >
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  const present = ids.filter((id): id is string => typeof id === 'string');
  return present.length > 0 ? present.join(' ') : undefined;
}

function FieldErrorText({ id, message }: { id: string; message: string }) {
  const { t } = useTranslation();
  return (
    <p id={id} className="field__error">
      <span className="visually-hidden">{t('form.errorPrefix')} </span>
      {message}
    </p>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'type'>;

interface TextFieldProps extends InputProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'url' | 'datetime-local' | 'date' | 'number';
  hint?: ReactNode;
  error?: string;
  /** Rendered under the input, e.g. the password strength meter. */
  after?: ReactNode;
  /** Extra ids for `aria-describedby` (e.g. the strength meter's text). */
  describedById?: string;
}

export function TextField({
  id,
  label,
  value,
  onChange,
  type = 'text',
  hint,
  error,
  after,
  describedById,
  className,
  ...rest
}: TextFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && <FieldErrorText id={errorId} message={error} />}
      <input
        {...rest}
        id={id}
        className={className ? `field__input ${className}` : 'field__input'}
        type={type}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(
          hint !== undefined && hintId,
          error !== undefined && errorId,
          describedById,
        )}
        onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
      />
      {after}
    </div>
  );
}

/** A password input with a "show password" switch: typing blind on a phone causes most typos. */
export function PasswordField(props: Omit<TextFieldProps, 'type'>) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <TextField
      {...props}
      type={shown ? 'text' : 'password'}
      spellCheck={false}
      autoCapitalize="none"
      after={
        <>
          <button
            type="button"
            className="link-button field__toggle"
            aria-controls={props.id}
            aria-pressed={shown}
            onClick={() => setShown((value) => !value)}
          >
            {t('form.showPassword')}
          </button>
          {props.after}
        </>
      }
    />
  );
}

interface TextAreaFieldProps {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: ReactNode;
  rows?: number;
  disabled?: boolean;
  spellCheck?: boolean;
  maxLength?: number;
  className?: string;
  onBlur?: () => void;
}

/** A multi-line text; `error` may be a list (one problem per line of a list field). */
export function TextAreaField({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  rows = 4,
  className,
  ...rest
}: TextAreaFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error !== undefined &&
        (typeof error === 'string' ? (
          <FieldErrorText id={errorId} message={error} />
        ) : (
          <div id={errorId} className="field__error">
            {error}
          </div>
        ))}
      <textarea
        {...rest}
        id={id}
        className={className ? `field__input field__textarea ${className}` : 'field__input field__textarea'}
        rows={rows}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint !== undefined && hintId, error !== undefined && errorId)}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

interface CheckboxFieldProps {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: ReactNode;
  error?: string;
}

export function CheckboxField({ id, label, checked, onChange, hint, error }: CheckboxFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'field field--checkbox field--error' : 'field field--checkbox'}>
      {error && <FieldErrorText id={errorId} message={error} />}
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          className="checkbox__input"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hint !== undefined && hintId, error !== undefined && errorId)}
          onChange={(event) => onChange(event.target.checked)}
        />
        <label className="checkbox__label" htmlFor={id}>
          {label}
        </label>
      </div>
      {hint && (
        <p id={hintId} className="field__hint checkbox__hint">
          {hint}
        </p>
      )}
    </div>
  );
}

interface Choice<T extends string> {
  value: T;
  label: ReactNode;
}

interface RadioGroupProps<T extends string> {
  /** The first radio gets this id, so the error summary can jump to the group. */
  id: string;
  name: string;
  legend: ReactNode;
  choices: Array<Choice<T>>;
  value: T;
  onChange: (value: T) => void;
  hint?: ReactNode;
  error?: string;
}

export function RadioGroup<T extends string>({
  id,
  name,
  legend,
  choices,
  value,
  onChange,
  hint,
  error,
}: RadioGroupProps<T>) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <fieldset
      className={error ? 'field fieldset field--error' : 'field fieldset'}
      aria-describedby={describedBy(hint !== undefined && hintId, error !== undefined && errorId)}
    >
      <legend className="field__label">{legend}</legend>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && <FieldErrorText id={errorId} message={error} />}
      <div className="radios">
        {choices.map((choice, index) => {
          const choiceId = index === 0 ? id : `${id}-${choice.value}`;
          return (
            <div key={choice.value} className="radio">
              <input
                id={choiceId}
                type="radio"
                className="radio__input"
                name={name}
                value={choice.value}
                checked={value === choice.value}
                onChange={() => onChange(choice.value)}
              />
              <label className="radio__label" htmlFor={choiceId}>
                {choice.label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

interface SelectFieldProps<T extends string> {
  id: string;
  label: ReactNode;
  choices: Array<Choice<T> & { lang?: string }>;
  value: T;
  onChange: (value: T) => void;
  hint?: ReactNode;
  error?: string;
}

export function SelectField<T extends string>({
  id,
  label,
  choices,
  value,
  onChange,
  hint,
  error,
}: SelectFieldProps<T>) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && <FieldErrorText id={errorId} message={error} />}
      <select
        id={id}
        className="field__select"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint !== undefined && hintId, error !== undefined && errorId)}
        onChange={(event) => {
          const chosen = choices.find((choice) => choice.value === event.target.value);
          if (chosen) onChange(chosen.value);
        }}
      >
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value} lang={choice.lang}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A fieldset of checkboxes answering one question (marketing e-mails, token scopes). */
export function CheckboxGroup({
  id,
  legend,
  hint,
  error,
  children,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <fieldset
      className={error ? 'field fieldset field--error' : 'field fieldset'}
      aria-describedby={describedBy(hint !== undefined && hintId, error !== undefined && errorId)}
    >
      <legend className="field__label">{legend}</legend>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && <FieldErrorText id={errorId} message={error} />}
      <div className="checkboxes">{children}</div>
    </fieldset>
  );
}

/** A confirmation after a successful action, announced politely. */
export function SuccessMessage({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice--success" role="status">
      {children}
    </div>
  );
}
