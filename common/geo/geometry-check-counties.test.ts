import { describe, expect, it } from 'vitest';
import { readHeiheCountiesGcj02 } from '../../test/fixtures/heihe-counties';
import { geometryToWgs84 } from './crs';
import { checkAreaGeometry } from './geometry-check';

describe('checkAreaGeometry on the shipped county outlines', () => {
  const counties = readHeiheCountiesGcj02();

  it('accepts the merely spiky or pinched outlines in GCJ-02, and they stay valid in WGS-84', () => {
    const names = ['爱辉区', '孙吴县', '逊克县', '嫩江县', '五大连池市'];
    const chosen = counties.filter((x) => names.includes(x.name));
    expect(chosen).toHaveLength(names.length);
    for (const f of chosen) {
      const r = checkAreaGeometry(f.geometry);
      expect(r.ok, f.name).toBe(true);
      if (!r.ok) continue;
      expect(r.areaM2 / 1e6).toBeGreaterThan(4000);
      expect(r.areaM2 / 1e6).toBeLessThan(16000);
      expect(checkAreaGeometry(geometryToWgs84(r.geometry, 'gcj02')).ok, f.name).toBe(true);
    }
  });

  it('rejects 北安市, whose outline runs back along itself, pointing at the spot', () => {
    const f = counties.find((x) => x.name === '北安市');
    const r = checkAreaGeometry(f?.geometry);
    if (r.ok) throw new Error('expected 北安市 to be rejected');
    const issues = r.issues;
    expect(issues.map((i) => i.code)).toEqual(['self_intersection']);
    expect(issues[0].at?.[0]).toBeCloseTo(126.7178, 3);
    expect(issues[0].at?.[1]).toBeCloseTo(47.7031, 3);
  });
});
