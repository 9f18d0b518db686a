/** The home page's "what needs me now" (web/src/todo/TodoList.tsx). ICU MessageFormat. */
export const todoIt = {
  'todo.title': 'Cosa ti aspetta',
  'todo.empty': 'Nessuna attività in attesa: non ci sono scadenze, verifiche o richieste aperte per te.',
  'todo.urgency.late': 'Scaduto',
  'todo.urgency.soon': 'Da fare presto',
  'todo.urgency.open': 'Da fare',
  'todo.reportsToVerify': '{reports, plural, one {# rendiconto inviato} other {# rendiconti inviati}} con {lines, plural, one {# spesa} other {# spese}} da verificare',
  'todo.correctionsToDecide': '{requests, plural, one {# richiesta di rettifica} other {# richieste di rettifica}} da decidere',
  'todo.correctionsMine': '{requests, plural, one {# tua richiesta di rettifica è} other {# tue richieste di rettifica sono}} in attesa della Regione',
  'todo.trancheBlocked': '{fund}: la tranche {year} non è ancora richiedibile, mancano {missing} di spesa riconosciuta sull’annualità {gating} per arrivare al 75%',
  'todo.tranchePayable': '{fund}: la tranche {year} è richiedibile, l’annualità {gating} ha raggiunto il 75% di spesa riconosciuta',
  'todo.reportsLate': 'Rendiconto delle spese {year} non inviato entro il 31 marzo: {count, plural, one {# distretto} other {# distretti}} ({districts})',
  'todo.reportDue': 'Rendiconto delle spese {year} del distretto {district}: da inviare entro il {deadline} ({days, plural, =0 {scade oggi} one {manca # giorno} other {mancano # giorni}})',
  'todo.reportLate': 'Rendiconto delle spese {year} del distretto {district}: scaduto il {deadline} ({days, plural, one {# giorno} other {# giorni}} di ritardo)',
  'todo.objectivesToReport': 'Piano {year} di {body}: {objectives, plural, one {# obiettivo} other {# obiettivi}} senza valori a consuntivo o relazione',
  'todo.planToValidate': 'Piano {year} di {body}: da validare',
  'todo.open': 'Apri',
};
