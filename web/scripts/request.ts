import type { Service } from '../../shared/schemas/catalogue.ts';
import type { BillView } from '../../shared/schemas/payments.ts';
import { payment } from '../components/payment/payment.ts';
import { statusTag } from '../components/status-tag/status-tag.ts';
import { summaryList } from '../components/summary-list/summary-list.ts';
import { timeline } from '../components/timeline/timeline.ts';
import { formatBytes, formatDate } from '../lib/format.ts';
import { type Html, html } from '../lib/html.ts';
import {
  ApiError,
  actorLabel,
  api,
  app,
  errorBanner,
  focusErrors,
  issueText,
  lang,
  mountSession,
  query,
  render,
  requireSignIn,
  statusLabel,
  successBanner,
  t,
} from './core.ts';
import { uploadDocument } from './upload.ts';

/**
 * A citizen's request: confirmation, documents (upload with progress and the verifier's verdict),
 * payment (QR, waiting for the bank, receipt), reply to a request for information, cancel,
 * rating, and the timeline. Everything goes through the API with the ThaiD session.
 */
interface DocumentView {
  documentId: string;
  type: string;
  status: string;
  reason?: string;
  reasonTh?: string;
}
interface RequestView {
  requestId: string;
  serviceCode: string;
  status: string;
  createdAt: string;
  dueAt: string;
  documents: DocumentView[];
  bills?: BillView[];
  history: { at: string; status: string; actor: string; note?: string; noteTh?: string }[];
  rating?: { score: number };
  overdue?: boolean;
}

/** The request's id; anything that is not one opens nothing (and never reaches a path). */
const given = query.get('id') ?? '';
const id = /^[0-9a-f-]{36}$/.test(given) ? given : '00000000-0000-0000-0000-000000000000';
const CANCELLABLE = new Set(['AWAITING_DOCUMENTS', 'AWAITING_PAYMENT', 'SUBMITTED', 'ROUTED']);
const UPLOADS_OPEN = new Set(['AWAITING_DOCUMENTS', 'NEEDS_INFO']);
let service: Service | undefined;
let notice: Html | undefined;
let poll: number | undefined;
/** After an upload, watch for the verifier's verdict for a minute. */
let verdictDeadline = 0;

const load = () => api<RequestView>('GET', `/v1/requests/${encodeURIComponent(id)}`);

function documentsSection(r: RequestView): Html {
  if (!service || service.requiredDocuments.length === 0) return html``;
  const final = ['COMPLETED', 'REJECTED', 'CANCELLED'].includes(r.status);
  return html`<h2 class="govuk-heading-m">${t('request.documents')}</h2>
${service.requiredDocuments.map((spec) => {
  const latest = [...r.documents].reverse().find((d) => d.type === spec.type);
  const name = lang === 'th' ? spec.nameTh : spec.nameEn;
  const canUpload =
    (UPLOADS_OPEN.has(r.status) || (spec.optional && !final)) && latest?.status !== 'VERIFIED';
  const verdict = latest
    ? html`${statusTag(latest.status === 'VERIFIED' ? 'COMPLETED' : latest.status === 'REJECTED' ? 'REJECTED' : 'SUBMITTED', t(`request.doc.${latest.status}` as Parameters<typeof t>[0]))}${
        latest.reason
          ? html` <span class="govuk-body-s">${lang === 'th' ? (latest.reasonTh ?? latest.reason) : latest.reason}</span>`
          : ''
      }`
    : html`<span class="govuk-body-s">${t('request.doc.missing')}</span>`;
  const inputId = `file-${spec.type}`;
  return html`<div class="govuk-form-group" data-doc="${spec.type}">
<h3 class="govuk-heading-s">${name}${spec.optional ? html` <span class="oss-optional">${t('service.optionalDocument')}</span>` : ''}</h3>
<p class="govuk-body" data-doc-verdict>${verdict}</p>
${
  canUpload
    ? html`<form novalidate data-upload-form="${spec.type}">
<label class="govuk-label" for="${inputId}">${t('request.upload')}: ${name}</label>
<div class="govuk-hint" id="${inputId}-hint">${t('request.uploadHint', { types: spec.contentTypes.map((c) => c.split('/')[1]?.toUpperCase()).join(', '), size: formatBytes(spec.maxBytes) })}</div>
<p class="govuk-error-message" id="${inputId}-error" hidden></p>
<input class="govuk-file-upload" id="${inputId}" name="file" type="file" accept="${spec.contentTypes.join(',')}" aria-describedby="${inputId}-hint">
<div class="oss-actions"><button type="submit" class="govuk-button govuk-button--secondary">${t('request.upload')}</button>
<progress class="oss-progress" max="100" value="0" hidden aria-label="${t('request.uploading')} ${name}"></progress>
<span class="govuk-body-s" role="status" aria-live="polite" data-upload-status></span></div>
</form>`
    : ''
}
</div>`;
})}`;
}

function paymentSection(r: RequestView): Html {
  const bill = r.bills?.at(-1);
  return bill ? payment(bill, lang, t) : html``;
}

function actionsSection(r: RequestView): Html {
  const parts: Html[] = [];
  if (r.status === 'NEEDS_INFO') {
    parts.push(html`<form novalidate data-reply-form>
<h2 class="govuk-heading-m">${t('request.reply')}</h2>
<div class="govuk-form-group" data-group>
<label class="govuk-label" for="reply-message">${t('request.replyLabel')}</label>
<div class="govuk-hint" id="reply-hint">${t('request.replyHint')}</div>
<p class="govuk-error-message" id="reply-message-error" hidden></p>
<textarea class="govuk-textarea" id="reply-message" name="message" rows="4" aria-describedby="reply-hint"></textarea>
</div>
<button type="submit" class="govuk-button">${t('common.send')}</button>
</form>`);
  }
  if (['COMPLETED', 'REJECTED'].includes(r.status)) {
    parts.push(
      r.rating
        ? html`<p class="govuk-body">${t('request.rated', { score: r.rating.score })}</p>`
        : html`<form novalidate data-rating-form>
<div class="govuk-form-group" data-group>
<fieldset class="govuk-fieldset">
<legend class="govuk-fieldset__legend govuk-fieldset__legend--m"><h2 class="govuk-fieldset__heading">${t('request.rate')}</h2></legend>
<p class="govuk-error-message" id="score-error" hidden></p>
<div class="govuk-radios govuk-radios--small">
${[5, 4, 3, 2, 1].map(
  (n, i) =>
    html`<div class="govuk-radios__item"><input class="govuk-radios__input" id="${i === 0 ? 'score' : `score-${n}`}" name="score" type="radio" value="${n}"><label class="govuk-label govuk-radios__label" for="${i === 0 ? 'score' : `score-${n}`}">${t(`request.score.${n}` as Parameters<typeof t>[0])}</label></div>`,
)}
</div>
</fieldset>
</div>
<div class="govuk-form-group"><label class="govuk-label" for="comment">${t('request.comment')} <span class="oss-optional">${t('common.optional')}</span></label>
<textarea class="govuk-textarea" id="comment" name="comment" rows="3"></textarea></div>
<button type="submit" class="govuk-button">${t('common.send')}</button>
</form>`,
    );
  }
  if (CANCELLABLE.has(r.status)) {
    parts.push(html`<details class="govuk-details"><summary class="govuk-details__summary"><span class="govuk-details__summary-text">${t('request.cancel')}</span></summary>
<div class="govuk-details__text"><form novalidate data-cancel-form>
<div class="govuk-form-group"><label class="govuk-label" for="cancel-reason">${t('request.cancelReason')} <span class="oss-optional">${t('common.optional')}</span></label>
<textarea class="govuk-textarea" id="cancel-reason" name="reason" rows="2"></textarea></div>
<button type="submit" class="govuk-button govuk-button--warning">${t('request.cancel')}</button>
</form></div></details>`);
  }
  return html`${parts}`;
}

function view(r: RequestView): Html {
  const fresh = query.get('new') === '1';
  const name = service ? (lang === 'th' ? service.nameTh : service.nameEn) : r.serviceCode;
  return html`${notice ?? ''}
${
  fresh
    ? html`<div class="govuk-panel govuk-panel--confirmation"><h1 class="govuk-panel__title">${t('request.confirmation')}</h1>
<div class="govuk-panel__body">${t('request.confirmationRef')}<br><strong class="oss-mono" data-reference>${r.requestId}</strong></div></div>
<p class="govuk-body">${t('request.confirmationDue', { date: formatDate(r.dueAt, lang) })}</p>
<h2 class="govuk-heading-l">${name}</h2>`
    : html`<span class="govuk-caption-l">${t('common.reference')} <span class="oss-mono">${r.requestId}</span></span><h1 class="govuk-heading-l">${name}</h1>`
}
${summaryList([
  {
    key: t('common.status'),
    value: html`${statusTag(r.status, statusLabel(r.status))}${r.overdue ? html` ${statusTag('REJECTED', t('request.overdue'))}` : ''}`,
  },
  { key: t('common.filedOn'), value: formatDate(r.createdAt, lang) },
  { key: t('common.dueDate'), value: formatDate(r.dueAt, lang) },
])}
${documentsSection(r)}
${paymentSection(r)}
${actionsSection(r)}
<h2 class="govuk-heading-m">${t('request.timeline')}</h2>
${timeline(r.history, lang, { status: statusLabel, actor: actorLabel })}`;
}

function fieldError(form: HTMLFormElement, id: string, message: string | undefined) {
  const p = form.querySelector<HTMLElement>(`#${id}-error`);
  const group = p?.closest('[data-group], .govuk-form-group');
  if (!p) return;
  p.hidden = !message;
  p.textContent = message ?? '';
  group?.classList.toggle('govuk-form-group--error', Boolean(message));
  if (message) form.querySelector<HTMLElement>(`#${id}`)?.focus();
}

async function act(work: () => Promise<unknown>, done: string) {
  try {
    await work();
    notice = successBanner(done);
  } catch (error) {
    notice = errorBanner(
      error instanceof ApiError && error.issues.length
        ? error.issues.map(issueText).join(' · ')
        : (error as Error).message,
    );
  }
  await refresh(true);
}

function wire(r: RequestView) {
  const root = app();
  for (const form of root.querySelectorAll<HTMLFormElement>('[data-upload-form]')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const type = form.dataset.uploadForm ?? '';
      const input = form.querySelector<HTMLInputElement>('input[type=file]');
      const file = input?.files?.[0];
      if (!file || !input) {
        fieldError(form, input?.id ?? '', t('request.chooseFile'));
        return;
      }
      fieldError(form, input.id, undefined);
      void uploadDocument(id, type, file, form).then(
        () => {
          verdictDeadline = Date.now() + 60_000;
          return refresh(false);
        },
        (error: unknown) => fieldError(form, input.id, (error as Error).message),
      );
    });
  }
  root.querySelector<HTMLFormElement>('[data-reply-form]')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const message = String(new FormData(form).get('message') ?? '').trim();
    if (!message) {
      fieldError(form, 'reply-message', t('common.required', { label: t('request.replyLabel') }));
      return;
    }
    void act(() => api('POST', `/v1/requests/${id}/reply`, { body: { message } }), t('request.replySent'));
  });
  root.querySelector<HTMLFormElement>('[data-rating-form]')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const score = Number(data.get('score'));
    if (!score) {
      fieldError(form, 'score', t('common.chooseOne', { label: t('request.score') }));
      return;
    }
    const comment = String(data.get('comment') ?? '').trim();
    void act(
      () => api('POST', `/v1/requests/${id}/rating`, { body: { score, ...(comment && { comment }) } }),
      t('request.rated', { score }),
    );
  });
  root.querySelector<HTMLFormElement>('[data-cancel-form]')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget as HTMLFormElement).get('reason') ?? '').trim();
    void act(
      () => api('POST', `/v1/requests/${id}/cancel`, { body: reason ? { reason } : {} }),
      t('request.cancelled'),
    );
  });
  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-reissue]')) {
    button.addEventListener('click', () => {
      void act(
        () =>
          api('POST', `/v1/requests/${id}/bills/${encodeURIComponent(button.dataset.reissue ?? '')}/reissue`),
        t('request.pay'),
      );
    });
  }
  schedule(r);
}

/** While a bill waits for the bank or a document for the verifier, look again every few seconds. */
function schedule(r: RequestView) {
  const waiting =
    r.bills?.at(-1)?.status === 'ISSUED' ||
    (Date.now() < verdictDeadline && r.documents.some((d) => d.status === 'PENDING_UPLOAD'));
  window.clearTimeout(poll);
  if (waiting) poll = window.setTimeout(() => void refresh(false, r), 3000);
}

/** Re-reads the request; re-renders only when something changed, so typing is never interrupted. */
async function refresh(force: boolean, previous?: RequestView) {
  let r: RequestView;
  try {
    r = await load();
  } catch (error) {
    render(
      app(),
      html`<h1 class="govuk-heading-l">${error instanceof ApiError && error.status === 404 ? t('request.notFound') : t('page.error.title')}</h1>`,
    );
    return;
  }
  if (!force && previous && JSON.stringify(previous) === JSON.stringify(r)) {
    // Nothing changed: the page and its handlers stay as they are; just look again later.
    schedule(r);
    return;
  }
  render(app(), view(r));
  if (notice) focusErrors();
  notice = undefined;
  wire(r);
}

async function start() {
  const me = await mountSession();
  if (!requireSignIn(me)) return;
  try {
    const r = await load();
    service = await api<Service>('GET', `/v1/services/${r.serviceCode}`).catch(() => undefined);
    document.title = `${t('request.title', { ref: r.requestId.slice(0, 8) })} – ${t('site.name')}`;
    render(app(), view(r));
    wire(r);
  } catch (error) {
    render(
      app(),
      html`<h1 class="govuk-heading-l">${error instanceof ApiError && error.status === 404 ? t('request.notFound') : t('page.error.title')}</h1>`,
    );
  }
}

void start();
