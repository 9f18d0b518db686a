import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/i18n.tsx';
import { hasNavigated } from '../router.tsx';

/**
 * The page's one h1. It names the browser tab and, after an in-app navigation, takes the
 * focus so screen-reader users hear where they landed (not on first load: that would skip the skip link).
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const t = useT();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
  }, [t, title]);
  useEffect(() => {
    if (hasNavigated()) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading mb-3">
      {children ?? title}
    </h1>
  );
}
