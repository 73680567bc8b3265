import { Piscina } from 'piscina';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { AppError } from '../../../../common/app-error';
import { readStaffSheet, SheetError, type SheetEvent, type SheetResult } from './sheet-reader';
import type { SheetOutcome } from './sheet.worker';

export interface SheetParse {
  /** Resolves once the header is known good and data rows follow; rejects with a 4xx AppError for a file that is not the staff sheet. */
  ready: Promise<void>;
  /** The sheet, and the same as JSON (what the job keeps between the dry run and the import). */
  done: Promise<{ sheet: SheetResult; json: string }>;
}
export interface SheetParser {
  parse(data: Uint8Array, onEvent: (e: SheetEvent) => void): SheetParse;
  close(): Promise<void>;
}

/** Files smaller than this are read inline (a few hundred rows take milliseconds); larger ones on a worker thread. */
export const INLINE_BYTES = 256 * 1024;

function asAppError(e: unknown): unknown {
  if (e instanceof SheetError) return new AppError(e.code, e.message);
  return e;
}

function workerFile(): { filename: string; workerData?: unknown } {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    return { filename: fileURLToPath(new URL('../../../lib/ts-worker.mjs', here)), workerData: { tsFile: new URL('./sheet.worker.ts', here).href } };
  }
  // Built server: bundled into dist/server/main.js, next to staff-sheet.worker.js (scripts/build-server.mjs).
  return { filename: fileURLToPath(new URL('./staff-sheet.worker.js', here)) };
}

/**
 * Reading a staff spreadsheet: unzipping and parsing the XML of thousands of rows is the CPU-heavy
 * part of an import, so beyond a small size it runs on a worker thread; one thread, a short queue,
 * and past it the uploader is told the system is busy.
 */
export function createSheetParser(opts: { inlineBytes?: number; maxQueue?: number } = {}): SheetParser {
  const inline = opts.inlineBytes ?? INLINE_BYTES;
  let pool: Piscina | null = null;
  const poolOf = () => (pool ??= new Piscina({ ...workerFile(), minThreads: 0, maxThreads: 1, maxQueue: opts.maxQueue ?? 4, idleTimeout: 60_000 }));

  async function run(data: Uint8Array, onEvent: (e: SheetEvent) => void): Promise<{ sheet: SheetResult; json: string }> {
    if (data.length < inline) {
      const sheet = await readStaffSheet(data, onEvent);
      return { sheet, json: JSON.stringify(sheet) };
    }
    // A fresh copy: the upload's buffer may share memory with others, and this one is handed over to the thread.
    const copy = new Uint8Array(data);
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (e: SheetEvent) => onEvent(e));
    return (poolOf().run({ data: copy, port: port2 }, { transferList: [port2, copy.buffer] }) as Promise<SheetOutcome>)
      .then((out) => {
        // One string crosses the thread boundary far faster than thousands of row objects.
        if (out.ok) return { sheet: JSON.parse(out.json) as SheetResult, json: out.json };
        if (out.error.code === 'internal') throw new Error(out.error.message);
        throw new SheetError(out.error.code, out.error.message);
      })
      .catch((e: unknown) => {
        if (e instanceof Error && /queue is at limit/i.test(e.message)) throw new AppError('rate_limited', '正在读取的导入文件较多，系统正忙，请稍后再试');
        throw e;
      })
      .finally(() => port1.close());
  }

  return {
    parse(data, onEvent) {
      let markReady!: () => void;
      const readyFromEvent = new Promise<void>((resolve) => (markReady = resolve));
      const done = run(data, (e) => {
        if (e.type === 'ready') markReady();
        onEvent(e);
      }).catch((e: unknown) => {
        throw asAppError(e);
      });
      // Failures before `ready` reach the upload (a 4xx); later ones fail the job.
      const ready = Promise.race([readyFromEvent, done.then(() => undefined)]);
      done.catch(() => {});
      return { ready, done };
    },
    async close() {
      await pool?.destroy();
      pool = null;
    },
  };
}
