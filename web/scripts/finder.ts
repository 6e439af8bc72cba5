import { mountSession, t } from './core.ts';

/** The service finder: filters the catalogue's list as the citizen types, in Thai or English. */
void mountSession();
const input = document.querySelector<HTMLInputElement>('[data-finder]');
const status = document.querySelector<HTMLElement>('[data-finder-status]');
const items = [...document.querySelectorAll<HTMLElement>('[data-finder-item]')];
const groups = [...document.querySelectorAll<HTMLElement>('[data-finder-group]')];
input?.addEventListener('input', () => {
  const words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const item of items) {
    const text = item.dataset.search ?? '';
    const match = words.every((w) => text.includes(w));
    item.hidden = !match;
    if (match) shown++;
  }
  for (const g of groups) g.hidden = !g.querySelector('[data-finder-item]:not([hidden])');
  if (status)
    status.textContent =
      words.length === 0 ? '' : shown === 0 ? t('home.noMatch') : t('home.matches', { n: shown });
});
