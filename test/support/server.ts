/** A real Regia server on a free port, with a fresh database and the demo data, for browser journeys. */
import type { AddressInfo } from 'node:net';
import { freshDatabase } from './db.ts';
import { serviceContext } from '../../src/services/context.ts';
import { bootstrap } from '../../src/services/bootstrap.ts';
import { loadDemo } from '../../src/services/demo.ts';
import { buildApp } from '../../src/http/app.ts';
import { webDist } from '../../src/server.ts';
import { ADMIN_PASSWORD, testAuditTrail } from './app.ts';
import { rmSync } from 'node:fs';

export { ADMIN_PASSWORD };

export const startTestServer = async () => {
  const database = await freshDatabase();
  const { audit, auditDir } = await testAuditTrail(database);
  const ctx = serviceContext(database, undefined, audit);
  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    await bootstrap(ctx, ADMIN_PASSWORD);
    await loadDemo(ctx);
    app = await buildApp(ctx, { version: 'test', webDist });
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await database.close(); // a failed start must not leave the database open
    rmSync(auditDir, { recursive: true, force: true });
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ctx,
    close: async () => {
      await app.close();
      await audit.close();
      await database.close();
      rmSync(auditDir, { recursive: true, force: true });
    },
  };
};
