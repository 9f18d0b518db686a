import { useI18n } from '../i18n/i18n.tsx';
import { languages } from '../i18n/messages.ts';

/** IT / EN as two real buttons: reachable with Tab, the current one marked with aria-pressed. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      {languages.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          aria-pressed={language === code}
          onClick={() => setLanguage(code)}
          title={t('lang.switchTo', { language: t(code === 'it' ? 'lang.it' : 'lang.en') })}
        >
          <span aria-hidden="true">{code.toUpperCase()}</span>
          <span className="visually-hidden">{t(code === 'it' ? 'lang.it' : 'lang.en')}</span>
        </button>
      ))}
    </div>
  );
}
