/** What `regia audit verify` and the "Registro attività" page say of a verification, in Italian. */
import type { AuditCheck } from './verification.ts';

export const auditCheckMessage = (r: AuditCheck): string => {
  if (r.intact) {
    return r.checkpoint
      ? `Registro integro: ${r.entries} voci verificate con la chiave, coerenti con il punto di controllo del ${r.checkpoint.at} (voce n. ${r.checkpoint.seq})`
      : `Registro integro: ${r.entries} voci verificate con la chiave; nessun punto di controllo ancora scritto fuori dal database`;
  }
  switch (r.reason) {
    case 'altered':
      return `Voce n. ${r.firstBroken} alterata: il suo HMAC non corrisponde al contenuto (modificata, o riscritta senza la chiave del registro)`;
    case 'unkeyed':
      return `Voce n. ${r.firstBroken} alterata: porta un hash SHA-256 semplice dove è dovuto l'HMAC con la chiave del registro (riscritta da chi non ha la chiave, oppure registro di una versione precedente non ancora avviata con la chiave)`;
    case 'missing':
      return `Voce n. ${r.firstBroken} mancante: la sequenza ha un vuoto`;
    case 'inserted':
      return `Voce n. ${r.firstBroken} inserita o riscritta: non si collega alla precedente`;
    case 'head':
      return `Voci finali rimosse: la catena termina prima della voce n. ${r.firstBroken}`;
    case 'rewound':
      return `Voci dalla n. ${r.firstBroken} alla n. ${r.checkpoint.seq} mancanti: il punto di controllo del ${r.checkpoint.at} registra la voce n. ${r.checkpoint.seq}, il registro termina alla n. ${r.firstBroken - 1} (voci finali cancellate e testa riportata indietro, oppure database ripristinato da una copia precedente)`;
    case 'checkpoint':
      return `Voce n. ${r.firstBroken} diversa dal punto di controllo del ${r.checkpoint.at}: l'hash registrato fuori dal database non corrisponde (voci falsificate e ricalcolate, oppure database ripristinato da una copia precedente)`;
    case 'key-missing':
      return 'Chiave del registro mancante: indicarla con REGIA_AUDIT_KEY o REGIA_AUDIT_KEY_FILE, oppure ripristinare il file audit.key nella cartella del registro';
    case 'key-different':
      return 'Chiave del registro diversa da quella con cui sono state scritte le voci e i punti di controllo: usare la stessa chiave su ogni server (REGIA_AUDIT_KEY o REGIA_AUDIT_KEY_FILE)';
    case 'checkpoint-file':
      return `File dei punti di controllo alterato alla riga ${r.line}: la riga non è un punto di controllo firmato con la chiave del registro (il file non va mai modificato)`;
  }
};
