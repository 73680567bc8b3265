import { makeIdNumber } from '../../../common/domain/id-number';
import { addDays } from './days';
import { chineseNumber } from './names';
import type { Rng } from './random';

/**
 * Synthetic people for the demo staff: names, ID numbers, birth dates, phones and home addresses.
 * None of them is a real person; ID numbers are well-formed (GB 11643 check digit) but invented.
 */

/** Surnames weighted roughly as they are common in Heilongjiang (王李张刘 far ahead), with a few Manchu ones. */
const SURNAMES: readonly [string, number][] = [
  ['王', 90], ['李', 80], ['张', 78], ['刘', 62], ['赵', 34], ['杨', 30], ['孙', 28], ['于', 22], ['陈', 22], ['高', 18],
  ['徐', 17], ['马', 16], ['郭', 14], ['吴', 12], ['周', 12], ['宋', 11], ['姜', 11], ['韩', 10], ['朱', 9], ['任', 8],
  ['董', 8], ['曹', 8], ['郑', 7], ['白', 7], ['冯', 7], ['崔', 7], ['田', 7], ['付', 6], ['邹', 5], ['程', 5],
  ['袁', 5], ['唐', 5], ['曲', 5], ['潘', 4], ['贾', 4], ['姚', 4], ['段', 4], ['丁', 4], ['苏', 4], ['吕', 4],
  ['金', 4], ['魏', 4], ['许', 4], ['范', 4], ['杜', 4], ['孟', 4], ['侯', 4], ['石', 4], ['梁', 4], ['胡', 4],
  ['郝', 3], ['黄', 3], ['林', 3], ['谷', 3], ['关', 3], ['邢', 3], ['隋', 2], ['栾', 2], ['佟', 2], ['鲍', 2],
  ['牛', 2], ['房', 2], ['尹', 2], ['丛', 2], ['车', 2], ['薛', 2], ['齐', 2], ['邵', 2], ['何', 2], ['罗', 2],
  ['贺', 2], ['常', 2], ['秦', 2], ['那', 1], ['富', 1],
];
const SURNAME_TOTAL = SURNAMES.reduce((s, [, w]) => s + w, 0);

/** Given-name characters by gender and generation (born before 1975, or later). */
const GIVEN = {
  male: {
    older: { single: '军强伟勇刚明斌林杰涛华平东峰忠海武成江波', first: '国建志永振立德文宝庆长玉春金洪树广红学', second: '华民军林明平忠山生福才江成祥权义富贵君龙海伟' },
    younger: { single: '磊鹏超浩宇博阳鑫晨旭帅凯健亮威昊楠琦龙', first: '浩宇子博俊嘉文思天晨一家明志佳泽雨金', second: '然轩航宇杰睿博豪阳涵铭辰鹏远哲瑞琦伟森' },
  },
  female: {
    older: { single: '丽红梅霞静艳敏燕英华萍娟芳玲', first: '淑桂秀玉凤丽春美素艳金翠彩亚海晓', second: '芬兰英珍芝荣华霞梅琴云香杰萍娟艳红' },
    younger: { single: '婷静颖雪琳晶莹璐洁倩悦欣娜丹爽', first: '婷思欣雨佳梦晓诗雅子文可一海美', second: '怡琪涵萱雯彤悦婷宁琳然月萌媛丹妍' },
  },
} as const;

export type Gender = 'male' | 'female';

export function surname(rng: Rng): string {
  let x = rng.next() * SURNAME_TOTAL;
  for (const [s, w] of SURNAMES) {
    x -= w;
    if (x < 0) return s;
  }
  return SURNAMES[0][0];
}

/** A name of one surname and a given name of one (about a quarter) or two characters. */
export function personName(rng: Rng, gender: Gender, birthYear: number): string {
  const pool = GIVEN[gender][birthYear < 1975 ? 'older' : 'younger'];
  const pick = (s: string) => s[Math.floor(rng.next() * s.length)];
  const family = surname(rng);
  if (rng.next() < (birthYear < 1975 ? 0.3 : 0.2)) return family + pick(pool.single);
  const a = pick(pool.first);
  // Doubled names (婷婷, 丹丹) are common among younger women.
  if (gender === 'female' && birthYear >= 1985 && rng.next() < 0.08) return family + a + a;
  let b = pick(pool.second);
  if (b === a) b = pick(pool.second);
  return family + a + b;
}

/** An age drawn from a triangular distribution, as a birth date counted back from `today`. */
export function birthDate(rng: Rng, today: string, min: number, mode: number, max: number): string {
  const u = rng.next();
  const c = (mode - min) / (max - min);
  const age = u < c ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
  // Keep inside [min, max] whole years on `today`.
  const years = Math.min(max + 0.98, Math.max(min + 0.02, age));
  return addDays(today, -Math.round(years * 365.2425));
}

/** The age in whole years on `today`. */
export function ageOn(birth: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  return today.slice(5) < birth.slice(5) ? years - 1 : years;
}

/** Hands out ID numbers that never repeat: the sequence digit's parity carries the gender (odd: men). */
export class IdNumbers {
  private used = new Set<string>();
  next(rng: Rng, addressCode: string, birth: string, gender: Gender): string {
    for (;;) {
      const k = rng.int(gender === 'male' ? 0 : 1, 499);
      const id = makeIdNumber(addressCode, birth, 2 * k + (gender === 'male' ? 1 : 0));
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}

/**
 * The demo number ranges (see README): mobiles 145-0456-xxxx (the 145 segment carries data-only
 * SIMs), Heihe landlines 0456-01xxxxx (a local number never starts with 0, so none can be dialled).
 */
export const DEMO_MOBILE_PREFIX = '1450456';
export const DEMO_LANDLINE_PREFIX = '0456-01';

export class PhonePool {
  private mobiles: number[];
  private landlines: number[];
  constructor(rng: Rng) {
    this.mobiles = rng.shuffle(Array.from({ length: 10_000 }, (_, i) => i));
    this.landlines = rng.shuffle(Array.from({ length: 100_000 }, (_, i) => i));
  }
  mobile(): string {
    const n = this.mobiles.pop();
    if (n === undefined) throw new Error('demo mobile range exhausted');
    return `${DEMO_MOBILE_PREFIX}${String(n).padStart(4, '0')}`;
  }
  landline(): string {
    const n = this.landlines.pop();
    if (n === undefined) throw new Error('demo landline range exhausted');
    return `${DEMO_LANDLINE_PREFIX}${String(n).padStart(5, '0')}`;
  }
}

const COMPOUND_HEADS = ['龙滨', '兴华', '阳光', '江畔', '北岸', '金穗', '丽水', '和平', '幸福', '铁路', '电业', '粮食', '林业', '建设', '文化', '新华', '锦绣', '华苑', '东升', '春晖', '滨江', '学府', '翠园', '兴安'];
const COMPOUND_TAILS = ['小区', '家园', '花园', '嘉园', '佳苑', '名居', '新村', '小区'];

/** Three to five residential compounds of an urban community, the first named after it (长海社区 → 长海小区). */
export function compoundNames(communityShort: string, rng: Rng): string[] {
  const own = communityShort.replace(/(社区|居委会)$/, '');
  const names = new Set<string>([`${own || '新兴'}小区`]);
  const count = rng.int(3, 5);
  while (names.size < count) names.add(rng.pick(COMPOUND_HEADS) + rng.pick(COMPOUND_TAILS));
  return [...names];
}

/** 爱辉区花园街道长海小区3栋2单元501 */
export function urbanAddress(rng: Rng, place: string, compound: string): string {
  const floor = rng.int(1, 7);
  return `${place}${compound}${rng.int(1, 24)}栋${rng.int(1, 6)}单元${floor}0${rng.int(1, 4)}`;
}

/** 逊克县奇克镇西岗子村三组27号 */
export function ruralAddress(rng: Rng, place: string, villageShort: string): string {
  return `${place}${villageShort}${chineseNumber(rng.int(1, 8))}组${rng.int(1, 120)}号`;
}
