/**
 * Requests over a real socket with the request target sent byte for byte: `inject` and `fetch`
 * resolve `..` before the server sees it, a client an attacker writes does not.
 */
import { request as httpRequest, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The problem's code when the answer is application/problem+json. */
  code: string | undefined;
}

export interface RawClient {
  send(method: string, target: string, opts?: { headers?: Record<string, string>; body?: string | Buffer }): Promise<RawAnswer>;
  close(): void;
}

/** Starts the app on a free local port and returns a client that sends targets untouched. */
export const rawClient = async (app: FastifyInstance): Promise<RawClient> => {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  return {
    send: (method, target, opts = {}) =>
      new Promise((resolve, reject) => {
        let answered = false;
        const headers: Record<string, string | number> = { ...opts.headers };
        if (opts.body !== undefined) headers['content-length'] = Buffer.byteLength(opts.body);
        const req = httpRequest({ host: '127.0.0.1', port, method, path: target, headers, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            const problem = String(res.headers['content-type'] ?? '').startsWith('application/problem+json');
            answered = true;
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body, code: problem ? (JSON.parse(body) as { code: string }).code : undefined });
          });
          res.on('error', reject);
        });
        // a server that refuses and closes cuts an upload short: that is fine once it has answered
        req.on('error', (err) => (answered ? undefined : reject(err)));
        if (opts.body !== undefined) req.write(opts.body);
        req.end();
      }),
    close: () => agent.destroy(),
  };
};
