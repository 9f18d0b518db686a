/**
 * Byte sources for the exchange readers: a file path, a Node Readable or any
 * async iterable of bytes. Bytes are counted and hashed while they stream past,
 * so an upload receipt (sha256, size) costs no second read.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable, Transform, pipeline } from 'node:stream';

export type ByteSource = string | Readable | AsyncIterable<Uint8Array | string>;

export interface Digest {
  readonly sha256: string;
  readonly bytes: number;
}

export interface MeteredStream {
  readonly stream: Readable;
  /** Available once the stream has ended. */
  digest(): Digest;
}

const CHUNK = 256 * 1024;

export const openSource = (source: ByteSource): Readable => {
  if (typeof source === 'string') return createReadStream(source, { highWaterMark: CHUNK });
  if (source instanceof Readable) return source;
  return Readable.from(source, { objectMode: false });
};

export const meter = (source: ByteSource): MeteredStream => {
  const hash = createHash('sha256');
  let bytes = 0;
  let result: Digest | undefined;
  const counter = new Transform({
    transform(chunk: Buffer | string, _encoding, callback) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      hash.update(buffer);
      bytes += buffer.length;
      callback(null, buffer);
    },
    flush(callback) {
      result = { sha256: hash.digest('hex'), bytes };
      callback();
    },
  });
  // errors of the source reach the reader through `counter` (pipeline destroys it)
  pipeline(openSource(source), counter, () => {});
  return {
    stream: counter,
    digest: () => {
      if (!result) throw new Error('digest requested before the end of the stream');
      return result;
    },
  };
};
