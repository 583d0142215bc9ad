import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';
import { currentLanguage } from '../i18n.js';

const SCORES = ['0', '1', '2', '3', '4'] as const;
type Score = (typeof SCORES)[number];

// The feedback keys zxcvbn-ts returns when it has no translations; we translate them ourselves.
const WARNINGS = [
  'straightRow',
  'keyPattern',
  'simpleRepeat',
  'extendedRepeat',
  'sequences',
  'recentYears',
  'dates',
  'topTen',
  'topHundred',
  'common',
  'similarToCommon',
  'wordByItself',
  'namesByThemselves',
  'commonNames',
  'userInputs',
  'pwned',
] as const;
const SUGGESTIONS = [
  'l33t',
  'reverseWords',
  'allUppercase',
  'capitalization',
  'dates',
  'recentYears',
  'associatedYears',
  'sequences',
  'repeated',
  'longerKeyboardPattern',
  'anotherWord',
  'useWords',
  'noNeed',
  'pwned',
] as const;
type Warning = (typeof WARNINGS)[number];
type Suggestion = (typeof SUGGESTIONS)[number];

const isWarning = (key: string | null): key is Warning => WARNINGS.some((known) => known === key);
const isSuggestion = (key: string): key is Suggestion => SUGGESTIONS.some((known) => known === key);

const estimators = new Map<boolean, Promise<ZxcvbnFactory>>();

/**
 * The dictionaries are large, so they load on the first keystroke, not with the app. Leaked
 * passwords and keyboard patterns (language-common) matter in every language; the English word
 * lists (another 1.2 MB) only help someone who writes English, so only the English UI loads them.
 */
function loadEstimator(withEnglish: boolean): Promise<ZxcvbnFactory> {
  let estimator = estimators.get(withEnglish);
  if (!estimator) {
    estimator = Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      withEnglish ? import('@zxcvbn-ts/language-en') : undefined,
    ]).then(
      ([core, common, english]) =>
        new core.ZxcvbnFactory({
          dictionary: { ...common.dictionary, ...english?.dictionary },
          graphs: common.adjacencyGraphs,
          useLevenshteinDistance: true,
        }),
      (error: unknown) => {
        estimators.delete(withEnglish);
        throw error;
      },
    );
    estimators.set(withEnglish, estimator);
  }
  return estimator;
}

interface Estimate {
  score: Score;
  warning?: Warning;
  suggestions: Suggestion[];
}

function toEstimate(result: ZxcvbnResult): Estimate {
  const warning = result.feedback.warning;
  return {
    score: SCORES[result.score] ?? '0',
    warning: isWarning(warning) ? warning : undefined,
    suggestions: result.feedback.suggestions.filter(isSuggestion).slice(0, 2),
  };
}

interface PasswordStrengthProps {
  /** Referenced from the password input's `aria-describedby`. */
  id: string;
  password: string;
  /** Words a guesser would try first: the e-mail address, the site's name. */
  userInputs: string[];
}

/**
 * Advice while typing, never a rule: the server accepts any password of the right length that is
 * not on the list of common ones, so a weak score warns but does not block.
 */
export function PasswordStrength({ id, password, userInputs }: PasswordStrengthProps) {
  const { t, i18n } = useTranslation();
  const [estimate, setEstimate] = useState<Estimate | undefined>();
  const inputs = userInputs.join('\n');
  const withEnglish = currentLanguage(i18n.resolvedLanguage) === 'en';

  useEffect(() => {
    if (password === '') {
      setEstimate(undefined);
      return;
    }
    let cancelled = false;
    // Wait for a pause in typing so a screen reader is not interrupted on every key.
    const timer = setTimeout(() => {
      loadEstimator(withEnglish).then(
        (zxcvbn) => {
          if (!cancelled) setEstimate(toEstimate(zxcvbn.check(password, inputs.split('\n'))));
        },
        () => {
          if (!cancelled) setEstimate(undefined);
        },
      );
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [password, inputs, withEnglish]);

  return (
    <div className="strength" aria-live="polite" id={id}>
      {estimate && password !== '' && (
        <>
          <div className={`strength__bar strength__bar--${estimate.score}`} aria-hidden="true">
            <span />
          </div>
          <p className="strength__label">
            {t('password.strengthLabel')} <strong>{t(`password.strength.${estimate.score}`)}</strong>
          </p>
          {estimate.warning && (
            <p className="strength__advice">{t(`password.warnings.${estimate.warning}`)}</p>
          )}
          {estimate.suggestions.length > 0 && (
            <ul className="strength__advice">
              {estimate.suggestions.map((suggestion) => (
                <li key={suggestion}>{t(`password.suggestions.${suggestion}`)}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
