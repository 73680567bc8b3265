import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirBusyError, LOCK_FILE, lockHolder } from './data-dir-lock';

const dirs: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'wangge-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The pid of a process that has exited (so the lock naming it is stale). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('one owner per embedded data directory', () => {
  it('holds the directory with a lock file naming this process, refusing a second owner with a Chinese message', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir, 'server');
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid, role: 'server' });
    let err: unknown;
    try {
      acquireDataDirLock(dir, 'cli');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataDirBusyError);
    expect((err as Error).message).toContain(`进程号 ${process.pid}`);
    expect((err as Error).message).toContain('请先停止该进程');
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    acquireDataDirLock(dir, 'cli').release();
  });

  it('takes over a lock left by a killed process, or a half-written one', () => {
    const dir = freshDir();
    const file = path.join(dir, LOCK_FILE);
    writeFileSync(file, JSON.stringify({ pid: deadPid(), startTicks: null, hostname: hostname(), role: 'server', since: new Date().toISOString() }));
    expect(lockHolder(dir)).toBeNull();
    const lock = acquireDataDirLock(dir, 'server');
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    lock.release();
    writeFileSync(file, '{"pid": 12');
    acquireDataDirLock(dir, 'cli').release();
  });

  it('treats a live pid that started at another time as a reused pid, not the holder', () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.ppid, startTicks: 1, hostname: hostname(), role: 'server', since: new Date().toISOString() }));
    acquireDataDirLock(dir, 'cli').release();
  });

  it('publishes where the running server takes control requests, readable by the owner only', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir, 'server');
    const token = lock.publishControl(3999, '0.0.0.0');
    const info = lockHolder(dir);
    expect(info?.control).toEqual({ host: '127.0.0.1', port: 3999, token });
    expect(spawnSync('stat', ['-c', '%a', path.join(dir, LOCK_FILE)], { encoding: 'utf8' }).stdout.trim()).toBe('600');
    lock.release();
  });
});
