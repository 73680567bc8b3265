import './leaflet-global';
import '@geoman-io/leaflet-geoman-free';
import '@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css';
import { App, Button, Space, Switch, Typography, Upload } from 'antd';
import type { GeoJsonObject } from 'geojson';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { LeafletMap, useMapInstance } from '../../components/map/leaflet-map';
import { addPolygon, parseBoundaryFile, type AreaGeometry } from './geojson-file';
import { textLabel } from '../../components/map/text-label';

export interface EditorPart {
  key: string;
  label: string;
  color: string;
  geometry: AreaGeometry | null;
}
export interface EditorReference {
  key: string;
  geo: GeoJsonObject;
  style: L.PathOptions;
  label?: string;
  /** false: context only (e.g. county outlines), not used to frame the map */
  fit?: boolean;
}

export interface BoundaryEditorProps {
  parts: EditorPart[];
  activeKey: string;
  onChange: (key: string, geometry: AreaGeometry | null) => void;
  onUpload: (geometries: AreaGeometry[]) => void;
  reference: EditorReference[];
  /** e.g. "从原边界开始" for a split part */
  extraActions?: React.ReactNode;
}

/** Draw/edit polygons with geoman (snapping to the reference grids), or upload a .geojson file. */
export function BoundaryEditor({ parts, activeKey, onChange, onUpload, reference, extraActions }: BoundaryEditorProps) {
  const { message } = App.useApp();
  const [map, setMap] = useMapInstance();
  const [drawing, setDrawing] = useState(false);
  const [editing, setEditing] = useState(true);
  const layers = useRef(new Map<string, { layer: L.Polygon; geometry: AreaGeometry }>());
  // A polygon just drawn by hand is already in view: don't re-frame the map for it.
  const justDrew = useRef(false);
  const lastFit = useRef('');
  const emit = useRef(onChange);
  emit.current = onChange;
  const active = parts.find((p) => p.key === activeKey);
  const activeRef = useRef(active);
  activeRef.current = active;

  useEffect(() => {
    if (!map) return;
    map.pm.setLang('zh');
    map.pm.setGlobalOptions({ snappable: true, snapDistance: 12, allowSelfIntersection: false });
    const onCreate = (e: { layer: L.Layer }) => {
      const drawn = (e.layer as L.Polygon).toGeoJSON(8).geometry as AreaGeometry;
      e.layer.remove();
      setDrawing(false);
      justDrew.current = true;
      const a = activeRef.current;
      if (a) emit.current(a.key, addPolygon(a.geometry, drawn));
    };
    map.on('pm:create', onCreate as never);
    return () => {
      map.off('pm:create', onCreate as never);
    };
  }, [map]);

  // Reference layers (community outline, neighbouring grids, the grid being split…): snappable, not editable.
  useEffect(() => {
    if (!map || reference.length === 0) return;
    const layers = reference.map((r) => {
      const l = L.geoJSON(r.geo, { style: r.style, interactive: false });
      if (r.label) l.bindTooltip(textLabel(r.label), { sticky: true });
      return l;
    });
    const group = L.featureGroup(layers).addTo(map);
    group.bringToBack();
    const focus = layers.filter((_, i) => reference[i].fit !== false);
    // Re-frame only when different things are shown, not when they are merely restyled (e.g. red after 校验).
    const fitKey = reference.filter((r) => r.fit !== false).map((r) => r.key).join(',');
    const b = (focus.length ? L.featureGroup(focus) : group).getBounds();
    if (fitKey !== lastFit.current && b.isValid()) map.fitBounds(b, { padding: [16, 16], maxZoom: 17 });
    lastFit.current = fitKey;
    return () => {
      group.remove();
    };
  }, [map, reference]);

  // Sync part layers with their geometries; a geometry we emitted from an edit is already on the map.
  useEffect(() => {
    if (!map) return;
    const current = layers.current;
    for (const [key, entry] of current) {
      const part = parts.find((p) => p.key === key);
      if (!part || part.geometry !== entry.geometry) {
        entry.layer.pm.disable();
        entry.layer.remove();
        current.delete(key);
      }
    }
    let rebuilt: L.Polygon | null = null;
    for (const part of parts) {
      if (!part.geometry || current.has(part.key)) continue;
      const layer = L.geoJSON(part.geometry).getLayers()[0] as L.Polygon | undefined;
      if (!layer) continue;
      layer.setStyle({ color: part.color, weight: 3, fillColor: part.color, fillOpacity: 0.25 });
      layer.bindTooltip(textLabel(part.label), { sticky: true });
      layer.on('pm:edit', () => {
        const g = layer.toGeoJSON(8).geometry as AreaGeometry;
        current.set(part.key, { layer, geometry: g });
        emit.current(part.key, g);
      });
      layer.addTo(map);
      current.set(part.key, { layer, geometry: part.geometry });
      rebuilt = layer;
    }
    if (rebuilt && !drawing && !justDrew.current) {
      const b = L.featureGroup([...current.values()].map((e) => e.layer)).getBounds();
      if (b.isValid()) map.fitBounds(b, { padding: [16, 16], maxZoom: 17 });
    }
    if (rebuilt) justDrew.current = false;
  }, [map, parts, drawing]);

  // Vertex editing only on the active part.
  useEffect(() => {
    for (const [key, { layer }] of layers.current) {
      const on = editing && !drawing && key === activeKey;
      if (on && !layer.pm.enabled()) layer.pm.enable({ allowSelfIntersection: false, snappable: true });
      if (!on && layer.pm.enabled()) layer.pm.disable();
      layer.setStyle({ weight: key === activeKey ? 3 : 1.5 });
    }
  }, [activeKey, editing, drawing, parts]);

  const startDraw = () => {
    if (!map) return;
    setDrawing(true);
    map.pm.enableDraw('Polygon', { snappable: true, snapDistance: 12, allowSelfIntersection: false });
  };
  const cancelDraw = () => {
    map?.pm.disableDraw();
    setDrawing(false);
  };
  // Read locally; never let antd post the file anywhere.
  const upload = (file: File) => {
    file
      .text()
      .then((text) => {
        onUpload(parseBoundaryFile(text));
        message.success(`已读取 ${file.name}`);
      })
      .catch((e: Error) => message.error(e.message));
    return false;
  };

  return (
    <div data-testid="boundary-editor">
      <Space wrap size={8} style={{ marginBottom: 8 }}>
        <Typography.Text>当前编辑：<strong style={{ color: active?.color }}>{active?.label ?? '—'}</strong></Typography.Text>
        {drawing ? (
          <Button onClick={cancelDraw}>取消绘制</Button>
        ) : (
          <Button type="primary" ghost onClick={startDraw} disabled={!active}>
            绘制多边形
          </Button>
        )}
        <span>
          <Switch size="small" checked={editing} onChange={setEditing} /> 编辑顶点
        </span>
        <Button danger disabled={!active?.geometry} onClick={() => active && emit.current(active.key, null)}>
          清除边界
        </Button>
        <Upload accept=".geojson,.json,application/geo+json,application/json" showUploadList={false} beforeUpload={upload}>
          <Button>上传 GeoJSON</Button>
        </Upload>
        {extraActions}
      </Space>
      <LeafletMap onReady={setMap} style={{ height: 460 }} testId="editor-map" />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        点击“绘制多边形”后在地图上逐点单击，单击起点完成；靠近已有网格边线时自动吸附。拖动顶点可修改边界，右键单击顶点可删除。
        上传文件须为 WGS-84 经纬度的 GeoJSON（Polygon/MultiPolygon，或包含它们的 Feature/FeatureCollection）。
      </Typography.Text>
    </div>
  );
}
