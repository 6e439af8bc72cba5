import { html } from '../lib/html.ts';
import { api, app, lang, mountSession, query, render, t } from './core.ts';
import { type StatsResponse, statsView } from './stats-view.ts';

/** The public statistics page: choose a province, see its numbers and chart. */
interface Province {
  code: string;
  nameTh: string;
  nameEn: string;
  served?: boolean;
}

async function start() {
  void mountSession();
  const items = (await api<{ items: Province[] }>('GET', '/v1/provinces')).items.filter(
    (p) => p.served !== false,
  );
  const asked = query.get('province') ?? '';
  const chosen = items.some((p) => p.code === asked) ? asked : (items[0]?.code ?? '');
  const stats = await api<StatsResponse>('GET', `/v1/stats?provinceCode=${chosen}`).catch(() => undefined);
  render(
    app(),
    html`<form method="get" class="oss-actions" action="">
<div class="govuk-form-group"><label class="govuk-label" for="province">${t('common.province')}</label>
<select class="govuk-select" id="province" name="province">${items.map((p) => html`<option value="${p.code}"${p.code === chosen ? ' selected' : ''}>${lang === 'th' ? p.nameTh : p.nameEn}</option>`)}</select></div>
<button type="submit" class="govuk-button govuk-button--secondary">${t('stats.show')}</button>
</form>
${stats ? statsView(stats) : html`<p class="govuk-body">${t('common.tryAgain')}</p>`}`,
  );
}
void start();
