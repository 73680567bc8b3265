import { describe, expect, it } from 'vitest';
import { checkCharOf, makeIdNumber, parseIdNumber } from './id-number';
import { phoneProblem } from './phone';
import { maskAddress, maskBirthDate, maskIdNumber, maskPhone } from './privacy';
import { gradeOf, gridGaps } from './staff';

describe('identity numbers (GB 11643-1999)', () => {
  it('accepts the standard’s own example and reads birth date and gender', () => {
    // The example number of GB 11643-1999, check character X.
    expect(checkCharOf('11010519491231002')).toBe('X');
    const r = parseIdNumber('11010519491231002x');
    expect(r).toEqual({ ok: true, value: '11010519491231002X', info: { birthDate: '1949-12-31', gender: 'female' } });
  });

  it('refuses a wrong check character, a bad date, a bad region and a wrong length, in Chinese', () => {
    const good = makeIdNumber('231102', '1990-02-28', 13);
    expect(parseIdNumber(good).ok).toBe(true);
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(parseIdNumber(wrong)).toEqual({ ok: false, message: expect.stringContaining('校验位') });
    expect(parseIdNumber(makeIdNumber('231102', '1990-02-30', 13))).toEqual({ ok: false, message: expect.stringContaining('出生日期') });
    expect(parseIdNumber(makeIdNumber('991102', '1990-02-28', 13))).toEqual({ ok: false, message: expect.stringContaining('地址码') });
    expect(parseIdNumber('23110219900228')).toEqual({ ok: false, message: expect.stringContaining('18 位') });
    expect(parseIdNumber(makeIdNumber('231102', '2999-01-01', 13), new Date('2026-01-01'))).toEqual({ ok: false, message: expect.stringContaining('出生日期') });
  });
});

describe('phones and masks', () => {
  it('knows mobile numbers, landlines with area code and service numbers', () => {
    expect(phoneProblem('139 0456 1234')).toBeNull();
    expect(phoneProblem('+8613904561234')).toBeNull();
    expect(phoneProblem('1390456123')).toContain('11 位');
    expect(phoneProblem('0456-8221234')).not.toBeNull();
    expect(phoneProblem('0456-8221234', { allowLandline: true })).toBeNull();
    expect(phoneProblem('12345', { allowService: true })).toBeNull();
  });

  it('masks ID numbers, phones, addresses and birth dates as officials expect', () => {
    expect(maskIdNumber('231102198804121234')).toBe('2311**********1234');
    expect(maskPhone('13856785678')).toBe('138****5678');
    expect(maskAddress('黑龙江省黑河市爱辉区花园街道长海小区3栋')).toBe('黑龙江省黑河****');
    expect(maskBirthDate('1988-04-12')).toBe('1988-**-**');
  });
});

describe('staffing rules', () => {
  it('finds the gaps of a grid: a head, a 专职 worker, or for an exclusive grid its 专属网格员', () => {
    expect(gridGaps({ kind: 'urban', heads: 0, fulltime: 0, exclusive: 0 })).toEqual(['no_head', 'no_fulltime']);
    expect(gridGaps({ kind: 'rural', heads: 1, fulltime: 1, exclusive: 0 })).toEqual([]);
    expect(gridGaps({ kind: 'exclusive', heads: 1, fulltime: 0, exclusive: 0 })).toEqual(['no_exclusive']);
    expect(gridGaps({ kind: 'exclusive', heads: 1, fulltime: 0, exclusive: 1 })).toEqual([]);
  });

  it('grades scores 优秀 ≥ 90, 合格 ≥ 75, 基本合格 ≥ 60', () => {
    expect([95, 90, 89.9, 75, 74, 60, 59].map(gradeOf)).toEqual(['excellent', 'excellent', 'qualified', 'qualified', 'basically_qualified', 'basically_qualified', 'unqualified']);
  });
});
