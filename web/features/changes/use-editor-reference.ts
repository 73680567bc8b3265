import type { GeoJsonObject } from 'geojson';
import { useMemo } from 'react';
import type { GridDetail } from '../../../common/schemas/grids';
import { useCounties, useGridsGeo } from '../grids/grids-api';
import { useDivisionBoundary } from '../territory/territory-api';
import type { EditorReference } from './boundary-editor';
import type { FormKind } from './build-change-input';

const county = { color: '#595959', weight: 1.5, fill: false };
const community = { color: '#262626', weight: 2, dashArray: '6 4', fill: false };
const neighbour = { color: '#8c8c8c', weight: 1, fillColor: '#bfbfbf', fillOpacity: 0.25 };
const problem = { color: '#cf1322', weight: 2, fillColor: '#ff4d4f', fillOpacity: 0.35 };
const target = { color: '#cf1322', weight: 2, dashArray: '4 4', fillColor: '#ff7875', fillOpacity: 0.08 };

/** What the editor shows around the drawing: the community outline, its other grids, and the grid(s) being changed. */
export function useEditorReference(
  kind: FormKind | undefined,
  divisionCode: string | undefined,
  targetDetail: GridDetail | undefined,
  mergeCodes: string[] | undefined,
  /** grids named by validation errors (overlaps…): shown in red */
  problemCodes: string[] = [],
) {
  const boundary = useDivisionBoundary(divisionCode);
  const counties = useCounties();
  const grids = useGridsGeo({ within: divisionCode, level: 'grid', status: 'active' }, !!divisionCode);
  const targetBoundary = targetDetail?.grid.boundary as GeoJsonObject | undefined;
  const targetCode = targetDetail?.grid.code;
  const mergeKey = (mergeCodes ?? []).join(',');
  const problemKey = problemCodes.join(',');

  return useMemo(() => {
    const refs: EditorReference[] = [];
    if (counties.data) refs.push({ key: 'counties', geo: counties.data as GeoJsonObject, style: county, fit: false });
    if (boundary.data?.geometry) refs.push({ key: 'community', geo: boundary.data, style: community });
    const problems = new Set(problemKey.split(','));
    const changed = new Set(kind === 'merge' ? mergeKey.split(',') : targetCode ? [targetCode] : []);
    for (const f of grids.data?.features ?? []) {
      if (!f.geometry) continue;
      const isTarget = changed.has(f.properties.code);
      if (isTarget && kind !== 'merge') continue;
      refs.push({
        key: f.properties.code,
        geo: f as GeoJsonObject,
        style: problems.has(f.properties.code) ? problem : isTarget ? target : neighbour,
        label: `${f.properties.name}（${f.properties.code}）`,
      });
    }
    if (kind !== 'merge' && kind !== 'create' && targetBoundary) refs.push({ key: 'target', geo: targetBoundary, style: target, label: '原边界' });
    return refs;
  }, [counties.data, boundary.data, grids.data, kind, targetBoundary, targetCode, mergeKey, problemKey]);
}
