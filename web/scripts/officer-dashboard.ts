import { html } from '../lib/html.ts';
import { api, app, render, t } from './core.ts';
import { provinceOf, requireOfficer } from './officer-core.ts';
import { type StatsResponse, statsView } from './stats-view.ts';

/** The officer's province at a glance: the same numbers as the public statistics page. */
async function start() {
  const officer = requireOfficer();
  if (!officer) return;
  const province = provinceOf(officer.agencyId);
  const stats = await api<StatsResponse>(
    'GET',
    `/v1/stats${province ? `?provinceCode=${province}` : ''}`,
  ).catch(() => undefined);
  render(
    app(),
    html`<h1 class="govuk-heading-l">${t('officer.dashboard.title')}${province ? html` <span class="govuk-caption-m">${t('common.province')} ${province}</span>` : ''}</h1>
${stats ? statsView(stats) : html`<p class="govuk-body">${t('common.tryAgain')}</p>`}`,
  );
}
void start();
