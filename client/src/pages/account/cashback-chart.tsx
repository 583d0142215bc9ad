import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
// Bundled into our own stylesheet by Vite, so the strict style-src 'self' still holds.
import 'uplot/dist/uPlot.min.css';
import { formatMoney } from '@shared/money.js';
import { formatDate, useLocale } from '../../components/format.js';
import { dayAfter, dayBefore, todayStart, type CashbackSeries } from './cashback-series.js';

const HEIGHT = 240;
const DAY_SECONDS = 86_400;
const DAY_INCREMENTS = [1, 2, 7, 14, 30, 61, 91, 182, 365].map((days) => days * DAY_SECONDS);
/** The table lists this many days until the reader asks for all of them. */
const RECENT_DAYS = 7;

/** Canvas colours; the legend's swatches in styles.css use the same ones. */
const COLORS = {
  confirmed: '#0b6e4f',
  confirmedFill: 'rgba(11, 110, 79, 0.15)',
  pending: '#a35c00',
  axis: '#4f5b57',
  grid: '#d5ddda',
};

/**
 * Cumulative cashback over time: a uPlot chart with the same numbers in a table next to it, so
 * nothing is only in the picture.
 */
export function CashbackChart({ series, partial }: { series: CashbackSeries; partial: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { currency, days } = series;
  const last = days.at(-1);
  const titleId = `cashback-chart-${currency}`;
  const money = (amountMinor: bigint) => formatMoney(amountMinor, currency, locale);
  const dayText = (startSeconds: number) => formatDate(new Date(startSeconds * 1000).toISOString(), locale);

  return (
    <figure className="chart" aria-labelledby={titleId} data-testid={`cashback-chart-${currency}`}>
      <figcaption id={titleId} className="chart__title">
        {t('overview.chart.caption', { currency })}
      </figcaption>
      <div className="chart__layout">
        <div className="chart__picture">
          <ul className="chart-legend">
            <li>
              <span className="chart-legend__swatch chart-legend__swatch--confirmed" aria-hidden="true" />
              {t('overview.chart.confirmed')}
            </li>
            <li>
              <span className="chart-legend__swatch chart-legend__swatch--pending" aria-hidden="true" />
              {t('overview.chart.pending')}
            </li>
          </ul>
          <Plot
            series={series}
            label={
              last
                ? t('overview.chart.summary', {
                    day: dayText(last.startSeconds),
                    confirmed: money(last.confirmedMinor),
                    pending: money(last.pendingMinor),
                  })
                : t('overview.chart.caption', { currency })
            }
          />
          {partial && <p className="field__hint">{t('overview.chart.partial')}</p>}
        </div>
        <ChartTable series={series} />
      </div>
    </figure>
  );
}

/** The canvas. uPlot styles its elements through the DOM, which the CSP allows. */
function Plot({ series, label }: { series: CashbackSeries; label: string }) {
  const locale = useLocale();
  const container = useRef<HTMLDivElement>(null);
  const { currency, days } = series;

  useEffect(() => {
    const element = container.current;
    const first = days[0];
    const last = days.at(-1);
    if (!element || !first || !last) return;

    // From zero the day before the first purchase; each day's level is held through that day and
    // on to the end of today, so the last change shows as a step, not a line at the edge.
    const x = [dayBefore(first.startSeconds), ...days.map((day) => day.startSeconds)];
    const confirmed = [0, ...days.map((day) => Number(day.confirmedMinor))];
    const pending = [0, ...days.map((day) => Number(day.pendingMinor))];
    const end = dayAfter(Math.max(todayStart(), last.startSeconds));
    x.push(end);
    confirmed.push(confirmed.at(-1)!);
    pending.push(pending.at(-1)!);

    const dayFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric' });
    const stepped = uPlot.paths.stepped?.({ align: 1 });
    const plot = new uPlot(
      {
        width: Math.max(element.clientWidth, 200),
        height: HEIGHT,
        legend: { show: false },
        // Room on the right for the last day's label, which is centred on the edge.
        padding: [12, 28, 0, 0],
        cursor: { show: false },
        scales: {
          x: { time: true },
          y: { range: (_plot, _min, max) => [0, max > 0 ? Math.ceil(max * 1.15) : 100] },
        },
        axes: [
          {
            stroke: COLORS.axis,
            grid: { stroke: COLORS.grid, width: 1 },
            ticks: { stroke: COLORS.grid, width: 1 },
            // Whole days only (uPlot puts them on local midnights), at least 60 px apart.
            incrs: DAY_INCREMENTS,
            space: 60,
            values: (_plot, splits) => splits.map((value) => dayFormat.format(new Date(value * 1000))),
          },
          {
            stroke: COLORS.axis,
            size: 90,
            grid: { stroke: COLORS.grid, width: 1 },
            ticks: { stroke: COLORS.grid, width: 1 },
            // Ticks are whole minor units; formatted the same way as every amount on the page.
            values: (_plot, splits) =>
              splits.map((value) => formatMoney(BigInt(Math.round(value)), currency, locale)),
          },
        ],
        series: [
          {},
          {
            stroke: COLORS.confirmed,
            fill: COLORS.confirmedFill,
            width: 2,
            paths: stepped,
            points: { show: false },
          },
          { stroke: COLORS.pending, width: 2, dash: [6, 4], paths: stepped, points: { show: false } },
        ],
      },
      [x, confirmed, pending],
      element,
    );
    const observer = new ResizeObserver(() => {
      const width = Math.max(element.clientWidth, 200);
      if (width !== plot.width) plot.setSize({ width, height: HEIGHT });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [days, currency, locale]);

  return <div className="chart__canvas" ref={container} role="img" aria-label={label} />;
}

function ChartTable({ series }: { series: CashbackSeries }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [all, setAll] = useState(false);
  const { currency, days } = series;
  const newestFirst = [...days].reverse();
  const shown = all ? newestFirst : newestFirst.slice(0, RECENT_DAYS);

  return (
    <div className="chart__table">
      <div className="table-wrap">
        <table className="table" data-testid={`cashback-table-${currency}`}>
          <caption>{t('overview.chart.tableCaption', { currency })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('overview.chart.day')}</th>
              <th scope="col" className="table__number">
                {t('overview.chart.confirmed')}
              </th>
              <th scope="col" className="table__number">
                {t('overview.chart.pending')}
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((day) => (
              <tr key={day.day}>
                <th scope="row">
                  <time dateTime={day.day}>
                    {formatDate(new Date(day.startSeconds * 1000).toISOString(), locale)}
                  </time>
                </th>
                <td className="table__number">{formatMoney(day.confirmedMinor, currency, locale)}</td>
                <td className="table__number">{formatMoney(day.pendingMinor, currency, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {newestFirst.length > RECENT_DAYS && (
        <button type="button" className="link-button" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? t('overview.chart.fewerDays') : t('overview.chart.allDays', { count: newestFirst.length })}
        </button>
      )}
    </div>
  );
}
