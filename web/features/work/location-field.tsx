import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import type { PickedPoint } from '../../components/map/point-picker-map';
import type { Draft } from './report-draft';
import { useGridLookup, useMyGrids } from './work-api';
import { Button, Field, colors, inputStyle } from './work-ui';

type Gps = 'idle' | 'locating' | 'denied' | 'failed';
// The map (Leaflet) loads only when asked for: the phone pages stay light.
const GridsMap = lazy(() => import('./grids-map'));

/**
 * Where the matter is: the phone's GPS (WGS-84, with its accuracy) or a point tapped on a map of the
 * worker's grids, and the grid it falls in, shown before submitting; or, without a point, one of
 * the worker's own grids.
 */
export function LocationField({ draft, update }: { draft: Draft; update: (p: Partial<Draft>) => void }) {
  const [gps, setGps] = useState<Gps>('idle');
  const [manual, setManual] = useState(!!draft.gridCode && !draft.location);
  const [onMap, setOnMap] = useState(draft.location?.source === 'map');
  const lookup = useGridLookup(draft.location);
  const grids = useMyGrids();

  const locate = useCallback(() => {
    if (!navigator.geolocation) return setGps('failed');
    setGps('locating');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setGps('idle');
        setManual(false);
        setOnMap(false);
        update({ location: { lng: Number(p.coords.longitude.toFixed(7)), lat: Number(p.coords.latitude.toFixed(7)), source: 'gps', accuracyM: Math.round(p.coords.accuracy) }, gridCode: null });
      },
      (e) => setGps(e.code === e.PERMISSION_DENIED ? 'denied' : 'failed'),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 },
    );
  }, [update]);

  // A new draft locates itself at once; a kept one keeps its place.
  useEffect(() => {
    if (!draft.location && !draft.gridCode) locate();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const own = grids.data?.assignments ?? [];
  const showPicker = !onMap && (manual || gps === 'denied' || gps === 'failed');
  const pick = useCallback((p: PickedPoint) => update({ location: { ...p, source: 'map' }, gridCode: null }), [update]);
  return (
    <div data-testid="location">
      {onMap && (
        <Suspense fallback={<div style={{ fontSize: 16, marginBottom: 8 }}>正在加载地图…</div>}>
          <GridsMap point={draft.location} onPick={pick} />
        </Suspense>
      )}
      {onMap && !draft.location && <div style={{ fontSize: 16, marginBottom: 8 }}>在地图上点按事项所在位置</div>}
      {draft.location && !manual && (
        <div data-testid="location-gps" style={{ marginBottom: 8 }}>
          <div style={{ fontSize: 14, color: colors.muted }}>
            {draft.location.source === 'map' ? '地图选点' : 'GPS'} {draft.location.lng.toFixed(5)}, {draft.location.lat.toFixed(5)}
            {draft.location.accuracyM !== undefined && <span data-testid="location-accuracy">（精度约 {draft.location.accuracyM} 米）</span>}
          </div>
          {draft.location.accuracyM !== undefined && draft.location.accuracyM > 100 && <div style={{ fontSize: 14, color: colors.yellow }}>定位精度较低，可到开阔处重新定位</div>}
          <div data-testid="location-grid" style={{ fontSize: 17, marginTop: 4 }}>
            {lookup.isPending ? (
              '正在查询所属网格…'
            ) : lookup.isError ? (
              <span style={{ color: colors.error }}>{errorMessage(lookup.error)}</span>
            ) : lookup.data.grid ? (
              <>
                <b>{lookup.data.grid.name}</b>
                <div style={{ fontSize: 14, color: colors.muted }}>{[lookup.data.township?.name, lookup.data.community?.name, lookup.data.microGrid?.name].filter(Boolean).join(' · ')}</div>
                {grids.data && !own.some((a) => a.gridCode === lookup.data.grid?.code || a.gridCode === lookup.data.microGrid?.code) && (
                  <div data-testid="location-not-mine" style={{ fontSize: 15, color: colors.yellow }}>
                    该位置不在您任职的网格内，提交会被退回：请{draft.location.source === 'map' ? '在蓝框内' : '核对定位或'}重新选点，或交由所在网格上报
                  </div>
                )}
              </>
            ) : (
              <span style={{ color: colors.yellow }}>{lookup.data.message || '该位置不在任何网格内'}</span>
            )}
          </div>
        </div>
      )}
      {gps === 'locating' && <div style={{ fontSize: 16, marginBottom: 8 }}>正在定位…</div>}
      {gps === 'denied' && <div style={{ fontSize: 15, color: colors.error, marginBottom: 8 }}>无法使用定位（未授权）：请选择网格，或在手机设置中允许浏览器定位</div>}
      {gps === 'failed' && <div style={{ fontSize: 15, color: colors.error, marginBottom: 8 }}>定位失败：请到开阔处重试，或选择网格</div>}
      {showPicker && (
        <Field label="选择网格">
          <select
            value={draft.gridCode ?? ''}
            onChange={(e) => update({ gridCode: e.target.value || null, location: null })}
            style={inputStyle}
            data-testid="grid-select"
          >
            <option value="">请选择我的网格</option>
            {own.map((a) => (
              <option key={a.id} value={a.gridCode}>
                {a.gridName}
              </option>
            ))}
          </select>
        </Field>
      )}
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', marginBottom: 12 }}>
        <Button onClick={locate} disabled={gps === 'locating'} style={{ flex: 1 }}>
          {draft.location ? '重新定位' : '定位'}
        </Button>
        {!onMap && (
          <Button onClick={() => { setOnMap(true); setManual(false); }} style={{ flex: 1 }} testId="pick-on-map">
            地图选点
          </Button>
        )}
        {!showPicker && (
          <Button onClick={() => { setManual(true); setOnMap(false); }} style={{ flex: 1 }}>
            选择网格
          </Button>
        )}
      </div>
      <Field label="地址补充（选填）">
        <input value={draft.address} onChange={(e) => update({ address: e.target.value })} placeholder="如：长海小区 3 号楼前" style={inputStyle} data-testid="address" />
      </Field>
    </div>
  );
}

