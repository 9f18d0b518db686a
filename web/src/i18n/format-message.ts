/**
 * Messages are ICU MessageFormat (FormatJS's intl-messageformat): `{name}` placeholders as before,
 * plus plurals by language — `{count, plural, one {# errore} other {# errori}}` — instead of
 * plurals made by hand. Each message is parsed once per language.
 *
 * An apostrophe is always a letter here ("dell'{ente}"): ICU would read `'{` as the start of
 * quoted text, so straight apostrophes are doubled (ICU's literal apostrophe) before parsing.
 */
import { IntlMessageFormat } from 'intl-messageformat';

export type Params = Record<string, string | number>;

const LOCALES: Record<string, string> = { it: 'it-IT', en: 'en-GB' };
const cache = new Map<string, IntlMessageFormat>();

const compiled = (language: string, template: string): IntlMessageFormat => {
  const key = `${language}\u0000${template}`;
  let format = cache.get(key);
  if (!format) {
    format = new IntlMessageFormat(template.replace(/'/g, "''"), LOCALES[language] ?? language, undefined, { ignoreTag: true });
    cache.set(key, format);
  }
  return format;
};

/** Fills a message; a parameter the caller forgot shows as `{name}` instead of breaking the page. */
export const formatMessage = (language: string, template: string, params: Params = {}): string => {
  try {
    const out = compiled(language, template).format(params);
    return Array.isArray(out) ? out.join('') : String(out);
  } catch (error) {
    console.error(`messaggio non formattabile: ${template}`, error);
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  }
};
