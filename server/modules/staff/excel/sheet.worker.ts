import type { MessagePort } from 'node:worker_threads';
import { readStaffSheet, SheetError } from './sheet-reader';

export type SheetOutcome = { ok: true; json: string } | { ok: false; error: { code: SheetError['code'] | 'internal'; message: string } };

/** Piscina worker: reads an uploaded staff sheet off the event loop, telling its progress through `port`. */
export default async function run(task: { data: Uint8Array; port: MessagePort }): Promise<SheetOutcome> {
  try {
    return { ok: true, json: JSON.stringify(await readStaffSheet(task.data, (e) => task.port.postMessage(e))) };
  } catch (e) {
    if (e instanceof SheetError) return { ok: false, error: { code: e.code, message: e.message } };
    return { ok: false, error: { code: 'internal', message: e instanceof Error ? e.message : String(e) } };
  } finally {
    task.port.close();
  }
}
