import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { testApp, type TestApp, type Session } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { jpegImage, pngClaiming, pngImage } from '../support/images.ts';

const seed2 = JSON.parse(readFileSync('reference-data/performance/inrete-2024.json', 'utf8')) as unknown;

/** One file under the form field "file", as the body page's upload control sends it. */
const upload = (t: TestApp, s: Session, bodyId: number, name: string, content: Buffer, type = 'image/png') => {
  const boundary = '----regia-emblem';
  return t.app.inject({
    method: 'PUT',
    url: `/api/bodies/${bodyId}/emblem`,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
};

const detail = (res: { json(): unknown }) => (res.json() as { detail: string }).detail;

describe(`a body’s emblem on the cover of its report (${testEngine})`, () => {
  let t: TestApp;
  let admin: Session;
  let manager: Session;
  let otherManager: Session;
  let officer: Session;
  let inrete: number;
  let other: number;
  let planId: number;

  before(async () => {
    t = await testApp();
    admin = await t.signIn('admin');
    officer = await t.signIn('region_officer');
    manager = await t.signIn('consortium_manager', [], undefined, { body: 'Consorzio IN.RE.TE.', centres: [] });
    otherManager = await t.signIn('consortium_manager', [], 'direttore-altro', { body: 'Consorzio Altro', centres: [] });
    const created = async (name: string) => {
      const res = await officer.send('POST', '/api/bodies', { name, kind: 'consortium' });
      assert.equal(res.statusCode, 201, res.body);
      return (res.json() as { id: number }).id;
    };
    inrete = await created('Consorzio IN.RE.TE.');
    other = await created('Consorzio Altro');
    const res = await manager.send('POST', '/api/performance/plans', seed2);
    assert.equal(res.statusCode, 201, res.body);
    planId = (res.json() as { id: number }).id;
  });
  after(() => t.close());

  const reportMedia = async () => {
    const res = await manager.get(`/api/performance/plans/${planId}/report.docx`);
    assert.equal(res.statusCode, 200);
    const files = unzipSync(new Uint8Array(res.rawPayload));
    return { media: Object.entries(files).filter(([n]) => n.startsWith('word/media/')), xml: strFromU8(files['word/document.xml']!) };
  };

  it('has no image on the cover before an emblem is uploaded', async () => {
    assert.equal((await manager.get(`/api/bodies/${inrete}/emblem`)).statusCode, 404);
    const { media, xml } = await reportMedia();
    assert.equal(media.length, 0);
    assert.doesNotMatch(xml, /<w:drawing>/);
  });

  it('takes the manager’s PNG, serves it back, audits it, and puts it on the report’s cover', async () => {
    const png = pngImage(240, 120);
    const res = await upload(t, manager, inrete, 'stemma.png', png);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual((({ mediaType, width, height, bytes }) => ({ mediaType, width, height, bytes }))(res.json() as Record<string, unknown>), { mediaType: 'image/png', width: 240, height: 120, bytes: png.length });
    const back = await officer.get(`/api/bodies/${inrete}/emblem`);
    assert.equal(back.statusCode, 200);
    assert.equal(back.headers['content-type'], 'image/png');
    assert.deepEqual(back.rawPayload, png);
    const audit = (await admin.get(`/api/audit?action=body.emblem.put&entityId=${inrete}`)).json() as { items: { actor: string; after: { sha256: string; bytes: number } }[] };
    assert.equal(audit.items.length, 1);
    assert.equal(audit.items[0]!.after.bytes, png.length);
    const { media, xml } = await reportMedia();
    assert.equal(media.length, 1);
    assert.deepEqual(Buffer.from(media[0]![1]), png);
    assert.match(xml, /descr="Emblema di Consorzio IN.RE.TE."/);
    const pdf = await manager.get(`/api/performance/plans/${planId}/report.pdf`);
    assert.match(pdf.rawPayload.toString('latin1'), /\/Subtype \/Image/);
  });

  it('refuses what is not a PNG or JPEG, whatever its name and type say, and keeps the emblem it had', async () => {
    const before = (await officer.get(`/api/bodies/${inrete}/emblem`)).rawPayload;
    const svg = await upload(t, manager, inrete, 'stemma.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
    assert.equal(svg.statusCode, 422);
    assert.equal(detail(svg), 'L’emblema deve essere un’immagine PNG o JPEG: il file inviato non lo è');
    const bomb = await upload(t, manager, inrete, 'grande.png', pngClaiming(40000, 40000));
    assert.equal(bomb.statusCode, 422);
    assert.match(detail(bomb), /40000 × 40000 pixel: il massimo è 2000 pixel per lato/);
    const hollow = await upload(t, manager, inrete, 'vuoto.png', pngClaiming(100, 100));
    assert.equal(hollow.statusCode, 422, 'a header without the pixels it declares');
    assert.equal(detail(hollow), 'Immagine PNG danneggiata o incompleta: i pixel non corrispondono alle dimensioni dichiarate');
    const big = await upload(t, manager, inrete, 'pesante.png', Buffer.concat([pngImage(10, 10), Buffer.alloc(600 * 1024)]));
    assert.equal(big.statusCode, 422);
    assert.equal(detail(big), 'L’emblema supera i 512 KB');
    const json = await manager.send('PUT', `/api/bodies/${inrete}/emblem`, { image: 'x' });
    assert.equal(json.statusCode, 422);
    assert.deepEqual((await officer.get(`/api/bodies/${inrete}/emblem`)).rawPayload, before, 'nothing half-saved');
  });

  it('lets only that body’s manager and the administrator write it', async () => {
    const jpeg = jpegImage(100, 100);
    const refused = await upload(t, otherManager, inrete, 'stemma.jpg', jpeg, 'image/jpeg');
    assert.equal(refused.statusCode, 403);
    assert.match(detail(refused), /Consorzio IN.RE.TE./);
    assert.equal((await upload(t, officer, inrete, 'stemma.jpg', jpeg, 'image/jpeg')).statusCode, 403, 'the Region reads bodies but does not write emblems');
    assert.equal((await otherManager.send('DELETE', `/api/bodies/${inrete}/emblem`)).statusCode, 403);
    assert.equal((await upload(t, otherManager, other, 'stemma.jpg', jpeg, 'image/jpeg')).statusCode, 200, 'its own body');
    const byAdmin = await upload(t, admin, inrete, 'stemma.jpg', jpeg, 'image/jpeg');
    assert.equal(byAdmin.statusCode, 200, byAdmin.body);
    assert.equal((await manager.get(`/api/bodies/${inrete}/emblem`)).headers['content-type'], 'image/jpeg');
    assert.equal((await upload(t, admin, 99999, 'stemma.jpg', jpeg, 'image/jpeg')).statusCode, 404);
  });

  it('removes it: the cover goes back to no image, and the removal is audited', async () => {
    const res = await manager.send('DELETE', `/api/bodies/${inrete}/emblem`);
    assert.equal(res.statusCode, 204, res.body);
    assert.equal((await manager.get(`/api/bodies/${inrete}/emblem`)).statusCode, 404);
    assert.equal((await manager.send('DELETE', `/api/bodies/${inrete}/emblem`)).statusCode, 404);
    assert.equal((await reportMedia()).media.length, 0);
    const audit = (await admin.get(`/api/audit?action=body.emblem.delete&entityId=${inrete}`)).json() as { items: unknown[] };
    assert.equal(audit.items.length, 1);
  });
});
