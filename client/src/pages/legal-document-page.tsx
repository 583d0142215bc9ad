import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { LegalDocument } from '@shared/legal.js';
import { useMe } from '../auth/auth-context.js';
import { useLocale } from '../components/format.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { currentLanguage } from '../i18n.js';
import { LEGAL_TEXTS, type LegalBlock } from '../legal/legal-texts.js';
import { formatEffectiveDate, legalDocumentPath, versionsWithText } from '../legal/legal-versions.js';
import { operatorWords } from '../legal/operator.js';

/**
 * The terms of service or the privacy notice: the version in effect, or the one `?version=` names
 * (an earlier one, or one announced to take effect later), in the reader's language.
 */
export function LegalDocumentPage({ document }: { document: LegalDocument }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n.resolvedLanguage);
  const locale = useLocale();
  const { legal } = useMe();
  const [searchParams] = useSearchParams();
  const state = legal[document];
  const requested = searchParams.get('version') ?? state.current.version;
  const versions = versionsWithText(document, legal);
  const version = versions.find((candidate) => candidate.version === requested);
  const text = version
    ? LEGAL_TEXTS[document][version.version]?.[language](operatorWords(language))
    : undefined;
  const fallbackTitle = t(`legal.${document}Title`);
  useDocumentTitle(text?.title ?? fallbackTitle);

  if (!version || !text) {
    return (
      <article className="prose">
        <h1>{fallbackTitle}</h1>
        <p>{t('legal.unknownVersion', { version: requested })}</p>
        <p>
          <Link to={legalDocumentPath(document)}>{t('legal.showCurrent')}</Link>
        </p>
      </article>
    );
  }

  const dateOf = (iso: string) => formatEffectiveDate(iso, locale);
  const isCurrent = version.version === state.current.version;
  const isUpcoming =
    !isCurrent && Date.parse(version.effectiveFrom) > Date.parse(state.current.effectiveFrom);

  return (
    <article className="prose legal-document">
      <h1>{text.title}</h1>
      <p className="legal-document__meta">
        {t('legal.versionMeta', { version: version.version, date: dateOf(version.effectiveFrom) })}
      </p>
      {isCurrent && state.next && (
        <div className="notice" role="note">
          <p>
            {t('legal.upcomingNotice', {
              version: state.next.version,
              date: dateOf(state.next.effectiveFrom),
            })}{' '}
            <Link to={legalDocumentPath(document, state.next.version)}>{t('legal.readUpcoming')}</Link>
          </p>
        </div>
      )}
      {!isCurrent && (
        <div className="notice" role="note">
          <p>
            {isUpcoming
              ? t('legal.upcomingVersion', { date: dateOf(version.effectiveFrom) })
              : t('legal.earlierVersion')}{' '}
            <Link to={legalDocumentPath(document)}>{t('legal.showCurrent')}</Link>
          </p>
        </div>
      )}
      <p className="lead">{text.lead}</p>
      <nav className="legal-document__contents" aria-labelledby="legal-contents">
        <h2 id="legal-contents">{t('legal.contents')}</h2>
        <ul>
          {text.sections.map((section) => (
            <li key={section.id}>
              <a href={`#${section.id}`}>{section.heading}</a>
            </li>
          ))}
        </ul>
      </nav>
      {text.sections.map((section) => (
        <section key={section.id} id={section.id} aria-labelledby={`${section.id}-title`}>
          <h2 id={`${section.id}-title`}>{section.heading}</h2>
          {section.blocks.map((block, index) => (
            <Block key={index} block={block} />
          ))}
        </section>
      ))}
      <section aria-labelledby="legal-versions">
        <h2 id="legal-versions">{t('legal.versions')}</h2>
        <ul>
          {versions.map((candidate) => (
            <li key={candidate.version}>
              {candidate.version === version.version ? (
                <span aria-current="page">
                  {t('legal.versionItem', {
                    version: candidate.version,
                    date: dateOf(candidate.effectiveFrom),
                  })}
                </span>
              ) : (
                <Link to={legalDocumentPath(document, candidate.version)}>
                  {t('legal.versionItem', {
                    version: candidate.version,
                    date: dateOf(candidate.effectiveFrom),
                  })}
                </Link>
              )}
              {candidate.version === state.current.version && ` ${t('legal.inEffect')}`}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}

/** "Účet: e-mail, …" — a short lead-in before a colon reads as the item's label. */
const LABELLED_ITEM = /^([^:]{1,40}): (.+)$/s;

function Block({ block }: { block: LegalBlock }) {
  if (typeof block === 'string') return <p>{block}</p>;
  return (
    <ul>
      {block.list.map((item) => {
        const labelled = LABELLED_ITEM.exec(item);
        return (
          <li key={item}>
            {labelled ? (
              <>
                <strong>{labelled[1]}:</strong> {labelled[2]}
              </>
            ) : (
              item
            )}
          </li>
        );
      })}
    </ul>
  );
}
