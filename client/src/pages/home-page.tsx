import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { MARKET_CODES, type Language, type MarketCode } from '@shared/markets.js';
import { MarketSwitch } from '../components/market-switch.js';
import { ShopList } from '../components/shop-list.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { currentLanguage } from '../i18n.js';

/** Slovak speakers most likely shop in Slovakia; everyone else starts with the Czech shops. */
function defaultMarketFor(language: Language): MarketCode {
  return language === 'sk' ? 'sk' : 'cz';
}

function parseMarket(value: string | null): MarketCode | undefined {
  return MARKET_CODES.find((market) => market === value);
}

export function HomePage() {
  const { t, i18n } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  useDocumentTitle();

  // An explicit choice lives in the address (?market=sk) so it survives reloads and can be shared.
  const market =
    parseMarket(searchParams.get('market')) ?? defaultMarketFor(currentLanguage(i18n.resolvedLanguage));

  return (
    <>
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.title')}</h1>
        <p className="lead">{t('home.intro')}</p>
        <h2 className="visually-hidden">{t('home.howTitle')}</h2>
        <ol className="steps">
          <li>{t('home.steps.pick')}</li>
          <li>{t('home.steps.buy')}</li>
          <li>{t('home.steps.earn')}</li>
        </ol>
      </section>
      <section className="shops" aria-labelledby="shops-title">
        <div className="shops__header">
          <h2 id="shops-title">{market === 'sk' ? t('shops.headingSk') : t('shops.headingCz')}</h2>
          <MarketSwitch value={market} onChange={(chosen) => setSearchParams({ market: chosen })} />
        </div>
        <ShopList market={market} />
      </section>
    </>
  );
}
