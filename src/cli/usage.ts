import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

/** node:util parseArgs with usage errors instead of exceptions of another kind. */
export const parse = <T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, positionals: number) => {
  try {
    const r = parseArgs({ args, options, allowPositionals: true, strict: true });
    if (r.positionals.length !== positionals) throw new UsageError(`Attesi ${positionals} argomenti, ricevuti ${r.positionals.length}`);
    return r;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError((e as Error).message);
  }
};

/** Reads one line (the password) from standard input. */
export const readStdinLine = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
};
