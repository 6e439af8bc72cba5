import { barChart } from '../components/bar-chart/bar-chart.ts';
import { formatBaht } from '../lib/format.ts';
import { type Html, html } from '../lib/html.ts';
import { lang, statusLabel, t } from './core.ts';

export interface StatsResponse {
  byStatus: Record<string, number>;
  payments?: { collectedThb: number };
  completedWithinSlaPercent: number | null;
  medianHoursToComplete: number | null;
  averageRating: number | null;
  overdue: number;
}

/** A province's statistics: headline numbers, then requests by status as a chart and a table. */
export function statsView(s: StatsResponse): Html {
  const total = Object.values(s.byStatus).reduce((a, b) => a + b, 0);
  const card = (label: string, value: string) =>
    html`<div class="oss-stat-card"><span class="oss-stat-card__value">${value}</span><span class="govuk-body-s">${label}</span></div>`;
  const dash = '–';
  return html`<div class="oss-stat-cards">
${card(t('stats.total'), String(total))}
${card(t('stats.onTime'), s.completedWithinSlaPercent === null ? dash : `${s.completedWithinSlaPercent}%`)}
${card(t('stats.medianHours'), s.medianHoursToComplete === null ? dash : t('stats.hours', { n: s.medianHoursToComplete }))}
${card(t('stats.rating'), s.averageRating === null ? dash : `${s.averageRating} / 5`)}
${card(t('stats.overdue'), String(s.overdue))}
${card(t('stats.collected'), `${formatBaht(s.payments?.collectedThb ?? 0, lang)} ${t('common.baht')}`)}
</div>
${barChart(
  t('stats.byStatus'),
  Object.entries(s.byStatus).map(([status, value]) => ({ label: statusLabel(status), value })),
  { label: t('common.status'), value: t('stats.total') },
)}`;
}
