import { App, Button, Card, Col, Form, Input, Radio, Result, Row, Space, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { changeKindLabels } from '../../../common/i18n/zh-CN';
import type { Change, ChangeInput, GridDetail } from '../../../common/schemas/grids';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/error-alert';
import { useCan, useMe } from '../auth/auth-api';
import { useGridDetail } from '../grids/grids-api';
import { ROOT_CODE } from '../territory/territory-api';
import { BoundaryEditor, type EditorPart } from './boundary-editor';
import { buildChangeInput, type ChangeFormValues, type FormKind } from './build-change-input';
import { ChangeTargets } from './change-targets';
import { ChangeView } from './change-view';
import { useProposeChange, useValidateChange } from './changes-api';
import type { AreaGeometry } from './geojson-file';
import { GridAttrFields, type AttrValues } from './grid-attr-fields';
import { ReferenceMap } from './reference-map';
import { SplitParts, partColors, partLabel } from './split-parts';
import { useEditorReference } from './use-editor-reference';
import { usePartsState } from './use-parts-state';
import { ValidationReportView } from './validation-report';

const kinds: FormKind[] = ['create', 'redraw', 'split', 'merge', 'retire'];
const isKind = (k: string | null): k is FormKind => !!k && (kinds as string[]).includes(k);

function attrsOf(g: GridDetail['grid']): AttrValues {
  return {
    name: g.name, kind: g.kind, subKind: g.subKind, owningUnit: g.owningUnit ?? undefined, households: g.households,
    population: g.population, partyOrgType: g.partyOrg?.type, partyOrgName: g.partyOrg?.name,
  };
}

export function ChangeFormPage() {
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const { data: me } = useMe();
  const canApply = useCan('grid.apply');
  const [form] = Form.useForm<ChangeFormValues>();
  const initialKind: FormKind = isKind(params.get('kind')) ? (params.get('kind') as FormKind) : 'create';
  const kind = (Form.useWatch('kind', form) as FormKind | undefined) ?? initialKind;
  const divisionCode = Form.useWatch('divisionCode', form) as string | undefined;
  const gridCode = Form.useWatch('gridCode', form) as string | undefined;
  const gridCodes = Form.useWatch('gridCodes', form) as string[] | undefined;
  const parts = usePartsState();
  const [created, setCreated] = useState<Change | null>(null);
  const [clientError, setClientError] = useState<string | null>(null);
  const validate = useValidateChange();
  const propose = useProposeChange();

  const needsTarget = kind === 'redraw' || kind === 'split' || kind === 'retire';
  const target = useGridDetail(needsTarget ? gridCode : undefined);
  const problemCodes = useMemo(() => {
    const issues = [...(validate.data?.errors ?? []), ...(propose.error instanceof ApiError ? propose.error.details : [])];
    return [...new Set(issues.map((i) => i.gridCode).filter((c): c is string => typeof c === 'string'))].sort();
  }, [validate.data, propose.error]);
  const reference = useEditorReference(kind, divisionCode, needsTarget ? target.data : undefined, kind === 'merge' ? gridCodes : undefined, problemCodes);
  // A report about an older drawing would mislead: drop it when the boundary changes.
  const setGeom = (k: string, g: AreaGeometry | null) => {
    parts.setGeom(k, g);
    validate.reset();
    propose.reset();
  };

  // New kind → fresh drawing state and report.
  const prefilled = useRef('');
  useEffect(() => {
    parts.reset(kind === 'split');
    prefilled.current = '';
    validate.reset();
    const code = form.getFieldValue('gridCode') as string | undefined;
    if (kind === 'merge' && code && !form.getFieldValue('gridCodes')?.length) form.setFieldValue('gridCodes', [code]);
  }, [kind]); // eslint-disable-line react-hooks/exhaustive-deps

  // A chosen grid fills its community, and for redraw/split its current attributes and boundary.
  useEffect(() => {
    const g = target.data?.grid;
    if (!g || !needsTarget || prefilled.current === `${kind}:${g.code}`) return;
    prefilled.current = `${kind}:${g.code}`;
    if (!form.getFieldValue('divisionCode')) form.setFieldValue('divisionCode', g.divisionCode);
    if (kind === 'redraw') {
      form.setFieldValue('grid', attrsOf(g));
      parts.reset(false, g.boundary as AreaGeometry);
    } else if (kind === 'split') {
      const ks = parts.reset(true);
      form.setFieldValue('parts', Object.fromEntries(ks.map((k, i) => [k, { ...attrsOf(g), name: `${g.name}（${i + 1}）`, households: null, population: null }])));
    }
  }, [target.data, kind, needsTarget]); // eslint-disable-line react-hooks/exhaustive-deps

  const editorParts: EditorPart[] = useMemo(
    () => parts.keys.map((k, i) => ({
      key: k,
      label: kind === 'split' ? partLabel(i) : '网格边界',
      color: kind === 'split' ? partColors[i % partColors.length] : '#1677ff',
      geometry: parts.geoms[k] ?? null,
    })),
    [parts.keys, parts.geoms, kind],
  );

  const buildInput = async (): Promise<ChangeInput | null> => {
    setClientError(null);
    try {
      const values = await form.validateFields();
      return buildChangeInput({ ...values, kind }, { partKeys: parts.keys, geoms: parts.geoms, originalBoundary: target.data?.grid.boundary });
    } catch (e) {
      if (e instanceof Error) setClientError(e.message);
      else message.error('请先完善表单中标红的内容');
      return null;
    }
  };
  const onValidate = async () => {
    const input = await buildInput();
    if (input) validate.mutate(input);
  };
  const onSubmit = async (apply: boolean) => {
    const input = await buildInput();
    if (input) propose.mutate({ ...input, apply }, { onSuccess: ({ change }) => setCreated(change) });
  };

  if (created)
    return (
      <Created
        change={created}
        onAgain={() => {
          setCreated(null);
          form.resetFields();
          validate.reset();
          propose.reset();
        }}
      />
    );

  const showEditor = kind !== 'retire';
  return (
    <div className="page">
      <Typography.Title level={4}>新建/调整网格</Typography.Title>
      <Typography.Paragraph type="secondary">
        网格由县（市、区）网格化管理服务中心会同街道（乡镇）划分和调整；调整生效后自动报市网格化管理服务中心备案（《黑河市网格化服务管理条例》第八条）。
      </Typography.Paragraph>
      <Form<ChangeFormValues> form={form} layout="vertical" initialValues={{ kind: initialKind, gridCode: params.get('grid') ?? undefined, divisionCode: params.get('division') ?? undefined }} scrollToFirstError>
        <Form.Item name="kind" label="调整类型">
          <Radio.Group optionType="button" buttonStyle="solid" options={kinds.map((k) => ({ value: k, label: changeKindLabels[k] }))} />
        </Form.Item>
        <ChangeTargets kind={kind} rootCode={me?.scopeCode ?? ROOT_CODE} divisionCode={divisionCode} target={target} />
        <Row gutter={16}>
          {kind !== 'split' && kind !== 'retire' && (
            <Col xs={24} xl={showEditor ? 10 : 24}>
              <Card size="small" title={kind === 'merge' ? '合并后的网格' : '网格属性'} style={{ marginBottom: 16 }}>
                <GridAttrFields prefix={['grid']} kindLocked={kind === 'redraw'} />
              </Card>
            </Col>
          )}
          {kind === 'split' && (
            <Col xs={24} xl={10}>
              <SplitParts
                keys={parts.keys}
                active={parts.active}
                onActive={parts.setActive}
                onAdd={() => {
                  const k = parts.add();
                  const g = target.data?.grid;
                  if (g) form.setFieldValue(['parts', k], { ...attrsOf(g), name: `${g.name}（${parts.keys.length + 1}）`, households: null, population: null });
                }}
                onRemove={parts.remove}
                onCopyOriginal={(k) => target.data && parts.setGeom(k, target.data.grid.boundary as AreaGeometry)}
                hasBoundary={(k) => !!parts.geoms[k]}
              />
            </Col>
          )}
          {showEditor && (
            <Col xs={24} xl={14}>
              <Card size="small" title={kind === 'merge' ? '合并后的边界（可不画：留空则由系统合并原网格边界）' : '边界'} style={{ marginBottom: 16 }}>
                <BoundaryEditor
                  parts={editorParts}
                  activeKey={parts.active}
                  onChange={setGeom}
                  onUpload={(list) => {
                    parts.fill(list, kind === 'split');
                    validate.reset();
                    propose.reset();
                  }}
                  reference={reference}
                />
              </Card>
            </Col>
          )}
        </Row>
        {kind === 'retire' && target.data && (
          <Card size="small" title="要撤销的网格（红色虚线）" style={{ marginBottom: 16 }}>
            <ReferenceMap reference={reference} />
          </Card>
        )}
        <Form.Item name="reason" label="调整原因" rules={[{ required: true, message: '请填写调整原因' }, { min: 4, max: 500, message: '调整原因为 4–500 个字' }]}>
          <Input.TextArea rows={3} showCount maxLength={500} placeholder="如：兴安小区新建 3 栋住宅楼，户数增加，按规模适度原则拆分网格" />
        </Form.Item>
        {clientError && <ErrorAlert error={new Error(clientError)} style={{ marginBottom: 12 }} />}
        <ErrorAlert error={validate.error ?? propose.error} style={{ marginBottom: 12 }} />
        {validate.data && <div style={{ marginBottom: 12 }}><ValidationReportView report={validate.data} /></div>}
        <Space wrap>
          <Button onClick={onValidate} loading={validate.isPending}>校验</Button>
          <Button type={canApply ? 'default' : 'primary'} onClick={() => onSubmit(false)} loading={propose.isPending && !propose.variables?.apply}>
            提交
          </Button>
          {canApply && (
            <Button type="primary" onClick={() => onSubmit(true)} loading={propose.isPending && !!propose.variables?.apply}>
              提交并生效
            </Button>
          )}
        </Space>
      </Form>
    </div>
  );
}

function Created({ change, onAgain }: { change: Change; onAgain: () => void }) {
  const applied = change.status === 'applied';
  return (
    <div className="page">
      <Result
        status="success"
        title={applied ? '调整已生效，已报市中心备案' : '已提交，等待县（市、区）中心审核生效'}
        subTitle={change.summary}
        extra={[
          <Link key="list" to="/changes">查看调整记录</Link>,
          <Button key="again" onClick={onAgain}>继续新建/调整</Button>,
        ]}
        data-testid="change-created"
      />
      <div style={{ maxWidth: 800, margin: '0 auto' }}>
        <ChangeView change={change} />
      </div>
    </div>
  );
}
