/**
 * Manual check: `node --import tsx test/browser/serve.ts` starts the test server (fresh demo
 * database) and keeps it running, printing its address; Ctrl-C stops it. Build the web app first.
 */
import { startTestServer } from './server.ts';

const server = await startTestServer();
console.log(server.url);
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
