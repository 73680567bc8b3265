import { Button, Descriptions, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { gridKindLabels } from '../../../common/i18n/zh-CN';
import type { LookupResult } from '../../../common/schemas/grids';
import { ErrorAlert } from '../../components/error-alert';
import type { Crs } from './grids-api';

export const crsOptions: { value: Crs; label: string }[] = [
  { value: 'wgs84', label: 'WGS-84（GPS）' },
  { value: 'cgcs2000', label: 'CGCS2000（天地图）' },
  { value: 'gcj02', label: 'GCJ-02（高德/腾讯）' },
];

export interface LookupBoxProps {
  onQuery: (lng: number, lat: number, crs: Crs) => void;
  queryMode: boolean;
  onQueryModeChange: (v: boolean) => void;
  loading: boolean;
  error: unknown;
  result: LookupResult | null;
}

/** 坐标查询: type a coordinate (any supported CRS) or switch on map picking. */
export function LookupBox({ onQuery, queryMode, onQueryModeChange, loading, error, result }: LookupBoxProps) {
  const [lng, setLng] = useState<number | null>(null);
  const [lat, setLat] = useState<number | null>(null);
  const [crs, setCrs] = useState<Crs>('wgs84');
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="lookup-box">
      <Space wrap size={6}>
        <InputNumber placeholder="经度" value={lng} onChange={setLng} min={-180} max={180} step={0.0001} style={{ width: 120 }} aria-label="经度" />
        <InputNumber placeholder="纬度" value={lat} onChange={setLat} min={-90} max={90} step={0.0001} style={{ width: 110 }} aria-label="纬度" />
        <Select value={crs} onChange={setCrs} options={crsOptions} style={{ width: 170 }} aria-label="坐标系" />
        <Button type="primary" loading={loading} disabled={lng === null || lat === null} onClick={() => onQuery(lng!, lat!, crs)}>
          查询
        </Button>
        <span>
          <Switch size="small" checked={queryMode} onChange={onQueryModeChange} /> 地图点选
        </span>
      </Space>
      {queryMode && <Typography.Text type="secondary">点击地图上任意位置查询所属网格（WGS-84）</Typography.Text>}
      <ErrorAlert error={error} />
      {result && <LookupResultView result={result} />}
    </Space>
  );
}

function LookupResultView({ result }: { result: LookupResult }) {
  const ref = (r: { code: string; name: string } | null) => (r ? `${r.name}（${r.code}）` : '—');
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      data-testid="lookup-result"
      title={<Typography.Text type={result.found ? 'success' : 'warning'}>{result.message}</Typography.Text>}
      items={[
        { key: 'pt', label: '坐标（WGS-84）', children: `${result.point.lng.toFixed(6)}, ${result.point.lat.toFixed(6)}` },
        {
          key: 'grid',
          label: '网格',
          children: result.grid ? (
            <Link to={`/grids/${result.grid.code}`}>
              {result.grid.name}（{result.grid.code}，{gridKindLabels[result.grid.kind]}）
            </Link>
          ) : '—',
        },
        { key: 'micro', label: '微网格', children: ref(result.microGrid) },
        { key: 'community', label: '社区（村）', children: ref(result.community) },
        { key: 'township', label: '乡镇（街道）', children: ref(result.township) },
        { key: 'county', label: '县（市、区）', children: ref(result.county) },
      ]}
    />
  );
}
