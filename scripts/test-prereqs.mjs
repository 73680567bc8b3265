#!/usr/bin/env node
// Before any test runs: the browser tests need Debian's chromium and CJK fonts (never a downloaded
// browser). Installs them from Debian when this user can (root, or passwordless sudo); otherwise
// stops with one line saying the exact command to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

function hasCjkFonts() {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && /Noto Sans CJK/i.test(r.stdout);
}

export function missingPackages() {
  const need = [];
  if (!existsSync(CHROMIUM)) need.push('chromium');
  if (!hasCjkFonts()) need.push('fonts-noto-cjk');
  return need;
}

function canInstall() {
  if (!existsSync('/usr/bin/apt-get')) return null;
  if (process.getuid?.() === 0) return [];
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? ['sudo', '-n'] : null;
}

function install(need) {
  const prefix = canInstall();
  const command = `sudo apt-get install -y ${need.join(' ')}`;
  if (prefix === null) {
    console.error(`测试需要 Debian 软件包 ${need.join('、')}，当前用户无法自动安装：请先执行 ${command}，然后重新运行 npm test`);
    process.exit(1);
  }
  const run = (args) => {
    const [cmd, ...rest] = [...prefix, ...args];
    execFileSync(cmd, rest, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  console.log(`[test-prereqs] 正在从 Debian 安装浏览器测试所需的 ${need.join('、')}…`);
  try {
    run(['apt-get', 'update', '-qq']);
    run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...need]);
  } catch {
    console.error(`安装 ${need.join('、')} 失败：请先执行 ${command}，然后重新运行 npm test`);
    process.exit(1);
  }
  const still = missingPackages();
  if (still.length) {
    console.error(`安装后仍缺少 ${still.join('、')}：请先执行 ${command}，然后重新运行 npm test`);
    process.exit(1);
  }
}

const need = missingPackages();
if (need.length) install(need);
