import type { Database } from '../../db/client';
import type { MatterRow } from '../../db/tables';
import { mattersRepo, type NewMatter } from './matters.repo';

/** The most matters one statement writes. */
export const WRITE_BATCH = 64;

export interface MatterWriter {
  /** Writes a new matter (with its jobs and first event); undefined when its client key was used already. */
  write(item: NewMatter): Promise<MatterRow | undefined>;
}

interface Waiting {
  item: NewMatter;
  resolve(m: MatterRow | undefined): void;
  reject(e: unknown): void;
}

/**
 * Intakes that arrive while a write is under way are written together by the next statement (a
 * group commit): under load one statement and one commit serve many reports, and a lone report is
 * written at once; the next batch gathers while one is written (two statements at a time measured no
 * faster on PostgreSQL). Each answer waits for its own commit, so nothing acknowledged is lost. When a
 * statement fails, its matters are written one by one, so one bad row fails only its own report.
 */
export function createMatterWriter(db: Database, batch = WRITE_BATCH): MatterWriter {
  let queue: Waiting[] = [];
  let writing = false;

  async function writeAll(group: Waiting[]) {
    try {
      const written = new Map((await mattersRepo.insertNew(db, group.map((w) => w.item))).map((m) => [m.id, m]));
      for (const w of group) w.resolve(written.get(w.item.row.id!));
    } catch (e) {
      if (group.length === 1) return group[0].reject(e);
      for (const w of group) await writeAll([w]);
    }
  }

  async function drain() {
    writing = true;
    try {
      while (queue.length > 0) {
        const taken = queue.slice(0, batch);
        queue = queue.slice(batch);
        // One statement per set of columns (a matter closed on the spot has more).
        const groups = new Map<string, Waiting[]>();
        for (const w of taken) {
          const k = `${Object.keys(w.item.row).join()}|${Object.keys(w.item.event).join()}`;
          groups.set(k, [...(groups.get(k) ?? []), w]);
        }
        for (const g of groups.values()) await writeAll(g);
      }
    } finally {
      writing = false;
    }
  }

  return {
    write(item) {
      return new Promise((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!writing) void drain();
      });
    },
  };
}
