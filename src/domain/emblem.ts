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

/**
 * What a PNG's pixels must inflate to, so that the service can check the file decodes to the
 * size it declares (a truncated or forged image stream is refused before any document uses it).
 */
export interface PngData {
  /** The IDAT chunks' contents, in order: one zlib stream. */
  readonly stream: Uint8Array;
  /** Bytes of the inflated stream: each line's filter byte and its pixels, over the Adam7 passes when interlaced. */
  readonly inflatedBytes: number;
}

export const MAX_EMBLEM_BYTES = 512 * 1024;
/** Pixels per side: an emblem prints a few centimetres wide; 2000 px is 17 cm at 300 dpi. */
export const MAX_EMBLEM_SIDE = 2000;

export const EMBLEM_MEDIA_TYPES = { png: 'image/png', jpeg: 'image/jpeg' } as const satisfies Readonly<Record<EmblemFormat, string>>;
export type EmblemMediaType = (typeof EMBLEM_MEDIA_TYPES)[EmblemFormat];

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

/** Samples per pixel of each PNG colour type, and the bit depths it allows (PNG spec, table 11.1). */
const COLOUR_TYPES: Readonly<Record<number, { samples: number; depths: readonly number[] }>> = {
  0: { samples: 1, depths: [1, 2, 4, 8, 16] },
  2: { samples: 3, depths: [8, 16] },
  3: { samples: 1, depths: [1, 2, 4, 8] },
  4: { samples: 2, depths: [8, 16] },
  6: { samples: 4, depths: [8, 16] },
};

/** Adam7: each pass's first column and row and its steps (PNG spec 8.2). */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** The image stream of a PNG that readEmblem accepted, and the size it must inflate to. */
export const pngData = (b: Uint8Array): PngData => {
  const width = u32(b, 16);
  const height = u32(b, 20);
  const depth = b[24]!;
  const colour = COLOUR_TYPES[b[25]!];
  if (!colour || !colour.depths.includes(depth) || b[26] !== 0 || b[27] !== 0 || b[28]! > 1) throw damaged('PNG');
  const lineBytes = (pixels: number) => (pixels === 0 ? 0 : 1 + Math.ceil((pixels * colour.samples * depth) / 8));
  const passes: ReadonlyArray<readonly [number, number, number, number]> = b[28] === 1 ? ADAM7 : [[0, 0, 1, 1]];
  let inflatedBytes = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const columns = Math.ceil((width - x0) / dx);
    const rows = Math.ceil((height - y0) / dy);
    if (columns > 0 && rows > 0) inflatedBytes += rows * lineBytes(columns);
  }
  const parts: Uint8Array[] = [];
  for (let at = 8; at + 12 <= b.length; ) {
    const length = u32(b, at);
    if (at + 12 + length > b.length) throw damaged('PNG');
    if (startsWith(b, [0x49, 0x44, 0x41, 0x54], at + 4)) parts.push(b.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  if (parts.length === 0) throw damaged('PNG');
  const stream = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (stream.set(p, at), at + p.length), 0);
  return { stream, inflatedBytes };
};

/** The refusal of a PNG whose pixels do not inflate to the size its header declares. */
export const pngDamaged = () => invalid('emblem.damaged', 'Immagine PNG danneggiata o incompleta: i pixel non corrispondono alle dimensioni dichiarate');

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
