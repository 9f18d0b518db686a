import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { catalogs, languages, type Language, type MessageKey } from './messages.ts';
import { formatMessage, type Params } from './format-message.ts';

export type { Params };
export type Translate = (key: MessageKey, params?: Params) => string;

const STORAGE_KEY = 'regia.language';

/** Italian unless the user chose otherwise on this browser. */
const storedLanguage = (): Language => {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return languages.includes(value as Language) ? (value as Language) : 'it';
  } catch {
    return 'it';
  }
};

interface I18n {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private browsing may refuse storage: the choice then lasts for this page only.
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const catalog = catalogs[language];
    return { language, setLanguage, t: (key, params) => formatMessage(language, catalog[key], params) };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export const useT = (): Translate => useI18n().t;
