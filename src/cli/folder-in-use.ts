/**
 * What a command says when the PGlite data folder is held by another process. Every command
 * refuses, readers too: PGlite cannot open a folder another process has open, not even to read
 * (it would read a copy that is not the server's and could write it back over the server's).
 * So nothing is done, nothing is lost, and the operator is told where the same thing is done
 * while the server runs.
 */
import type { FolderLocked } from '../db/folder-lock.ts';

/** Where a command's work is done while the server runs. */
export type Instead =
  /** A page of the web interface (its menu name and path) and the API call behind it. */
  | { page: readonly [name: string, path: string]; api: string }
  | { migrate: true }
  | { demo: true };

const insteadText = (instead: Instead, base: string | undefined): string => {
  if ('migrate' in instead) return 'Il server ha già applicato le migrazioni al suo avvio: non serve altro. Per applicare quelle di una nuova versione, riavviare il server.';
  if ('demo' in instead) return 'Il server carica i dati dimostrativi da sé quando è avviato con `npm start` e REGIA_DEMO=1 (il predefinito): se è stato avviato con REGIA_DEMO=0, riavviarlo senza.';
  const [name, path] = instead.page;
  const where = base ? new URL(path.replace(/^\//, ''), base).toString() : path;
  return `Usare la pagina «${name}» dell’interfaccia web (${where}) oppure l’API ${instead.api}.`;
};

export const folderInUse = (e: FolderLocked, instead: Instead): string => {
  const lines = [e.message, 'Il comando non è stato eseguito e non ha modificato nulla: una cartella PGlite si apre da un solo processo alla volta.'];
  if (e.holder?.role === 'cli') {
    lines.push('Attendere che l’altro comando finisca, poi ripetere questo.');
  } else {
    lines.push(insteadText(instead, e.holder?.url));
    lines.push('Oppure fermare il server (Ctrl+C nel terminale di `npm start`) e ripetere il comando.');
  }
  return lines.join('\n');
};
