import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../../test/support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const login = (username: string, password: string, remoteAddress = '10.1.1.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });

describe('login throttling hurts the attacker, not the owner', () => {
  it('answers a real and an unknown account alike, wrong password by wrong password', async () => {
    const real: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i++) {
      real.push((await login('xunke', 'wrong-password', '10.2.0.1')).statusCode);
      unknown.push((await login('no-such-user', 'wrong-password', '10.2.0.1')).statusCode);
    }
    expect(real).toEqual([401, 401, 401, 401, 423, 423]);
    expect(unknown).toEqual(real);
    const a = json(await login('xunke', 'wrong-password', '10.2.0.1')).error.message;
    const b = json(await login('no-such-user', 'wrong-password', '10.2.0.1')).error.message;
    expect(a.replace(/\d\d:\d\d:\d\d/, '')).toBe(b.replace(/\d\d:\d\d:\d\d/, ''));
  });

  it('locks out the guessing address only: the owner signs in from elsewhere at once', async () => {
    for (let i = 0; i < 5; i++) await login('city', 'wrong-password', '10.3.0.66');
    expect((await login('city', 'Heihe@2026', '10.3.0.66')).statusCode).toBe(423);
    expect((await login('city', 'Heihe@2026', '10.3.0.1')).statusCode).toBe(200);
  });

  it('makes each further lock of the same address last twice as long', async () => {
    const addr = '10.4.0.66';
    for (let i = 0; i < 5; i++) await login('sunwu', 'wrong-password', addr);
    t.clock.advance(16 * 60_000);
    expect((await login('sunwu', 'wrong-password', addr)).statusCode).toBe(401);
    for (let i = 0; i < 4; i++) await login('sunwu', 'wrong-password', addr);
    t.clock.advance(16 * 60_000);
    expect((await login('sunwu', 'Heihe@2026', addr)).statusCode).toBe(423);
    t.clock.advance(15 * 60_000);
    expect((await login('sunwu', 'Heihe@2026', addr)).statusCode).toBe(200);
  });

  it('puts an account guessed at from many addresses on guard: only addresses it signed in from may try', async () => {
    expect((await login('beian', 'Heihe@2026', '10.5.0.1')).statusCode).toBe(200);
    for (let i = 0; i < 20; i++) await login('beian', 'wrong-password', `10.6.0.${i}`);
    const stranger = await login('beian', 'Heihe@2026', '10.7.0.1');
    expect(stranger.statusCode).toBe(423);
    expect(json(stranger).error.message).toContain('常用地址');
    expect((await login('beian', 'Heihe@2026', '10.5.0.1')).statusCode).toBe(200);
    t.clock.advance(61 * 60_000);
    expect((await login('beian', 'Heihe@2026', '10.7.0.1')).statusCode).toBe(200);
  });

  it('counts parallel guesses before checking them, so a burst cannot slip past the limit', async () => {
    const burst = await Promise.all(Array.from({ length: 12 }, () => login('nenjiang', 'wrong-password', '10.8.0.66')));
    const counted = burst.filter((r) => r.statusCode === 401).length;
    expect(counted).toBeLessThanOrEqual(4);
    expect(burst.filter((r) => r.statusCode === 423).length).toBeGreaterThanOrEqual(8);
  });
});
