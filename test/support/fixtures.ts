/** Small factories: a district, a municipality, with just the fields a test needs. */
import { districts, municipalities, regions } from '../../src/db/schema/index.ts';
import type { Database } from '../../src/db/client.ts';

export const aRegion = async (database: Database) =>
  database.db.insert(regions).values({ code: 'LAZIO', name: 'Regione Lazio' }).onConflictDoNothing();

export const aDistrict = async (database: Database, code: string, fields: Partial<{ name: string; leadBody: string; managementForm: string }> = {}) => {
  await aRegion(database);
  await database.db.insert(districts).values({ code, name: fields.name ?? `Distretto ${code}`, regionCode: 'LAZIO', leadBody: fields.leadBody ?? `Comune capofila ${code}`, managementForm: fields.managementForm ?? null });
};

export const aMunicipality = async (database: Database, istatCode: string, district: string | null, population: number, name = `Comune ${istatCode}`) =>
  database.db.insert(municipalities).values({ istatCode, name, population, districtCode: district });
