/**
 * A body's emblem in the bodies list: the image when there is one, and for the body's manager
 * (or an administrator) a small control to upload, replace or remove it. The emblem goes on the
 * cover of the body's documents (the Relazione sulla Performance).
 */
import { useRef, useState } from 'react';
import { Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { call, pathOf, upload as uploadFile } from '../api.ts';
import { deleteBodyEmblem, getBodyEmblem, putBodyEmblem } from '../../../src/contract/body-emblem.ts';
import { useSession } from '../session.tsx';
import type { Body } from '../types.ts';
import { errorText } from '../components/ErrorAlert.tsx';
import { canWriteEmblem } from './permissions.ts';

export function EmblemControl({ body }: { body: Body }) {
  const t = useT();
  const { user } = useSession();
  const input = useRef<HTMLInputElement>(null);
  // bumped after each change, so the browser asks for the new image
  const [version, setVersion] = useState(0);
  const [shown, setShown] = useState<boolean | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const writable = canWriteEmblem(user, body.name);
  const inputId = `emblem-${body.id}`;

  const changed = (text: string) => {
    setMessage({ ok: true, text });
    setShown(null);
    setVersion((v) => v + 1);
  };
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await action();
    } catch (error) {
      setMessage({ ok: false, text: errorText(error, t) });
    } finally {
      setBusy(false);
    }
  };
  const upload = (file: File) =>
    run(async () => {
      const form = new FormData();
      form.append('file', file);
      await uploadFile(putBodyEmblem, { id: body.id }, form);
      changed(t('bodies.emblem.uploaded', { name: body.name }));
    });
  const remove = () =>
    run(async () => {
      await call(deleteBodyEmblem, { params: { id: body.id } });
      changed(t('bodies.emblem.removed', { name: body.name }));
    });

  return (
    <div className="d-flex flex-wrap align-items-center gap-2">
      <img
        key={version}
        src={`${pathOf(getBodyEmblem.url, { id: body.id })}?v=${version}`}
        alt={t('bodies.emblem.alt', { name: body.name })}
        className="body-emblem"
        style={{ maxHeight: '2.5rem', maxWidth: '5rem' }}
        hidden={shown !== true}
        onLoad={() => setShown(true)}
        onError={() => setShown(false)}
      />
      {shown === false && <span className="text-muted small">{t('bodies.emblem.none')}</span>}
      {writable && (
        <>
          <input
            ref={input}
            id={inputId}
            type="file"
            accept="image/png,image/jpeg"
            className="visually-hidden"
            disabled={busy}
            aria-label={t('bodies.emblem.uploadFor', { name: body.name })}
            aria-describedby={`${inputId}-help`}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) void upload(file);
            }}
          />
          <label htmlFor={inputId} className={`btn btn-outline-primary btn-xs mb-0${busy ? ' disabled' : ''}`}>
            {shown ? t('bodies.emblem.replace') : t('bodies.emblem.upload')}
          </label>
          {shown && (
            <Button size="xs" outline color="danger" disabled={busy} aria-label={t('bodies.emblem.removeFor', { name: body.name })} onClick={() => void remove()}>
              {t('bodies.emblem.remove')}
            </Button>
          )}
          <span id={`${inputId}-help`} className="visually-hidden">
            {t('bodies.emblem.help')}
          </span>
        </>
      )}
      {message && (
        <span role={message.ok ? 'status' : 'alert'} className={`small w-100 ${message.ok ? 'text-success' : 'text-danger'}`}>
          {message.text}
        </span>
      )}
    </div>
  );
}
