/**
 * A body's emblem (stemma, logo) for the cover of its documents: PNG or JPEG only, recognised by
 * the file's own bytes (never by its name or declared type), small on disk and small once
 * decoded, so that a few kilobytes cannot unfold into a bitmap that exhausts the server when a
 * report is rendered.
 */
import { invalid } from './errors.ts';

export type EmblemFormat = 'png' | 'jpeg';

export interface EmblemImage {
  readonly format: EmblemFormat;
  readonly width: number;
  readonly height: number;
}

export const MAX_EMBLEM_BYTES = 512 * 1024;
/** Pixels per side: an emblem prints a few centimetres wide; 2000 px is 17 cm at 300 dpi. */
export const MAX_EMBLEM_SIDE = 2000;

export const EMBLEM_MEDIA_TYPES: Readonly<Record<EmblemFormat, string>> = { png: 'image/png', jpeg: 'image/jpeg' };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const IEND = [0x49, 0x45, 0x4e, 0x44];

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b);
const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;

const damaged = (format: string) => invalid('emblem.damaged', `Immagine ${format} danneggiata o incompleta: non se ne leggono le dimensioni`);

/** PNG: the IHDR chunk comes first and gives the size; IEND closes a complete file. */
const readPng = (b: Uint8Array): EmblemImage => {
  if (b.length < 8 + 25 + 12 || !startsWith(b, [0x49, 0x48, 0x44, 0x52], 12) || !startsWith(b, IEND, b.length - 8)) throw damaged('PNG');
  return { format: 'png', width: u32(b, 16), height: u32(b, 20) };
};

/** JPEG: the size is in the first start-of-frame segment, before the scan begins. */
const readJpeg = (b: Uint8Array): EmblemImage => {
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) break;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    // markers without a length
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // scan or end before any frame
    const length = u16(b, at + 2);
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) {
      if (at + 9 > b.length || length < 7) break;
      return { format: 'jpeg', height: u16(b, at + 5), width: u16(b, at + 7) };
    }
    if (length < 2) break;
    at += 2 + length;
  }
  throw damaged('JPEG');
};

const kilobytes = (n: number) => `${Math.ceil(n / 1024).toLocaleString('it-IT')} KB`;

/** Reads an uploaded emblem, or refuses it in Italian saying why. */
export const readEmblem = (bytes: Uint8Array): EmblemImage => {
  if (bytes.byteLength === 0) throw invalid('emblem.empty', 'Il file dell’emblema è vuoto');
  if (bytes.byteLength > MAX_EMBLEM_BYTES) throw invalid('emblem.too_large', `L’emblema supera i 512 KB (il file inviato è di ${kilobytes(bytes.byteLength)})`);
  let image: EmblemImage;
  if (startsWith(bytes, PNG_SIGNATURE)) image = readPng(bytes);
  else if (startsWith(bytes, [0xff, 0xd8, 0xff])) image = readJpeg(bytes);
  else throw invalid('emblem.not_image', 'L’emblema deve essere un’immagine PNG o JPEG: il file inviato non lo è');
  if (image.width < 1 || image.height < 1) throw damaged(image.format.toUpperCase());
  if (image.width > MAX_EMBLEM_SIDE || image.height > MAX_EMBLEM_SIDE) {
    throw invalid('emblem.too_many_pixels', `L’emblema misura ${image.width} × ${image.height} pixel: il massimo è ${MAX_EMBLEM_SIDE} pixel per lato`);
  }
  return image;
};
