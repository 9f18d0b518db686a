/**
 * Where an upload waits while it is processed: a folder of the request's own, made by mkdtemp
 * under the system's temporary folder (mkdtemp creates it 0700), each file created 0600, the
 * folder removed when the handler is done, whether it succeeded or failed. Other accounts on the
 * machine can neither list nor read what a district uploaded (ASVS V12.3, V14.2), whatever the
 * umask of the process that runs Regia.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';

export const UPLOAD_FOLDER_PREFIX = 'regia-upload-';

export interface SpooledUpload {
  /** The name the client gave the file: only ever shown or used to tell the file's kind. */
  filename: string;
  /** Where it is on disk: `1`, `2`… in the request's folder, never a name the client chose. */
  filepath: string;
}

export interface UploadLimits {
  fileSize: number;
  files: number;
}

/**
 * Spools the request's files (multipart) into a fresh owner-only folder and hands them to `use`;
 * the folder is gone when the returned promise settles. A file over `fileSize` or more than
 * `files` files fail with 413, as the multipart plugin reports them.
 */
export const withUploads = async <T>(request: FastifyRequest, limits: UploadLimits, use: (files: SpooledUpload[]) => Promise<T>): Promise<T> => {
  const folder = await mkdtemp(join(tmpdir(), UPLOAD_FOLDER_PREFIX));
  try {
    const files: SpooledUpload[] = [];
    for await (const part of request.files({ limits })) {
      const filepath = join(folder, String(files.length + 1));
      await pipeline(part.file, createWriteStream(filepath, { mode: 0o600, flags: 'wx' }));
      files.push({ filename: part.filename, filepath });
    }
    return await use(files);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
};
