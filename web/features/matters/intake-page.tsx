import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, List, Radio, Result, Segmented, Select, Space, Typography, type UploadFile } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { IntakeInput } from '../../../common/schemas/matters';
import { ErrorAlert } from '../../components/error-alert';
import { fmtDateTime } from '../../components/format';
import { PointPickerMap, type PickedPoint } from '../../components/map/point-picker-map';
import { useMe } from '../auth/auth-api';
import { useCatalogueCounties } from '../catalogue/catalogue-api';
import { DivisionSelect } from '../territory/division-select';
import { useDivisionBoundary } from '../territory/territory-api';
import { countyOf, mattersApi, useDuplicates, type MatterSummary } from './matters-api';
import { PhotoUpload, uploadedIds, uploading } from './photo-upload';
import { TypeSelect, type PickedType } from './type-select';

type PlaceMode = 'grid' | 'division' | 'point';
interface Values {
  description: string;
  gridCode?: string;
  divisionCode?: string;
  address?: string;
  name?: string;
  phone?: string;
  anonymous?: boolean;
  source: 'hotline' | 'department';
}
const newKey = () => `desk-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * 登记事项: a centre's, a department's or a 12345 operator's registration of a matter reported to
 * them — type from the county's catalogue, the place by grid, division or a point on the map, the
 * caller (or anonymous), duplicates shown before submitting, and afterwards the number and the
 * tracking code to read to the caller.
 */
export function IntakePage() {
  const me = useMe().data;
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const scope = me?.scopeCode ?? undefined;
  const cityWide = !scope || scope === '231100000000';
  const counties = useCatalogueCounties();
  const [pickedCounty, setPickedCounty] = useState<string>();
  const county = cityWide ? pickedCounty : countyOf(scope);
  const [type, setType] = useState<PickedType | null>(null);
  const [mode, setMode] = useState<PlaceMode>('grid');
  const [point, setPoint] = useState<{ lng: number; lat: number } | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [clientKey, setClientKey] = useState(newKey);
  const anonymous = Form.useWatch('anonymous', form);
  const dups = useDuplicates({ typeCode: type?.code, lng: mode === 'point' ? point?.lng : null, lat: mode === 'point' ? point?.lat : null });
  const [typeMissing, setTypeMissing] = useState(false);
  const [done, setDone] = useState<{ matter: MatterSummary; trackingCode: string; created: boolean } | null>(null);

  const submit = useMutation({
    mutationFn: (body: Partial<IntakeInput>) => mattersApi.report(body),
    onSuccess: (r) => {
      setDone(r);
      void qc.invalidateQueries({ queryKey: ['matters'] });
    },
  });

  const onFinish = (v: Values) => {
    if (!type) {
      setTypeMissing(true);
      return;
    }
    const body: Partial<IntakeInput> = {
      clientKey,
      typeCode: type.code,
      description: v.description.trim(),
      photoKeys: uploadedIds(files),
      source: v.source,
      ...(v.address?.trim() ? { address: v.address.trim() } : {}),
      reporter: v.anonymous ? { anonymous: true } : { anonymous: false, ...(v.name?.trim() ? { name: v.name.trim() } : {}), ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}) },
    };
    if (mode === 'grid') body.gridCode = v.gridCode?.trim();
    else if (mode === 'division') body.divisionCode = v.divisionCode;
    else if (point) body.location = { lng: point.lng, lat: point.lat, crs: 'wgs84', source: 'map' };
    submit.mutate(body);
  };

  if (done) {
    return (
      <div className="page">
        <Result
          status="success"
          title={done.created ? '事项已登记' : '该事项此前已登记'}
          subTitle={`${done.matter.typeName} · ${done.matter.place}`}
          extra={[
            <Button type="primary" key="open" onClick={() => navigate(`/matters/${done.matter.id}`)}>查看事项</Button>,
            <Button
              key="again"
              onClick={() => {
                setDone(null);
                form.resetFields();
                setFiles([]);
                setPoint(null);
                setType(null);
                setClientKey(newKey());
                submit.reset();
              }}
            >
              继续登记
            </Button>,
          ]}
        >
          <div style={{ textAlign: 'center', fontSize: 16 }} data-testid="intake-done">
            <div>事项编号：<b data-testid="intake-number">{done.matter.number}</b></div>
            <div style={{ marginTop: 8 }}>
              查询码（请告知反映人）：<b style={{ fontSize: 22, letterSpacing: 3, fontFamily: 'monospace' }} data-testid="intake-tracking">{done.trackingCode}</b>
            </div>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>反映人可凭查询码在网上查看办理进度并评价。</Typography.Paragraph>
          </div>
        </Result>
      </div>
    );
  }

  return (
    <div className="page" style={{ maxWidth: 1100 }}>
      <Space style={{ marginBottom: 8 }}><Link to="/matters">← 办理台</Link></Space>
      <Typography.Title level={4} style={{ marginTop: 0 }}>登记事项</Typography.Title>
      <Typography.Paragraph type="secondary">登记群众来电（12345 热线）、来访或部门转来的事项；按事项清单的类型、时限和责任单位流转。</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish} onFinishFailed={() => setTypeMissing(!type)} initialValues={{ source: me?.role === 'department' ? 'department' : 'hotline', anonymous: false }}>
        <Card size="small" title="事项">
          {cityWide && (
            <Form.Item label="县（市、区）" required>
              <Select style={{ width: 260 }} placeholder="选择事项所在的县（市、区）" value={pickedCounty} onChange={(c) => { setPickedCounty(c); setType(null); }} options={(counties.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))} />
            </Form.Item>
          )}
          <Form.Item label="事项类型" required validateStatus={typeMissing && !type ? 'error' : undefined} help={type ? `${type.path.join(' / ')} · 责任单位：${type.sectorLabel}` : typeMissing ? '请选择事项类型' : '输入名称、拼音首字母（如 rljg）或 6 位编码'}>
            <TypeSelect county={county} value={type} onChange={(t) => { setType(t); setTypeMissing(false); }} width="100%" testId="intake-type" />
          </Form.Item>
          <Form.Item name="description" label="事项描述" rules={[{ required: true, whitespace: true, message: '请描述事项' }, { min: 4, message: '事项描述至少 4 个字' }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder="时间、地点、情况，反映人的诉求" />
          </Form.Item>
          <Form.Item name="source" label="来源">
            <Radio.Group options={[{ value: 'hotline', label: '12345 热线' }, { value: 'department', label: '部门转办 / 来访' }]} />
          </Form.Item>
        </Card>

        <Card size="small" title="地点" style={{ marginTop: 12 }}>
          <Segmented value={mode} onChange={(v) => setMode(v as PlaceMode)} options={[{ value: 'grid', label: '网格编码' }, { value: 'division', label: '社区（村）或街道' }, { value: 'point', label: '地图选点' }]} style={{ marginBottom: 12 }} data-testid="place-mode" />
          {mode === 'grid' && (
            <Form.Item name="gridCode" label="网格编码" rules={[{ required: true, message: '请填写网格编码' }, { pattern: /^\d{14,18}$/, message: '网格编码为 14–18 位数字' }]} extra="见网格公示牌或联系卡">
              <Input style={{ width: 260 }} placeholder="例如 231102002001001" />
            </Form.Item>
          )}
          {mode === 'division' && scope && (
            <Form.Item name="divisionCode" label="所在社区（村）或街道（乡镇）" rules={[{ required: true, message: '请选择所在区划' }]}>
              <DivisionSelect rootCode={cityWide && pickedCounty ? pickedCounty : scope} />
            </Form.Item>
          )}
          {mode === 'point' && <PointPicker scope={cityWide ? pickedCounty : scope} point={point} onPick={setPoint} />}
          <Form.Item name="address" label="详细地址（可不填）">
            <Input maxLength={200} placeholder="小区、楼号、门牌" />
          </Form.Item>
          {mode === 'point' && type && point && (dups.data?.items.length ?? 0) > 0 && (
            <Alert
              type="warning"
              showIcon
              title={`附近 200 米内 7 天内已有 ${dups.data!.items.length} 件同类未办结事项，请确认是否重复`}
              description={
                <List
                  size="small"
                  dataSource={dups.data!.items}
                  renderItem={(x) => (
                    <List.Item>
                      <Link to={`/matters/${x.id}`} target="_blank">{x.number}</Link> · 相距约 {x.distanceM} 米 · {fmtDateTime(x.createdAt)} · {x.description}
                    </List.Item>
                  )}
                />
              }
              data-testid="intake-duplicates"
            />
          )}
        </Card>

        <Card size="small" title="反映人" style={{ marginTop: 12 }}>
          <Form.Item name="anonymous" valuePropName="checked">
            <Checkbox>匿名反映（不留姓名和电话）</Checkbox>
          </Form.Item>
          {!anonymous && (
            <Space wrap>
              <Form.Item name="name" label="姓名">
                <Input style={{ width: 200 }} maxLength={20} />
              </Form.Item>
              <Form.Item name="phone" label="联系电话" rules={[{ pattern: /^[\d\s-]{7,20}$/, message: '电话号码格式不正确' }]}>
                <Input style={{ width: 220 }} placeholder="手机或固定电话" />
              </Form.Item>
            </Space>
          )}
        </Card>

        <Card size="small" title="照片（可不传）" style={{ marginTop: 12 }}>
          <PhotoUpload files={files} onChange={setFiles} testId="intake-photos" />
        </Card>

        <ErrorAlert error={submit.error} style={{ marginTop: 12 }} />
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" htmlType="submit" loading={submit.isPending} disabled={uploading(files) || (mode === 'point' && !point)} data-testid="intake-submit">
            登记
          </Button>
          <Button onClick={() => navigate('/matters')}>取消</Button>
        </Space>
      </Form>
    </div>
  );
}

/** Click the map to place the matter (WGS-84), framed on the user's territory. */
function PointPicker({ scope, point, onPick }: { scope: string | undefined; point: PickedPoint | null; onPick: (p: PickedPoint) => void }) {
  const home = useDivisionBoundary(scope && scope !== '231100000000' ? scope : undefined);
  const label = useMemo(() => (point ? `已选：${point.lng.toFixed(6)}, ${point.lat.toFixed(6)}（WGS-84）` : '在地图上点击事项位置'), [point]);
  return (
    <div style={{ marginBottom: 12 }}>
      <PointPickerMap frame={home.data?.geometry} point={point} onPick={onPick} testId="intake-map" />
      <Typography.Text type={point ? undefined : 'secondary'}>{label}</Typography.Text>
    </div>
  );
}
