/** The acts the regional steps cite (budget law, DGR, DD), read to check their type. */
import { eq } from 'drizzle-orm';
import { acts } from '../../schema/index.ts';
import type { Executor } from '../../client.ts';

/** An act by id, whatever its type: the caller checks the type its step asks for. */
export const findAct = async (ex: Executor, id: number) => (await ex.select().from(acts).where(eq(acts.id, id)))[0];
