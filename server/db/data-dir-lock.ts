import { closeSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * One owner per embedded data directory. PGlite keeps the database in the memory of the process
 * that opened it and writes it back on its own schedule; a second process opening the same
 * directory works on its own copy and one of the two silently loses its writes. So the first
 * process takes `wangge.lock` (created atomically, holding its pid), and every other process is
 * refused with a message that names the holder. A lock left by a killed process is stale: its pid
 * is gone, or belongs to a different process that started later; it is taken over.
 */
export const LOCK_FILE = 'wangge.lock';

export interface LockInfo {
  pid: number;
  /** Kernel start time of the process (clock ticks since boot), to tell a reused pid from the holder. */
  startTicks: number | null;
  hostname: string;
  /** What holds it: the server, or a command-line task. */
  role: 'server' | 'cli';
  since: string;
  /** Where a running server answers its local control requests (set once it listens). */
  control?: { host: string; port: number; token: string };
}

export class DataDirBusyError extends Error {
  constructor(
    readonly dir: string,
    readonly holder: LockInfo,
  ) {
    super(busyMessage(dir, holder));
    this.name = 'DataDirBusyError';
  }
}

function busyMessage(dir: string, h: LockInfo): string {
  const what = h.role === 'server' ? '网格通服务' : '网格通命令行任务';
  const since = new Date(h.since).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  const where = h.hostname === hostname() ? `进程号 ${h.pid}` : `主机 ${h.hostname} 上的进程 ${h.pid}`;
  return (
    `数据目录 ${dir} 正被${what}使用（${where}，自 ${since} 起）。内嵌数据库同一时间只能由一个进程打开，` +
    `否则其中一个进程的写入会丢失。请先停止该进程（在其终端按 Ctrl+C，或执行 kill ${h.pid}）后重试；` +
    `服务运行期间的日常操作请通过网页或接口完成。`
  );
}

function startTicksOf(pid: number): number | null {
  try {
    // Field 22 of /proc/<pid>/stat, counted after the parenthesised command name (which may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[19]);
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Lock files this process holds: a second open in the same process is refused like any other. */
const heldHere = new Set<string>();

/** Is the process recorded in the lock still the one running? */
export function holderAlive(info: LockInfo, file?: string): boolean {
  if (!Number.isInteger(info.pid) || info.pid <= 0) return false; // half-written or garbage
  if (info.hostname !== hostname()) return true; // another machine's process can't be checked: assume it runs
  if (info.pid === process.pid) return file !== undefined && heldHere.has(file); // else our pid from an earlier life (a container restart)
  if (!alive(info.pid)) return false;
  const ticks = startTicksOf(info.pid);
  return info.startTicks === null || ticks === null || ticks === info.startTicks;
}

function readLock(file: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Half-written or garbage: written by a process that died while creating it.
    return { pid: -1, startTicks: null, hostname: hostname(), role: 'cli', since: new Date(0).toISOString() };
  }
}

/** Reads who holds the directory, or null when nobody does (a stale lock counts as nobody). */
export function lockHolder(dir: string): LockInfo | null {
  const file = path.join(dir, LOCK_FILE);
  const info = readLock(file);
  return info && holderAlive(info, file) ? info : null;
}

export interface DataDirLock {
  readonly file: string;
  /** Records the control address of the running server for command-line tasks to use. */
  publishControl(port: number, host: string): string;
  release(): void;
}

/** Takes the directory's lock or throws DataDirBusyError naming the live holder. */
export function acquireDataDirLock(dir: string, role: LockInfo['role']): DataDirLock {
  const file = path.join(dir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, startTicks: startTicksOf(process.pid), hostname: hostname(), role, since: new Date().toISOString() };
  const write = (target: string, data: LockInfo) => {
    const fd = openSync(target, 'wx', 0o600);
    try {
      writeSync(fd, JSON.stringify(data));
    } finally {
      closeSync(fd);
    }
  };
  // Write the whole record under a private name, then link it into place: link() fails when the
  // lock exists, so the lock file appears atomically and always complete.
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  write(tmp, info);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(tmp, file);
        return handle(file, info);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const holder = readLock(file);
      if (holder && holderAlive(holder, file)) throw new DataDirBusyError(dir, holder);
      // Stale: move it aside under a unique name (rename is atomic, so only one taker gets it), then
      // make sure what we moved is the stale lock and not a live one created in between.
      const aside = `${file}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
      try {
        renameSync(file, aside);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw e;
      }
      const moved = readLock(aside);
      if (moved && holderAlive(moved, file)) {
        try {
          linkSync(aside, file);
        } catch {
          // someone else holds it now; they will be found on the next attempt
        }
        unlinkSync(aside);
        continue;
      }
      unlinkSync(aside);
    }
    const holder = readLock(file);
    if (holder) throw new DataDirBusyError(dir, holder);
    throw new Error(`无法取得数据目录 ${dir} 的锁，请重试`);
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
  }
}

function handle(file: string, info: LockInfo): DataDirLock {
  heldHere.add(file);
  let released = false;
  const onExit = () => lock.release();
  const lock: DataDirLock = {
    file,
    publishControl(port: number, host: string) {
      const token = randomBytes(32).toString('base64url');
      const tmp = `${file}.${process.pid}.control`;
      // A server listening on every interface is reached on loopback; one bound to an address, there.
      const reach = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
      writeFileSync(tmp, JSON.stringify({ ...info, control: { host: reach, port, token } }), { mode: 0o600 });
      renameSync(tmp, file);
      return token;
    },
    release() {
      if (released) return;
      released = true;
      heldHere.delete(file);
      process.off('exit', onExit);
      const current = readLock(file);
      if (current && current.pid === info.pid && current.since === info.since) {
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      }
    },
  };
  process.on('exit', onExit);
  return lock;
}
