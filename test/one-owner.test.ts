import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The data-loss scenario: the server runs on ./data and an operator runs the command line on the
 * same directory. Before, the CLI said 已创建账号 and the account was silently lost.
 */
const root = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'wangge-owner-'));
const port = 41_000 + Math.floor(Math.random() * 2000);
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: '0', LOG_LEVEL: 'warn' };
let server: ChildProcess | null = null;
afterAll(() => {
  server?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ out: string; code: number }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: root, env, encoding: 'utf8' });
    return { out: stdout + stderr, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; code: number };
    return { out: `${err.stdout}${err.stderr}`, code: err.code };
  }
}

function startServer(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

async function healthy(): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

const login = (username: string, password: string) =>
  fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) }).then((r) => r.status);

describe('one owner per embedded database, with the command line beside a running server', () => {
  it('hands account creation to the running server, refuses a second owner, and takes over after kill -9', async () => {
    const first = startServer();
    server = first.child;
    await healthy();

    const made = await cli('user', 'create', '--username', 'ops1', '--password', 'Strong#Pass1', '--role', 'county_centre', '--scope', '231181000000');
    expect(made.code, made.out).toBe(0);
    expect(made.out).toContain('交由该服务执行');
    expect(made.out).toContain('已创建账号 ops1');
    expect(await login('ops1', 'Strong#Pass1')).toBe(200);
    const dup = await cli('user', 'create', '--username', 'ops1', '--password', 'Strong#Pass1', '--role', 'county_centre', '--scope', '231181000000');
    expect(dup.code).not.toBe(0);
    expect(dup.out).toContain('已存在');

    const verified = await cli('audit', 'verify');
    expect(verified.out).toContain('审计日志完整');
    // The deadline sweep runs in the server too; a running platform never sweeps ahead of time.
    const swept = await cli('deadlines', 'sweep');
    expect(swept.code, swept.out).toBe(0);
    expect(swept.out).toMatch(/交由该服务执行[\s\S]*执行时限任务 \d+ 项/);
    const ahead = await cli('deadlines', 'sweep', '--at', '2099-01-01T00:00:00+08:00');
    expect(ahead.code).not.toBe(0);
    expect(ahead.out).toContain('只能按当前或过去的时间');

    const migrate = await cli('db', 'migrate');
    expect(migrate.code).toBe(1);
    expect(migrate.out).toContain(`进程号 ${first.child.pid}`);
    expect(migrate.out).toContain('请先停止服务');

    const second = startServer();
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`无法启动：数据目录`);
    expect(second.output()).toContain(`进程号 ${first.child.pid}`);
    expect(await login('ops1', 'Strong#Pass1')).toBe(200);

    first.child.kill('SIGKILL');
    await first.exited;
    const offline = await cli('user', 'create', '--username', 'ops2', '--password', 'Strong#Pass2', '--role', 'county_centre', '--scope', '231182000000');
    expect(offline.code, offline.out).toBe(0);
    expect(offline.out).not.toContain('交由该服务执行');

    const again = startServer();
    server = again.child;
    await healthy();
    expect(await login('ops1', 'Strong#Pass1')).toBe(200);
    expect(await login('ops2', 'Strong#Pass2')).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 240_000);
});
