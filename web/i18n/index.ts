import { en } from './en.ts';
import { type MessageKey, th } from './th.ts';

export type Lang = 'th' | 'en';
export type { MessageKey };
export const dictionaries: Record<Lang, Record<MessageKey, string>> = { th, en };

/** A translator for one language: `{name}` placeholders are filled from `params`. */
export function translator(lang: Lang) {
  const dict = dictionaries[lang];
  return (key: MessageKey, params: Record<string, string | number> = {}) =>
    dict[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
export type Translate = ReturnType<typeof translator>;

/** Where a language's pages live: Thai at the root, English under /en. */
export const basePath = (lang: Lang) => (lang === 'en' ? '/en' : '');

/** Keys one dictionary has and the other lacks (the build fails on any). */
export function dictionaryGaps(): string[] {
  const a = Object.keys(th);
  const b = new Set(Object.keys(en));
  return [...a.filter((k) => !b.has(k)), ...[...b].filter((k) => !(k in th))];
}
