import { useMemo } from 'react';
import { errorMessage } from '../../api/client';
import { PointPickerMap, type PickedPoint } from '../../components/map/point-picker-map';
import { useMe } from '../auth/auth-api';
import { useGridsGeo } from '../grids/grids-api';
import { useMyGrids } from './work-api';
import { colors } from './work-ui';

/** The worker's own grids, framed, among the other grids of the community, to tap the matter's place on. */
export default function GridsMap({ point, onPick }: { point: PickedPoint | null; onPick: (p: PickedPoint) => void }) {
  const scope = useMe().data?.scopeCode;
  const grids = useGridsGeo({ within: scope ?? undefined, level: 'grid' }, !!scope);
  const mine = useMyGrids().data?.assignments;
  const own = useMemo(() => {
    if (!grids.data || !mine) return undefined;
    const codes = new Set(mine.map((a) => a.gridCode));
    const features = grids.data.features.filter((f) => codes.has(f.properties.code));
    return { ...grids.data, features: features.length > 0 ? features : grids.data.features };
  }, [grids.data, mine]);
  return (
    <div style={{ marginBottom: 8 }}>
      <PointPickerMap frame={own} context={grids.data} point={point} onPick={onPick} style={{ height: 280 }} testId="location-map" />
      {grids.isError && <div style={{ fontSize: 14, color: colors.error }}>{errorMessage(grids.error)}</div>}
    </div>
  );
}
