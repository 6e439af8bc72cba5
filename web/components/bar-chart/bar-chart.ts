import { type Html, html } from '../../lib/html.ts';

export interface Bar {
  readonly label: string;
  readonly value: number;
}

/**
 * A horizontal bar chart as SVG (no script, no inline style: the CSP allows neither), followed by
 * the same numbers as a table, so nothing depends on seeing the bars (on phones, only the table).
 */
export function barChart(
  title: string,
  bars: readonly Bar[],
  headings: { label: string; value: string },
): Html {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 32;
  const labelWidth = 220;
  const width = 640;
  const plot = width - labelWidth - 60;
  const height = bars.length * rowHeight + 8;
  return html`<figure class="oss-chart">
<figcaption class="govuk-heading-s">${title}</figcaption>
<svg class="oss-chart__svg" viewBox="0 0 ${width} ${height}" role="img" aria-hidden="true" focusable="false">
${bars.map((b, i) => {
  const y = i * rowHeight + 4;
  const w = Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / max) * plot));
  return html`<text x="${labelWidth - 8}" y="${y + 20}" text-anchor="end" class="oss-chart__label">${b.label}</text>
<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 10}" class="oss-chart__bar"></rect>
<text x="${labelWidth + w + 6}" y="${y + 20}" class="oss-chart__value">${b.value}</text>`;
})}
</svg>
<table class="govuk-table oss-chart__table">
<thead class="govuk-table__head"><tr class="govuk-table__row"><th scope="col" class="govuk-table__header">${headings.label}</th><th scope="col" class="govuk-table__header govuk-table__header--numeric">${headings.value}</th></tr></thead>
<tbody class="govuk-table__body">${bars.map((b) => html`<tr class="govuk-table__row"><th scope="row" class="govuk-table__header">${b.label}</th><td class="govuk-table__cell govuk-table__cell--numeric">${b.value}</td></tr>`)}</tbody>
</table>
</figure>`;
}
