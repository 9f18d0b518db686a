/** The machine a run measured: CPU model, cores, memory, OS, Node and package versions. */
import { readFileSync } from 'node:fs';
import { cpus, totalmem, release, platform, loadavg } from 'node:os';

/** From node_modules directly: some packages' export maps hide their package.json. */
const packageVersion = (name: string): string => {
  try {
    return (JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
};

/** 1, 5 and 15-minute load averages: other work on the machine skews the figures. */
export const load = () => loadavg().map((v) => v.toFixed(2)).join(' / ');

export const machine = () => {
  let cpuModel = cpus()[0]?.model ?? '?';
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) cpuModel = m[1].trim();
  } catch {
    /* not Linux: keep os.cpus() */
  }
  return {
    cpu: cpuModel,
    cores: cpus().length,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: `${platform()} ${release()}`,
    node: process.version,
    pglite: packageVersion('@electric-sql/pglite'),
    pg: packageVersion('pg'),
    pgCopyStreams: packageVersion('pg-copy-streams'),
    drizzle: packageVersion('drizzle-orm'),
  };
};
