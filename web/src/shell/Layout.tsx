/** The page frame of the Italian PA design system: skip link, slim + center + nav headers, main, footer. */
import { useState, type MouseEvent, type ReactNode } from 'react';
import {
  Button,
  Collapse,
  Header,
  HeaderBrand,
  HeaderContent,
  HeaderRightZone,
  Headers,
  HeaderToggler,
  Icon,
  Nav,
  NavItem,
  Skiplink,
  SkiplinkItem,
} from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { roleLabel } from '../i18n/labels.ts';
import { useHealth } from '../health.tsx';
import { canReadAudit } from '../roles.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import type { User } from '../types.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { areaNav } from '../areas.ts';

interface NavEntry {
  to: string;
  label: MessageKey;
  text?: MessageKey;
}

/** Only pages that work for this user are offered. */
export function navEntries(user: User | null): NavEntry[] {
  if (!user) return [];
  const entries: NavEntry[] = [
    { to: '/distretti', label: 'nav.districts', text: 'home.districts.text' },
    { to: '/comuni', label: 'nav.municipalities', text: 'home.municipalities.text' },
    { to: '/enti', label: 'nav.bodies', text: 'home.bodies.text' },
    { to: '/atti', label: 'nav.acts', text: 'home.acts.text' },
  ];
  for (const e of areaNav()) if (!e.allowed || e.allowed(user)) entries.push({ to: e.to, label: e.label, ...(e.text ? { text: e.text } : {}) });
  if (canReadAudit(user.role)) entries.push({ to: '/registro-attivita', label: 'nav.audit', text: 'home.audit.text' });
  return entries;
}

function SlimHeader() {
  const t = useT();
  const { user, signOut } = useSession();
  const [busy, setBusy] = useState(false);
  const onSignOut = async () => {
    setBusy(true);
    try {
      await signOut();
    } finally {
      setBusy(false);
      navigate('/');
    }
  };
  return (
    <Header type="slim">
      <HeaderContent>
        <HeaderBrand href="/" responsive onClick={(e: MouseEvent) => { e.preventDefault(); navigate('/'); }}>
          {t('app.region')} <span aria-hidden="true">/</span> {t('app.name')}
        </HeaderBrand>
        <HeaderRightZone>
          <LanguageSwitch />
          {user ? (
            <div className="d-flex align-items-center gap-2 slim-user">
              <span className="d-none d-lg-inline text-white small">{t('header.user', { name: user.displayName || user.username, role: roleLabel(t, user.role) })}</span>
              <Link to="/profilo" className="btn btn-primary btn-sm">{t('account.nav')}</Link>
              <Button color="primary" size="sm" className="btn-icon btn-full" onClick={onSignOut} disabled={busy}>
                <span className="rounded-icon">
                  <Icon icon="it-user" color="primary" aria-hidden="true" />
                </span>
                <span>{t('header.signOut')}</span>
              </Button>
            </div>
          ) : (
            <Link to="/" className="btn btn-primary btn-icon btn-full">
              <span className="rounded-icon">
                <Icon icon="it-user" color="primary" aria-hidden="true" />
              </span>
              <span>{t('header.signIn')}</span>
            </Link>
          )}
        </HeaderRightZone>
      </HeaderContent>
    </Header>
  );
}

function CenterHeader() {
  const t = useT();
  return (
    <Header type="center">
      <HeaderContent>
        <div className="it-brand-wrapper">
          <Link to="/">
            <Icon icon="it-pa" className="icon" aria-hidden="true" />
            <div className="it-brand-text">
              <div className="it-brand-title">{t('app.name')}</div>
              <div className="it-brand-tagline d-none d-md-block">
                <span className="visually-hidden">— </span>
                {t('app.tagline')}
              </div>
            </div>
          </Link>
        </div>
      </HeaderContent>
    </Header>
  );
}

function NavHeader({ path }: { path: string }) {
  const t = useT();
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  const entries: NavEntry[] = [{ to: '/', label: 'nav.home' }, ...navEntries(user)];
  const isActive = (to: string) => (to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`));
  return (
    <Header type="navbar" theme="light">
      <HeaderContent expand="lg" aria-label={t('nav.label')}>
        <HeaderToggler aria-controls="nav-main" aria-label={t('nav.open')} isOpen={open} onClick={() => setOpen(!open)}>
          <Icon icon="it-burger" aria-hidden="true" />
        </HeaderToggler>
        <Collapse isOpen={open} navbar header onOverlayClick={() => setOpen(false)} id="nav-main" closeSrText={t('nav.close')}>
          <div className="menu-wrapper">
            <Nav navbar>
              {entries.map((entry) => (
                <NavItem key={entry.to} active={isActive(entry.to)}>
                  <Link
                    to={entry.to}
                    className={`nav-link${isActive(entry.to) ? ' active' : ''}`}
                    aria-current={isActive(entry.to) ? 'page' : undefined}
                    onClick={() => setOpen(false)}
                  >
                    <span>{t(entry.label)}</span>
                  </Link>
                </NavItem>
              ))}
            </Nav>
          </div>
        </Collapse>
      </HeaderContent>
    </Header>
  );
}

function Footer() {
  const t = useT();
  const health = useHealth();
  return (
    <footer className="it-footer" id="footer">
      <div className="it-footer-main">
        <div className="container-xxl">
          <div className="row">
            <div className="col-sm-12">
              <div className="it-brand-wrapper">
                <Link to="/">
                  <Icon icon="it-pa" className="icon" color="white" aria-hidden="true" />
                  <div className="it-brand-text">
                    <div className="it-brand-title">{t('app.name')}</div>
                    <div className="it-brand-tagline">{t('app.region')}</div>
                  </div>
                </Link>
              </div>
            </div>
          </div>
          <div className="row py-4 border-white border-top">
            <div className="col-lg-8 col-md-6 pb-2">
              <p className="text-white mb-0">{t('footer.about')}</p>
            </div>
            <div className="col-lg-4 col-md-6 pb-2">
              <h2 className="h4 text-white footer-heading">{t('footer.linksTitle')}</h2>
              <ul className="footer-list list-unstyled">
                <li>
                  <a href="/api/docs">{t('footer.apiDocs')}</a>
                </li>
              </ul>
            </div>
          </div>
        </div>
      </div>
      <div className="it-footer-small-prints clearfix">
        <div className="container-xxl">
          <ul className="it-footer-small-prints-list list-inline mb-0 d-flex flex-column flex-md-row">
            <li className="list-inline-item">
              <a href="/api/docs">{t('footer.apiDocs')}</a>
            </li>
            {health && <li className="list-inline-item text-white">{t('footer.version', { version: health.version })}</li>}
          </ul>
        </div>
      </div>
    </footer>
  );
}

export function Layout({ path, children }: { path: string; children: ReactNode }) {
  const t = useT();
  return (
    <>
      {/* design-react-kit 5.10 drops the children of a non-nav Skiplink: the nav form keeps them. */}
      <Skiplink nav ariaLabel={t('app.skipLinks')}>
        <SkiplinkItem navItem href="#main-content">
          {t('app.skipToContent')}
        </SkiplinkItem>
        <SkiplinkItem navItem href="#footer">
          {t('app.skipToFooter')}
        </SkiplinkItem>
      </Skiplink>
      {/* the page's banner landmark: the slim header's brand, language and user area belong to it (axe "region") */}
      <header>
        <Headers shadow>
          <SlimHeader />
          <div className="it-nav-wrapper">
            <CenterHeader />
            <NavHeader path={path} />
          </div>
        </Headers>
      </header>
      <main id="main-content" tabIndex={-1} className="container-xxl my-4 main-content">
        <div className="row">
          <div className="col px-lg-4">{children}</div>
        </div>
      </main>
      <Footer />
    </>
  );
}
