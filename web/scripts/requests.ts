import { statusTag } from '../components/status-tag/status-tag.ts';
import { formatDate } from '../lib/format.ts';
import { html } from '../lib/html.ts';
import {
  api,
  app,
  base,
  lang,
  mountSession,
  render,
  requireSignIn,
  serviceName,
  statusLabel,
  t,
} from './core.ts';

/** "My requests": the signed-in citizen's requests, newest first, with more on request. */
interface Item {
  requestId: string;
  serviceCode: string;
  status: string;
  updatedAt: string;
  dueAt: string;
}

const rows: Item[] = [];
let next: string | undefined;

async function page(cursor?: string) {
  const r = await api<{ items: Item[]; next?: string }>(
    'GET',
    `/v1/me/requests${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
  );
  rows.push(...r.items);
  next = r.next;
  const names = await Promise.all(rows.map((i) => serviceName(i.serviceCode)));
  render(
    app(),
    html`<h1 class="govuk-heading-l">${t('requests.title')}</h1>
${
  rows.length === 0
    ? html`<p class="govuk-body">${t('requests.empty')}</p><p class="govuk-body"><a class="govuk-link" href="${base}/">${t('nav.services')}</a></p>`
    : html`<div class="oss-table-wrap"><table class="govuk-table">
<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">${t('common.service')}</th><th scope="col" class="govuk-table__header">${t('common.status')}</th><th scope="col" class="govuk-table__header">${t('common.dueDate')}</th></tr></thead>
<tbody class="govuk-table__body">${rows.map(
        (i, n) =>
          html`<tr class="govuk-table__row"><td class="govuk-table__cell"><a class="govuk-link" href="${base}/requests/view/?id=${i.requestId}">${names[n]}</a><br><span class="govuk-body-s oss-mono">${i.requestId}</span></td><td class="govuk-table__cell">${statusTag(i.status, statusLabel(i.status))}</td><td class="govuk-table__cell">${formatDate(i.dueAt, lang)}</td></tr>`,
      )}</tbody></table></div>`
}
${next ? html`<button type="button" class="govuk-button govuk-button--secondary" data-more>${t('requests.more')}</button>` : ''}`,
  );
  app()
    .querySelector('[data-more]')
    ?.addEventListener('click', () => void page(next));
}

async function start() {
  const me = await mountSession();
  if (!requireSignIn(me)) return;
  await page();
}
void start();
