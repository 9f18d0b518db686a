/**
 * The `regia` command (EXCHANGE.md "Command line"): parses arguments and calls the same
 * services as the HTTP API. Exit 0 on success, 1 on invalid input or a refusal
 * (among them a data folder open in another process, a running server: nothing was done; the
 * contract of EXCHANGE.md has no other code), 2 on usage errors.
 */
import { commands, FolderInUse, type Command } from './commands.ts';
import { UsageError } from './usage.ts';
import { DomainError } from '../domain/errors.ts';
import { conflictError } from '../db/conflicts.ts';

const help = () =>
  [
    'regia — governo del sistema integrato dei servizi sociali',
    '',
    'Uso: regia <comando> [opzioni]',
    '',
    'Comandi:',
    ...commands.map((c) => `  ${c.usage.padEnd(66)} ${c.summary}`),
    '',
    'Database: PostgreSQL se DATABASE_URL è impostata, altrimenti PGlite in REGIA_DATA_DIR (predefinito ./data).',
    'Una cartella PGlite si apre da un solo processo: mentre il server è avviato i comandi la rifiutano (uscita 1); con PostgreSQL no.',
    'Uscita: 0 riuscito, 1 dati non validi (errori su stderr), 2 uso errato.',
  ].join('\n');

export const main = async (argv: string[]): Promise<number> => {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(help());
    return argv.length === 0 ? 2 : 0;
  }
  const match = commands
    .map((c): [Command, number] => [c, c.name.split(' ').length])
    .find(([c, n]) => argv.slice(0, n).join(' ') === c.name);
  if (!match) {
    console.error(`Comando sconosciuto: ${argv.join(' ')}\n\n${help()}`);
    return 2;
  }
  const [command, words] = match;
  const rest = argv.slice(words);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`Uso: regia ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\nUso: regia ${command.usage}`);
      return 2;
    }
    const failed = refusal(e);
    if (failed === null) throw e;
    console.error(failed);
    return 1;
  }
};

/**
 * The message of an error that is the user's to act on (exit 1), or null for a fault, whose
 * stack trace is then printed: a DomainError, or another writer met in the database (the
 * server, another command), whose transaction was rolled back.
 */
export const refusal = (e: unknown): string | null => {
  if (e instanceof DomainError || e instanceof FolderInUse) return e.message;
  return conflictError(e, 'cli')?.message ?? null;
};
