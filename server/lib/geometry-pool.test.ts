import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../common/app-error';
import { checkAreaGeometry, outsideAreaM2 } from '../../common/geo/geometry-check';
import type { AreaGeometry, Position } from '../../common/geo/types';
import { createGeometry, type Geometry } from './geometry-pool';

/** A wavy ring of n vertices around (127.5, 50.25): a stand-in for a detailed survey outline. */
function wavy(n: number, r = 0.01): AreaGeometry {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const k = r * (1 + 0.05 * Math.sin(a * 50));
    ring.push([127.5 + k * Math.cos(a), 50.25 + k * 0.6 * Math.sin(a)]);
  }
  ring.push(ring[0]);
  return { type: 'Polygon', coordinates: [ring] };
}
const box: AreaGeometry = { type: 'Polygon', coordinates: [[[127.49, 50.24], [127.505, 50.24], [127.505, 50.26], [127.49, 50.26], [127.49, 50.24]]] };

let geo: Geometry | null = null;
afterEach(async () => {
  await geo?.close();
  geo = null;
});

describe('geometry checks off the event loop', () => {
  it('runs small checks inline and large ones on a worker thread, with the same answers', async () => {
    geo = createGeometry({ threads: 1 });
    const small = await geo.checkAreaGeometry(box);
    expect(small.ok).toBe(true);
    expect(geo.stats()).toEqual({ inline: 1, offloaded: 0 });
    const big = wavy(8000);
    const checked = await geo.checkAreaGeometry(big);
    expect(checked).toEqual(checkAreaGeometry(big));
    expect(await geo.outsideAreaM2(big, box)).toBeCloseTo(outsideAreaM2(big, box), 3);
    expect(geo.stats().offloaded).toBe(2);
  });

  it('brings a rule broken on the worker back as the same Chinese AppError', async () => {
    geo = createGeometry({ threads: 1, inlineVertices: 0 });
    await expect(geo.unionOf([])).rejects.toSatisfy((e) => e instanceof AppError && e.message === '没有选择要合并的区域');
  });

  it('answers "busy" instead of queueing without bound', async () => {
    geo = createGeometry({ threads: 1, maxQueue: 1, inlineVertices: 0 });
    const big = wavy(6000);
    const all = await Promise.allSettled(Array.from({ length: 6 }, () => geo!.outsideAreaM2(big, box)));
    const busy = all.filter((r) => r.status === 'rejected');
    expect(busy.length).toBeGreaterThan(0);
    expect((busy[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'rate_limited' });
    expect(all.some((r) => r.status === 'fulfilled')).toBe(true);
  });
});
