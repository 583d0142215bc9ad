import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ShopSummary } from '@shared/contracts/shops.js';
import { MARKET_CODES, type Language, type MarketCode } from '@shared/markets.js';
import { useCashbackText } from '../components/cashback.js';
import { MarketSwitch } from '../components/market-switch.js';
import { ShopList } from '../components/shop-list.js';
import { useDocumentTitle } from '../components/use-document-title.js';
import { currentLanguage } from '../i18n.js';

/** How long typing must pause before the list is searched again. */
const SEARCH_DELAY_MS = 300;

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

  // The choices live in the address (?market=sk&q=alza&category=books) so they survive reloads,
  // the back button and sharing.
  const market =
    parseMarket(searchParams.get('market')) ?? defaultMarketFor(currentLanguage(i18n.resolvedLanguage));
  const q = (searchParams.get('q') ?? '').trim().slice(0, 100);
  const category = searchParams.get('category') ?? '';

  const update = useCallback(
    (changes: Record<string, string | null>, options: { replace?: boolean } = {}) => {
      setSearchParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [name, value] of Object.entries(changes)) {
            if (value === null || value === '') next.delete(name);
            else next.set(name, value);
          }
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
    [setSearchParams],
  );

  const categories = useSeenCategories(market, category);
  const clearFilter = useCallback(() => update({ q: null, category: null }), [update]);
  const search = useCallback((value: string) => update({ q: value }, { replace: true }), [update]);

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
          <MarketSwitch
            value={market}
            // Categories differ between the markets; the search words still apply.
            onChange={(chosen) => update({ market: chosen, category: null })}
          />
        </div>
        <div className="catalogue-filters">
          <SearchBox value={q} onSearch={search} />
          <CategoryChips
            categories={categories.list}
            value={category}
            onChange={(chosen) => update({ category: chosen })}
          />
        </div>
        <ShopList
          filter={{ market, q, category }}
          onShopsShown={categories.add}
          onClearFilter={clearFilter}
        />
      </section>
    </>
  );
}

/**
 * The categories of every shop shown in this market so far, so a filter chip does not vanish when
 * choosing it narrows the list. The chosen one is always offered (it may come from a shared link).
 */
function useSeenCategories(market: MarketCode, chosen: string) {
  const [seen, setSeen] = useState<{ market: MarketCode; categories: string[] }>({ market, categories: [] });
  const add = useCallback(
    (shops: ShopSummary[]) =>
      setSeen((previous) => {
        const base = previous.market === market ? previous.categories : [];
        const added = shops.flatMap((shop) => shop.categories).filter((code) => !base.includes(code));
        if (added.length === 0 && previous.market === market) return previous;
        return { market, categories: [...base, ...new Set(added)] };
      }),
    [market],
  );
  const categories = seen.market === market ? seen.categories : [];
  const list = chosen !== '' && !categories.includes(chosen) ? [...categories, chosen] : categories;
  return { list, add };
}

function SearchBox({ value, onSearch }: { value: string; onSearch: (value: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(value);
  const searched = useRef(value);

  // The address changed from elsewhere (back button, "clear filter"): show what is searched.
  useEffect(() => {
    if (value !== searched.current) setText(value);
    searched.current = value;
  }, [value]);

  useEffect(() => {
    const wanted = text.trim();
    if (wanted === value) return;
    const timer = setTimeout(() => {
      searched.current = wanted;
      onSearch(wanted);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);

  return (
    <form
      className="search-box"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        searched.current = text.trim();
        onSearch(text.trim());
      }}
    >
      <label className="field__label" htmlFor={id}>
        {t('shops.searchLabel')}
      </label>
      <input
        id={id}
        className="field__input search-box__input"
        type="search"
        name="q"
        maxLength={100}
        autoComplete="off"
        spellCheck={false}
        placeholder={t('shops.searchPlaceholder')}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </form>
  );
}

function CategoryChips({
  categories,
  value,
  onChange,
}: {
  categories: string[];
  value: string;
  onChange: (category: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const cashback = useCashbackText();
  if (categories.length === 0) return null;
  const sorted = [...categories].sort((a, b) =>
    cashback.category(a).localeCompare(cashback.category(b), i18n.resolvedLanguage),
  );
  return (
    <fieldset className="chips">
      <legend className="chips__legend">{t('shops.categoryFilter')}</legend>
      <ul className="chips__list">
        <li>
          <button type="button" className="chip" aria-pressed={value === ''} onClick={() => onChange(null)}>
            {t('shops.allCategories')}
          </button>
        </li>
        {sorted.map((code) => (
          <li key={code}>
            <button
              type="button"
              className="chip"
              aria-pressed={value === code}
              onClick={() => onChange(value === code ? null : code)}
            >
              {cashback.category(code)}
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
