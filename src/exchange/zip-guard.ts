/**
 * The zip bounds of limits.ts, for the exchange archive (read-folder.ts) and for an XLSX workbook
 * (itself a zip, read by exceljs): each entry is inflated in slices of ZIP_PUSH_BYTES and thrown
 * away as it comes, counting its bytes, so that an archive over a bound (entries, size of an entry
 * or of the whole, compression ratio) is refused with an Italian message before it is read, and
 * memory never holds more than one slice's output. fflate buffers an entry that is never started,
 * so every entry of a method it knows is started.
 */
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { grouped, shown } from './issues.ts';
import { ZIP_MAX_ENTRIES, ZIP_MAX_ENTRY_BYTES, ZIP_MAX_RATIO, ZIP_MAX_TOTAL_BYTES, ZIP_PUSH_BYTES, ZIP_RATIO_FREE_BYTES } from './limits.ts';

export const newUnzip = (onFile: ConstructorParameters<typeof Unzip>[0]): Unzip => {
  const unzip = new Unzip(onFile);
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  return unzip;
};

const MB = 1024 * 1024;

/**
 * The bounds of limits.ts for one entry that has given `out` bytes from about `compressed` bytes
 * of the zip, in an archive that has given `total` bytes so far: the Italian reason to refuse, or null.
 */
export const zipRefusal = (name: string, out: number, compressed: number, total: number): string | null => {
  if (out > ZIP_MAX_ENTRY_BYTES) return `la voce "${shown(name)}" supera ${grouped(ZIP_MAX_ENTRY_BYTES / MB)} MB una volta decompressa: archivio rifiutato`;
  if (out > ZIP_RATIO_FREE_BYTES && out > ZIP_MAX_RATIO * Math.max(1, compressed)) {
    return `la voce "${shown(name)}" decompressa è più di ${ZIP_MAX_RATIO} volte l'originale compresso (archivio costruito per esaurire la memoria?): archivio rifiutato`;
  }
  if (total > ZIP_MAX_TOTAL_BYTES) return `l'archivio supera ${grouped(ZIP_MAX_TOTAL_BYTES / MB)} MB una volta decompresso: archivio rifiutato`;
  return null;
};

/** The compression methods registered in newUnzip: stored and deflate. */
export const inflatable = (file: { compression: number }) => file.compression === 0 || file.compression === 8;

/** Measures a zip as its bytes go past: `push` each chunk, then `end`; `refused` once over a bound. */
export class ZipMeter {
  readonly names: string[] = [];
  refused: string | null = null;
  private fed = 0;
  private total = 0;
  private readonly unzip: Unzip;

  /** `strict`: an entry that cannot be inflated refuses the archive (else it is left to the reader). */
  constructor(private readonly strict = true) {
    this.unzip = newUnzip((file) => {
      if (this.refused) return;
      this.names.push(file.name);
      if (this.names.length > ZIP_MAX_ENTRIES) {
        this.refused = `l'archivio contiene più di ${grouped(ZIP_MAX_ENTRIES)} voci: archivio rifiutato`;
        return;
      }
      if (!inflatable(file)) return; // an unknown method: refused when read, if it is a table
      const start = this.fed;
      let out = 0;
      file.ondata = (error, data, final) => {
        if (this.refused) return;
        if (error) {
          if (this.strict) this.refused = `voce "${shown(file.name)}" non leggibile: ${shown(error.message)}`;
          return;
        }
        out += data.length;
        this.total += data.length;
        this.refused = zipRefusal(file.name, out, this.fed - start, this.total);
        if (this.refused && !final) file.terminate();
      };
      file.start();
    });
  }

  /** The reason to refuse, once there is one (then push no more). */
  push(chunk: Uint8Array): string | null {
    for (let at = 0; at < chunk.length && !this.refused; at += ZIP_PUSH_BYTES) {
      const slice = chunk.subarray(at, at + ZIP_PUSH_BYTES);
      this.fed += slice.length;
      this.unzip.push(slice, false);
    }
    return this.refused;
  }

  /** Throws on an archive cut short (fflate's own error). */
  end(): string | null {
    if (!this.refused) this.unzip.push(new Uint8Array(0), true);
    return this.refused;
  }
}

/**
 * An XLSX workbook's bytes, measured as a zip on their way to exceljs: over a bound, `stream`
 * ends there (exceljs, which does not listen for errors of its input, sees a workbook cut short)
 * and `refused` says why, before exceljs has inflated the bomb. The source is read to its end
 * whatever happens (the digest covers the whole file); `done` settles then, and rejects only when
 * the source itself failed. Bytes that are not a zip fflate can follow go through untouched, for
 * exceljs to say the file is unreadable. `detach()` once exceljs is done with the stream.
 */
export const guardZip = (source: Readable): { stream: Readable; readonly refused: string | null; done: Promise<void>; detach(): void } => {
  const meter = new ZipMeter(false);
  const stream = new PassThrough();
  let broken = false;
  let refused: string | null = null;
  const done = (async () => {
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        if (stream.destroyed || stream.writableEnded) continue;
        if (!broken) {
          try {
            refused = meter.push(chunk);
          } catch {
            broken = true;
          }
          if (refused) {
            stream.end();
            continue;
          }
        }
        if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), once(stream, 'close')]);
      }
      if (!broken && !refused && !stream.destroyed) {
        try {
          refused = meter.end();
        } catch {
          broken = true;
        }
      }
      if (!stream.destroyed && !stream.writableEnded) stream.end();
    } catch (error) {
      if (!stream.destroyed && !stream.writableEnded) stream.end();
      throw error;
    }
  })();
  done.catch(() => {}); // awaited by the reader; never an unhandled rejection meanwhile
  return {
    stream,
    get refused() {
      return refused;
    },
    done,
    detach: () => void stream.destroy(),
  };
};
