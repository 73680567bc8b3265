import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error';
import type { Position } from '../geo/types';
import { type CodeItem, gridCodingRule, orderReading } from './grid-code';

const DIV = '231102001006';

function item(key: string, point: Position, exclusive = false, heightDeg = 0.01): CodeItem {
  return { key, point, exclusive, heightDeg };
}

function expectAppError(fn: () => unknown, code: string): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    expect((e as AppError).message).toMatch(/[\u4e00-\u9fa5]/);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

/** Deterministic jitter so the lattice test does not depend on Math.random. */
function jitter(i: number): number {
  const x = Math.sin(i * 12.9898 + 78.233) * 43758.5453;
  return x - Math.floor(x) - 0.5;
}

describe('gridCodingRule("15")', () => {
  const rule = gridCodingRule('15');

  it('has 15-digit grids and 18-digit micro-grids', () => {
    expect(rule.scheme).toBe('15');
    expect(rule.gridCodeLength).toBe(15);
    expect(rule.microCodeLength).toBe(18);
  });

  it('numbers ordinary grids from 001 and exclusive grids from 901', () => {
    const codes = rule.assignGridCodes(DIV, [], [
      item('a', [127.5, 50.25]),
      item('school', [127.52, 50.25], true),
      item('b', [127.51, 50.25]),
      item('hospital', [127.5, 50.24], true),
    ]);
    expect(codes.get('a')).toBe(`${DIV}001`);
    expect(codes.get('b')).toBe(`${DIV}002`);
    expect(codes.get('school')).toBe(`${DIV}901`);
    expect(codes.get('hospital')).toBe(`${DIV}902`);
    expect(rule.isExclusive(`${DIV}901`)).toBe(true);
    expect(rule.isExclusive(`${DIV}001`)).toBe(false);
    expect(rule.isMicro(`${DIV}001`)).toBe(false);
  });

  it('parses grid and micro-grid codes', () => {
    expect(rule.parse(`${DIV}007`)).toEqual({ divisionCode: DIV, seq: 7, exclusive: false, gridCode: `${DIV}007` });
    expect(rule.parse(`${DIV}903012`)).toEqual({
      divisionCode: DIV,
      seq: 903,
      exclusive: true,
      microSeq: 12,
      gridCode: `${DIV}903`,
    });
  });

  it('returns null for malformed codes', () => {
    for (const bad of [
      '',
      'abc',
      DIV,
      `${DIV}00`, // 14 digits is the other scheme
      `${DIV}000`, // sequence 0
      `${DIV}900`, // gap between the ordinary and exclusive ranges
      `${DIV}0010`, // 16 digits
      `${DIV}001000`, // micro sequence 0
      `000000000000001`, // no division
      `${DIV}0a1`,
      ` ${DIV}001`,
    ]) {
      expect(rule.parse(bad), bad).toBeNull();
    }
    expect(rule.parse(42 as unknown as string)).toBeNull();
  });

  it('assigns micro codes below the grid, continuing after issued ones', () => {
    const grid = `${DIV}003`;
    const codes = rule.assignMicroCodes(grid, [`${grid}001`, `${grid}002`, `${DIV}004005`], [
      item('m1', [127.5, 50.26]),
      item('m2', [127.5, 50.25]),
    ]);
    expect(codes.get('m1')).toBe(`${grid}003`);
    expect(codes.get('m2')).toBe(`${grid}004`);
    expect(rule.isMicro(`${grid}003`)).toBe(true);
    expect(rule.parse(`${grid}003`)?.gridCode).toBe(grid);
  });

  it('never reuses a code, even of a retired grid', () => {
    // 001–005 and 901 were issued; 004/005 were later retired but still count.
    const issued = [`${DIV}001`, `${DIV}002`, `${DIV}003`, `${DIV}004`, `${DIV}005`, `${DIV}901`, '231102001007001'];
    const codes = rule.assignGridCodes(DIV, issued, [item('n', [127.5, 50.2]), item('x', [127.5, 50.2], true)]);
    expect(codes.get('n')).toBe(`${DIV}006`);
    expect(codes.get('x')).toBe(`${DIV}902`);
    // A micro code issued under a grid counts for that grid's sequence too.
    const viaMicro = rule.assignGridCodes(DIV, [`${DIV}012003`], [item('n', [127.5, 50.2])]);
    expect(viaMicro.get('n')).toBe(`${DIV}013`);
  });

  it('throws conflict when a range is exhausted', () => {
    expectAppError(() => rule.assignGridCodes(DIV, [`${DIV}899`], [item('n', [0, 0])]), 'conflict');
    expectAppError(() => rule.assignGridCodes(DIV, [`${DIV}998`], [item('a', [0, 0], true), item('b', [1, 0], true)]), 'conflict');
    // The last free sequence is still handed out.
    expect(rule.assignGridCodes(DIV, [`${DIV}998`], [item('a', [0, 0], true)]).get('a')).toBe(`${DIV}999`);
    expectAppError(() => rule.assignMicroCodes(`${DIV}001`, [`${DIV}001999`], [item('m', [0, 0])]), 'conflict');
  });

  it('validates its inputs', () => {
    expectAppError(() => rule.assignGridCodes('2311020010', [], []), 'bad_request');
    expectAppError(() => rule.assignGridCodes(DIV, ['12345'], [item('a', [0, 0])]), 'bad_request');
    expectAppError(() => rule.assignGridCodes(DIV, [], [item('a', [0, 0]), item('a', [1, 1])]), 'bad_request');
    expectAppError(() => rule.assignGridCodes(DIV, [], [item('a', [Number.NaN, 0])]), 'bad_request');
    expectAppError(() => rule.assignMicroCodes(`${DIV}001001`, [], []), 'bad_request');
    expectAppError(() => rule.assignMicroCodes(`${DIV}01`, [], []), 'bad_request');
    expectAppError(() => gridCodingRule('16' as '15'), 'bad_request');
  });
});

describe('gridCodingRule("14")', () => {
  const rule = gridCodingRule('14');

  it('has 14-digit grids, 16-digit micro-grids and the 90–99 exclusive range', () => {
    expect(rule.gridCodeLength).toBe(14);
    expect(rule.microCodeLength).toBe(16);
    const codes = rule.assignGridCodes(DIV, [`${DIV}07`], [item('a', [0, 1]), item('x', [1, 1], true)]);
    expect(codes.get('a')).toBe(`${DIV}08`);
    expect(codes.get('x')).toBe(`${DIV}90`);
    expect(rule.isExclusive(`${DIV}90`)).toBe(true);
    expect(rule.isExclusive(`${DIV}89`)).toBe(false);
    const micro = rule.assignMicroCodes(`${DIV}08`, [], [item('m', [0, 0])]);
    expect(micro.get('m')).toBe(`${DIV}0801`);
    expect(rule.parse(`${DIV}0801`)).toMatchObject({ seq: 8, microSeq: 1, gridCode: `${DIV}08` });
  });

  it('rejects codes of the other scheme and malformed ones', () => {
    expect(rule.parse(`${DIV}001`)).toBeNull(); // 15 digits
    expect(rule.parse(`${DIV}00`)).toBeNull();
    expect(rule.parse(`${DIV}0100`)).toBeNull();
    expectAppError(() => rule.assignGridCodes(DIV, [`${DIV}001`], [item('a', [0, 0])]), 'bad_request');
  });

  it('throws conflict when 01–89 or 90–99 are used up', () => {
    expectAppError(() => rule.assignGridCodes(DIV, [`${DIV}89`], [item('a', [0, 0])]), 'conflict');
    const ten = Array.from({ length: 11 }, (_, i) => item(`x${i}`, [i, 0], true));
    expectAppError(() => rule.assignGridCodes(DIV, [], ten), 'conflict');
    expect(rule.assignGridCodes(DIV, [], ten.slice(0, 10)).get('x9')).toBe(`${DIV}99`);
  });
});

describe('orderReading', () => {
  const READING = ['r0c0', 'r0c1', 'r0c2', 'r1c0', 'r1c1', 'r1c2', 'r2c0', 'r2c1', 'r2c2'];

  /** A 3×3 lattice of square-ish cells (on the ground) with each point moved by up to ±amp of a cell. */
  function lattice(amp: number): { name: string; point: Position; heightDeg: number }[] {
    const dLat = 0.01;
    const dLng = dLat / Math.cos((50.3 * Math.PI) / 180);
    const cells: { name: string; point: Position; heightDeg: number }[] = [];
    // Inserted in a scrambled order so input order cannot explain the result.
    for (const k of [4, 8, 0, 6, 2, 7, 1, 5, 3]) {
      const row = Math.floor(k / 3);
      const col = k % 3;
      cells.push({
        name: `r${row}c${col}`,
        point: [127.5 + (col + 2 * amp * jitter(k)) * dLng, 50.3 - (row + 2 * amp * jitter(k + 17)) * dLat],
        heightDeg: dLat * (0.9 + 0.2 * (jitter(k + 31) + 0.5)),
      });
    }
    return cells;
  }

  it('reads a jittered 3×3 lattice west→east, north→south', () => {
    expect(orderReading(lattice(0.2)).map((c) => c.name)).toEqual(READING);
    expect(orderReading(lattice(0.2).reverse()).map((c) => c.name)).toEqual(READING);
  });

  it('falls back to the bbox cell size when heights are missing', () => {
    const bare = lattice(0.1).map(({ name, point }) => ({ name, point }));
    expect(orderReading(bare).map((c) => c.name)).toEqual(READING);
  });

  it('numbers codes in reading order', () => {
    const rule = gridCodingRule('15');
    const codes = rule.assignGridCodes(DIV, [], [
      item('se', [127.6, 50.1]),
      item('nw', [127.4, 50.3]),
      item('ne', [127.6, 50.301]),
      item('sw', [127.4, 50.099]),
    ].map((it) => ({ ...it, heightDeg: 0.1 })));
    expect([...codes.entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([k]) => k)).toEqual(['nw', 'ne', 'sw', 'se']);
  });

  it('is stable for ties and copes with trivial inputs', () => {
    expect(orderReading([])).toEqual([]);
    const same = [
      { id: 1, point: [1, 1] as Position },
      { id: 2, point: [1, 1] as Position },
    ];
    expect(orderReading(same).map((s) => s.id)).toEqual([1, 2]);
  });
});
