import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'wangge-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(...args: string[]): { out: string; code: number } {
  try {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { out, code: 0 };
  } catch (e) {
    const err = e as { stdout: string; stderr: string; status: number };
    return { out: `${err.stdout}${err.stderr}`, code: err.status };
  }
}

describe('command line', () => {
  it('migrates, loads the real divisions, creates an account and refuses a bad one', () => {
    expect(cli('db', 'migrate').out).toContain('已执行：0001-foundation');
    expect(cli('seed', 'reference').out).toContain('黑河市真实行政区划');
    const ok = cli('user', 'create', '--username', 'ops1', '--password', 'Strong#Pass1', '--role', 'county_centre', '--scope', '231181000000');
    expect(ok.out).toContain('已创建账号 ops1');
    const bad = cli('user', 'create', '--username', 'ops2', '--password', 'weak', '--role', 'county_centre', '--scope', '231181000000');
    expect(bad.code).not.toBe(0);
    expect(bad.out).toContain('密码至少 10 位');
    expect(cli('audit-verify').out).toContain('审计日志完整');
    const swept = cli('deadlines', 'sweep', '--at', '2026-12-31T17:00:00+08:00');
    expect(swept.code, swept.out).toBe(0);
    expect(swept.out).toContain('按 2026-12-31T09:00:00.000Z 执行时限任务 0 项');
    const badTime = cli('deadlines', 'sweep', '--at', 'tomorrow');
    expect(badTime.code).not.toBe(0);
    expect(badTime.out).toContain('格式不正确');
    // Each command is a fresh process opening the embedded database from disk: seconds each on a busy machine.
  }, 240_000);
});
