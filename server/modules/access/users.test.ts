import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app';
import { createAccessService } from './access.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('account creation', () => {
  const access = () => createAccessService({ db: t.db, clock: t.clock, sessionHours: 12 });

  it('creates an account with an argon2 hash and lets it sign in', async () => {
    await access().createUser(null, { username: 'xinsheng', password: 'Grid#Heihe9', role: 'street_centre', scopeCode: '231102002000' });
    const row = await t.db.selectFrom('users').selectAll().where('username', '=', 'xinsheng').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await t.login('xinsheng', 'Grid#Heihe9')).toMatch(/^wg_session=/);
  });

  it.each([
    [{ password: 'short1A!' }, '密码至少 10 位'],
    [{ password: 'alllowercase123' }, '至少三类'],
    [{ role: 'mayor' }, '未知角色'],
    [{ scopeCode: '999999999999' }, '不是已知的区划代码'],
    [{ role: 'county_centre', scopeCode: '231102001000' }, '县一级'],
    [{ username: 'city' }, '已存在'],
    [{ username: '张三' }, '用户名只能'],
  ])('refuses %o', async (patch, message) => {
    const input = { username: 'newuser', password: 'Grid#Heihe9', role: 'street_centre', scopeCode: '231102002000', ...patch };
    await expect(access().createUser(null, input)).rejects.toThrow(message);
  });
});
