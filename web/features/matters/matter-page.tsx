import { App, Button, Card, Col, Descriptions, Empty, Image, Input, Modal, Row, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import L from 'leaflet';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { fmtDateTime } from '../../components/format';
import { LeafletMap, useMapInstance } from '../../components/map/leaflet-map';
import { ACTION_LABELS, ActionDialog } from './action-dialog';
import { DeadlineCell, markColour, PriorityTag, StateTag } from './matter-tags';
import { mattersApi, photoUrl, useMatter, type MatterDetail, type MatterEvent } from './matters-api';

const STEP_LABELS: Record<string, string> = { dispatch: '派遣', handling: '处置', verification: '现场核查', feedback: '反馈' };
const SOURCE_LABELS: Record<string, string> = { worker: '网格员上报', department: '部门或网格中心登记', hotline: '12345 热线', resident: '群众自报' };
const METHOD_LABELS: Record<string, string> = { phone: '电话', visit: '上门', message: '短信' };
/** The order of the buttons: the usual next step first. */
const ORDER = ['accept', 'dispatch', 'handle_self', 'escalate', 'report_result', 'verify', 'feed_back', 'decide_request', 'unpark', 'return', 'merge', 'request_extension', 'request_park', 'request_void'];
const PRIMARY = new Set(['accept', 'dispatch', 'report_result', 'decide_request', 'verify', 'feed_back']);

/** One matter: its file, photos, reporter, the whole timeline, and what this user may do now. */
export function MatterPage() {
  const { id } = useParams();
  const q = useMatter(id);
  const [action, setAction] = useState<string | null>(null);

  if (q.error) return <div className="page"><ErrorAlert error={q.error} /><Link to="/matters">返回办理台</Link></div>;
  if (!q.data) return <div className="page"><Skeleton active /></div>;
  const d = q.data;
  const m = d.matter;
  const actions = [...d.actions].sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));

  return (
    <div className="page">
      <Space style={{ marginBottom: 8 }} wrap>
        <Link to="/matters">← 办理台</Link>
      </Space>
      <Card
        title={
          <Space wrap>
            <span data-testid="matter-number">{m.number}</span>
            <StateTag m={m} />
            <PriorityTag m={m} />
            <span style={{ fontWeight: 400 }}>{m.typeName}</span>
          </Space>
        }
        extra={<span style={{ color: '#888' }}>{SOURCE_LABELS[m.source] ?? m.source} · {fmtDateTime(m.createdAt)}</span>}
        data-testid="matter-header"
      >
        <Row gutter={16}>
          <Col xs={24} lg={16}>
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label="事项类型" span={2}>{m.typePath.join(' / ')}（{m.typeCode}，清单第 {m.catalogueVersion} 版）</Descriptions.Item>
              <Descriptions.Item label="状态">{m.stateLabel}{m.step ? ` · ${STEP_LABELS[m.step] ?? m.step}阶段` : ''}</Descriptions.Item>
              <Descriptions.Item label="协调层级">{m.levelLabel}</Descriptions.Item>
              <Descriptions.Item label="承办">{m.handler ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="期限"><span data-testid="matter-deadline"><DeadlineCell m={m} /></span></Descriptions.Item>
              <Descriptions.Item label="地点" span={2}>
                {m.place}
                {m.gridCode && <> · 网格 <Link to={`/grids/${m.gridCode}`}>{m.gridCode}</Link></>}
                {m.address && <div>{m.address}</div>}
                {m.locationNote && <div style={{ color: '#d48806' }}>{m.locationNote}</div>}
              </Descriptions.Item>
              <Descriptions.Item label="流程">
                {m.needsVerification ? '需现场核查' : '无需现场核查'} · {m.needsFeedback ? '需向群众反馈' : '无需反馈'}
                {m.reworks > 0 && <Tag color="orange" style={{ marginLeft: 6 }}>返工 {m.reworks} 次</Tag>}
                {m.reopens > 0 && <Tag color="orange">不满意重办</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label="反映人"><Reporter d={d} /></Descriptions.Item>
              {m.mergedInto && <Descriptions.Item label="已并入" span={2}><Link to={`/matters/${m.mergedInto.id}`}>{m.mergedInto.number}</Link></Descriptions.Item>}
              {d.duplicates.length > 0 && (
                <Descriptions.Item label="并入本件的重复事项" span={2}>
                  {d.duplicates.map((x) => <Link key={x.id} to={`/matters/${x.id}`} style={{ marginRight: 8 }}>{x.number}</Link>)}
                </Descriptions.Item>
              )}
            </Descriptions>
            <Typography.Title level={5} style={{ marginTop: 16 }}>事项描述</Typography.Title>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="matter-description">{m.description}</Typography.Paragraph>
            <Photos d={d} seq={null} />
          </Col>
          <Col xs={24} lg={8}>
            {m.lng !== null && m.lat !== null ? <PointMap lng={m.lng} lat={m.lat} mark={m.mark} /> : <Empty description="没有坐标（按网格或区划登记）" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Col>
        </Row>
      </Card>

      <Card title="办理" size="small" style={{ marginTop: 12 }} data-testid="matter-actions">
        {actions.length === 0 ? (
          <Typography.Text type="secondary">您当前对此事项没有可办理的操作。</Typography.Text>
        ) : (
          <Space wrap>
            {actions.map((a) => (
              <Button key={a} type={PRIMARY.has(a) ? 'primary' : 'default'} danger={a === 'request_void' || a === 'return'} onClick={() => setAction(a)}>
                {ACTION_LABELS[a] ?? a}
              </Button>
            ))}
          </Space>
        )}
      </Card>

      <Card title={`流转记录（${d.timeline.length}）`} size="small" style={{ marginTop: 12 }}>
        <Timeline data-testid="matter-timeline" items={d.timeline.map((e) => ({ key: e.seq, color: eventColour(e), content: <EventItem e={e} d={d} /> }))} />
      </Card>
      {action && <ActionDialog action={action} detail={d} onClose={() => setAction(null)} />}
    </div>
  );
}

function eventColour(e: MatterEvent) {
  if (e.kind === 'overdue' || e.kind === 'escalate_overdue') return 'red';
  if (e.kind === 'warn') return 'orange';
  if (e.kind === 'return' || e.kind === 'reopen' || (e.kind === 'verify' && e.data?.passed === false)) return 'orange';
  if (e.toState === 'closed') return 'green';
  return 'blue';
}

function EventItem({ e, d }: { e: MatterEvent; d: MatterDetail }) {
  const data = e.data ?? {};
  const extra: string[] = [];
  if (typeof data.orgName === 'string' && (e.kind === 'dispatch' || e.kind === 'report_direct')) extra.push(`派往 ${data.orgName}`);
  if (typeof data.extraHours === 'number') extra.push(`${e.kind === 'decide_request' ? '延长' : '申请延长'} ${data.extraHours} 个工作小时`);
  if (typeof data.method === 'string') extra.push(`反馈方式：${METHOD_LABELS[data.method] ?? data.method}`);
  if (typeof data.passed === 'boolean') extra.push(data.passed ? '核查通过' : '核查未通过，返工');
  if (e.kind === 'decide_request' && e.fromState !== null) extra.push(e.toState !== e.fromState ? `同意，转为${e.toStateLabel}` : '');
  return (
    <div data-testid={`event-${e.kind}`}>
      <div>
        <b>{e.kindLabel}</b> <span style={{ color: '#888' }}>→ {e.toStateLabel}</span>
        <span style={{ color: '#888', marginLeft: 12 }}>{fmtDateTime(e.at)}</span>
      </div>
      <div style={{ color: '#555' }}>
        {e.actor}
        {e.actorUnit && e.actorUnit !== e.actor ? `（${e.actorUnit}）` : ''} · {e.levelLabel}
        {extra.filter(Boolean).length > 0 && ` · ${extra.filter(Boolean).join(' · ')}`}
      </div>
      {e.reason && <div style={{ whiteSpace: 'pre-wrap' }}>{e.reason}</div>}
      {e.deadlineAt && <div style={{ color: '#888', fontSize: 12 }}>此后{STEP_LABELS[e.step ?? ''] ?? ''}期限：{fmtDateTime(e.deadlineAt)}</div>}
      <Photos d={d} seq={e.seq} small />
    </div>
  );
}

/** Thumbnails opening full size; seq null = every photo of the matter. */
function Photos({ d, seq, small }: { d: MatterDetail; seq: number | null; small?: boolean }) {
  const photos = seq === null ? d.photos : d.photos.filter((p) => p.eventSeq === seq);
  if (photos.length === 0) return seq === null ? <Typography.Text type="secondary">没有照片</Typography.Text> : null;
  const size = small ? 64 : 110;
  return (
    <div style={{ marginTop: 6 }} data-testid={seq === null ? 'matter-photos' : undefined}>
      {seq === null && <Typography.Title level={5}>照片（{photos.length}）</Typography.Title>}
      <Image.PreviewGroup>
        <Space wrap>
          {photos.map((p) => (
            <Image key={p.id} width={size} height={size} style={{ objectFit: 'cover', borderRadius: 4 }} src={photoUrl(d.matter.id, p.id, 'thumb')} preview={{ src: photoUrl(d.matter.id, p.id, 'full') }} alt="事项照片" />
          ))}
        </Space>
      </Image.PreviewGroup>
    </div>
  );
}

/** The reporter with the phone masked; who must call back may see it in full, with a reason (audited). */
function Reporter({ d }: { d: MatterDetail }) {
  const { message } = App.useApp();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [full, setFull] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const r = d.reporter;
  if (r.anonymous) return <>匿名</>;
  const show = async () => {
    setBusy(true);
    try {
      const res = await mattersApi.reporterPhone(d.matter.id, reason.trim());
      setFull(res.phone);
      setAsking(false);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span data-testid="reporter">
      {r.name ?? '（未留姓名）'} {full ?? r.phone ?? '未留电话'}
      {d.mayCallBack && r.phone && !full && (
        <Button size="small" type="link" onClick={() => setAsking(true)}>查看完整电话</Button>
      )}
      <Modal open={asking} title="查看反映人完整电话" okText="查看" cancelText="取消" onOk={show} confirmLoading={busy} okButtonProps={{ disabled: reason.trim().length < 4 }} onCancel={() => setAsking(false)}>
        <Typography.Paragraph type="secondary">查看将记入审计日志。请写明原因，例如“回访反映人核实处置结果”。</Typography.Paragraph>
        <Input.TextArea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} placeholder="查看原因（至少 4 个字）" />
      </Modal>
    </span>
  );
}

function PointMap({ lng, lat, mark }: { lng: number; lat: number; mark: MatterDetail['matter']['mark'] }) {
  const [map, setMap] = useMapInstance();
  useEffect(() => {
    if (!map) return;
    map.setView([lat, lng], 16);
    const pin = L.circleMarker([lat, lng], { radius: 9, color: '#fff', weight: 2, fillColor: markColour(mark), fillOpacity: 1 }).addTo(map);
    return () => {
      pin.remove();
    };
  }, [map, lng, lat, mark]);
  return (
    <div data-testid="matter-map">
      <LeafletMap onReady={setMap} style={{ height: 260 }} className="map-box" />
      <div style={{ color: '#888', fontSize: 12 }}>WGS-84 {lng.toFixed(6)}, {lat.toFixed(6)}</div>
    </div>
  );
}
