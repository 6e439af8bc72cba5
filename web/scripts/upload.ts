import { api, t } from './core.ts';

/**
 * Uploads one document: asks the API for a presigned POST, then sends the file straight to S3
 * with XMLHttpRequest (fetch cannot report upload progress), showing progress as it goes.
 */
export async function uploadDocument(
  requestId: string,
  type: string,
  file: File,
  form: HTMLFormElement,
): Promise<void> {
  const slot = await api<{ upload: { url: string; fields: Record<string, string> } }>(
    'POST',
    `/v1/requests/${requestId}/documents`,
    { body: { type, contentType: file.type || 'application/octet-stream', sizeBytes: file.size } },
  );
  const progress = form.querySelector('progress');
  const status = form.querySelector<HTMLElement>('[data-upload-status]');
  if (progress) progress.hidden = false;
  const body = new FormData();
  for (const [k, v] of Object.entries(slot.upload.fields)) body.append(k, v);
  body.append('file', file);
  await new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', slot.upload.url);
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      const pct = Math.round((100 * e.loaded) / e.total);
      if (progress) progress.value = pct;
      if (status) status.textContent = `${t('request.uploading')} ${pct}%`;
    });
    xhr.addEventListener('load', () =>
      xhr.status < 300 ? resolve() : reject(new Error(t('common.tryAgain'))),
    );
    xhr.addEventListener('error', () => reject(new Error(t('common.tryAgain'))));
    xhr.send(body);
  });
  if (status) status.textContent = t('request.checking');
}
