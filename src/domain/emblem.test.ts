import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pngData, readEmblem, MAX_EMBLEM_BYTES } from './emblem.ts';
import { jpegImage, pngClaiming, pngImage } from '../../test/support/images.ts';

const refusal = (bytes: Uint8Array) => {
  try {
    readEmblem(bytes);
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  assert.fail('accepted');
};

describe('a body’s emblem', () => {
  it('reads the size of a PNG and of a JPEG from their own bytes', () => {
    assert.deepEqual(readEmblem(pngImage(120, 80)), { format: 'png', width: 120, height: 80 });
    assert.deepEqual(readEmblem(jpegImage(300, 200)), { format: 'jpeg', width: 300, height: 200 });
  });
  it('refuses what is not a PNG or JPEG, whatever its name: a GIF, an SVG, a PDF', () => {
    for (const bytes of [Buffer.from('GIF89a\x01\x00\x01\x00'), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), Buffer.from('%PDF-1.7\n')]) {
      assert.deepEqual(refusal(bytes), { code: 'emblem.not_image', message: 'L’emblema deve essere un’immagine PNG o JPEG: il file inviato non lo è' });
    }
  });
  it('refuses an empty file, and one above 512 KB naming its size', () => {
    assert.equal(refusal(new Uint8Array()).code, 'emblem.empty');
    const big = Buffer.concat([pngImage(10, 10), Buffer.alloc(MAX_EMBLEM_BYTES)]);
    assert.deepEqual(refusal(big), { code: 'emblem.too_large', message: `L’emblema supera i 512 KB (il file inviato è di ${Math.ceil(big.length / 1024)} KB)` });
  });
  it('refuses a small file that claims a huge picture (it would unfold into gigabytes)', () => {
    assert.deepEqual(refusal(pngClaiming(30000, 30000)), { code: 'emblem.too_many_pixels', message: 'L’emblema misura 30000 × 30000 pixel: il massimo è 2000 pixel per lato' });
    assert.equal(refusal(pngClaiming(0, 10)).code, 'emblem.damaged');
  });
  it('refuses a truncated PNG and a JPEG without a frame header', () => {
    assert.equal(refusal(pngImage(10, 10).subarray(0, 40)).code, 'emblem.damaged');
    assert.equal(refusal(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02, 0xff, 0xd9])).code, 'emblem.damaged');
  });
  it('knows what a PNG’s pixels inflate to: a filter byte and three bytes a pixel on each line', () => {
    assert.equal(pngData(pngImage(120, 80)).inflatedBytes, 80 * (1 + 120 * 3));
    assert.ok(pngData(pngImage(120, 80)).stream.length > 0);
  });
});
