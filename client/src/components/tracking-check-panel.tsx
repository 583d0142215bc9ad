import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { runTrackingCheck, type TrackingCheckResult } from './tracking-check.js';

interface CheckState {
  checking: boolean;
  /** The last finished check; kept while checking again so the advice does not flicker away. */
  result?: TrackingCheckResult;
}

/**
 * "Will the purchase count?" — checks cookies and ad blockers before the shopper leaves for the
 * shop, warns in plain words with what to do, and stays calm when all is well.
 */
export function TrackingCheck() {
  const { t } = useTranslation();
  const headingId = useId();
  const [state, setState] = useState<CheckState>({ checking: true });
  const [round, setRound] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, checking: true }));
    runTrackingCheck(controller.signal).then(
      (result) => setState({ checking: false, result }),
      () => {
        // Only an abort ends here (the page went away or the check restarted).
      },
    );
    return () => controller.abort();
  }, [round]);

  const result = state.result;
  const warn = result !== undefined && (!result.cookies || result.adBlocker);
  const stateName = state.checking ? 'checking' : warn ? 'warn' : 'ok';

  return (
    <section
      className={`tracking-check tracking-check--${warn ? 'warn' : 'ok'}`}
      aria-labelledby={headingId}
      data-testid="tracking-check"
      data-state={stateName}
    >
      <h2 id={headingId} className="tracking-check__title">
        {t('trackingCheck.title')}
      </h2>
      <div aria-live="polite">
        {state.checking ? (
          <p className="tracking-check__status status--loading">{t('trackingCheck.checking')}</p>
        ) : warn ? (
          <div className="tracking-check__problems">
            {result.adBlocker && <p>{t('trackingCheck.adBlocker')}</p>}
            {!result.cookies && <p>{t('trackingCheck.cookies')}</p>}
          </div>
        ) : (
          <p className="tracking-check__status">{t('trackingCheck.ok')}</p>
        )}
      </div>
      {warn ? (
        <>
          <h3 className="tracking-check__subtitle">{t('trackingCheck.tipsTitle')}</h3>
          <ul className="tracking-check__tips">
            <li>{t('trackingCheck.tips.cookies')}</li>
            <li>{t('trackingCheck.tips.sameBrowser')}</li>
            <li>{t('trackingCheck.tips.otherLinks')}</li>
          </ul>
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={state.checking}
            onClick={() => setRound((count) => count + 1)}
          >
            {t('trackingCheck.again')}
          </button>
        </>
      ) : (
        !state.checking && <p className="tracking-check__hint">{t('trackingCheck.okTip')}</p>
      )}
    </section>
  );
}
