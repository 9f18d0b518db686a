/** A body's emblem for the cover of its documents: upload (PNG or JPEG, up to 512 KB), download, removal. */
import { Type, type Static } from 'typebox';
import { endpoint } from './endpoint.ts';
import { FileDownload, Id, problemResponses } from './common.ts';

const tags = ['Anagrafe'];
const IdParams = Type.Object({ id: Id });

export const Emblem = Type.Object({
  bodyId: Type.Integer(),
  mediaType: Type.Enum(['image/png', 'image/jpeg'] as const),
  width: Type.Integer({ description: 'pixel' }),
  height: Type.Integer({ description: 'pixel' }),
  bytes: Type.Integer(),
  sha256: Type.String(),
  storedAt: Type.String({ description: 'ISO 8601' }),
  storedBy: Type.String(),
});
export type Emblem = Static<typeof Emblem>;

export const putBodyEmblem = endpoint('PUT', '/api/bodies/:id/emblem', {
  tags,
  summary: "Carica l'emblema dell'ente per la copertina dei documenti (multipart, un file PNG o JPEG fino a 512 KB e 2000 pixel per lato): il direttore del consorzio per il proprio ente, o l'amministratore",
  params: IdParams,
  consumes: ['multipart/form-data'],
  response: { 200: Emblem, ...problemResponses },
});

export const getBodyEmblem = endpoint('GET', '/api/bodies/:id/emblem', {
  tags,
  summary: "L'emblema dell'ente (PNG o JPEG); 404 se non ne ha",
  params: IdParams,
  produces: ['image/png', 'image/jpeg'],
  response: { 200: FileDownload, ...problemResponses },
});

export const deleteBodyEmblem = endpoint('DELETE', '/api/bodies/:id/emblem', {
  tags,
  summary: "Toglie l'emblema dell'ente: i documenti avranno la copertina senza immagine",
  params: IdParams,
  response: { 204: Type.Null(), ...problemResponses },
});
