import { App, Button, Form, Input, Modal, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { CatalogueVersion } from '../../../common/schemas/catalogue';
import { ErrorAlert } from '../../components/error-alert';
import { catalogueApi, useCatalogueMutation } from './catalogue-api';

type Ask = { kind: 'submit' | 'approve' | 'refuse' } | null;
const asks = {
  submit: { title: '报请县（市、区）人民政府批准', field: 'note', label: '修订说明（可选）', ok: '报请批准', required: false },
  approve: { title: '批准本版事项清单', field: 'reference', label: '批准文件（可选，如 爱政函〔2026〕8号）', ok: '批准', required: false },
  refuse: { title: '退回修改', field: 'reason', label: '退回理由', ok: '退回', required: true },
} as const;

/** The steps a version can take now, for who is looking: the centre drafts, submits and publishes; the government approves or refuses. */
export function VersionActions({ v, canManage, canApprove, onAdd }: { v: CatalogueVersion; canManage: boolean; canApprove: boolean; onAdd: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [ask, setAsk] = useState<Ask>(null);
  const [text, setText] = useState('');
  const run = useCatalogueMutation(async (a: { kind: 'submit' | 'approve' | 'refuse' | 'recall' | 'discard' | 'publish'; text?: string }) => {
    switch (a.kind) {
      case 'submit': return catalogueApi.submit(v.id, a.text);
      case 'approve': return catalogueApi.approve(v.id, a.text);
      case 'refuse': return catalogueApi.refuse(v.id, a.text ?? '');
      case 'recall': return catalogueApi.recall(v.id);
      case 'discard': return catalogueApi.discard(v.id);
      case 'publish': return catalogueApi.publish(v.id);
    }
  });
  const done = { submit: '已报请批准', approve: '已批准', refuse: '已退回修改', recall: '已撤回', discard: '已放弃草稿', publish: '已公布，原版本已被替代' };
  const go = (kind: keyof typeof done, t?: string) =>
    run.mutate({ kind, text: t }, { onSuccess: () => { message.success(done[kind]); setAsk(null); setText(''); if (kind === 'discard') navigate(`/catalogue?county=${v.countyCode}`); } });

  return (
    <>
      <Space wrap>
        {v.status === 'draft' && canManage && (
          <>
            <Button onClick={onAdd}>准入：增加事项</Button>
            <Button type="primary" onClick={() => setAsk({ kind: 'submit' })}>报请批准</Button>
            <Popconfirm title="放弃这一版草稿？已做的修改不再保留" okText="放弃" cancelText="取消" onConfirm={() => go('discard')}>
              <Button danger>放弃草稿</Button>
            </Popconfirm>
          </>
        )}
        {v.status === 'submitted' && canManage && <Button onClick={() => go('recall')}>撤回报批</Button>}
        {v.status === 'submitted' && canApprove && (
          <>
            <Button type="primary" onClick={() => setAsk({ kind: 'approve' })}>批准</Button>
            <Button danger onClick={() => setAsk({ kind: 'refuse' })}>退回修改</Button>
          </>
        )}
        {v.status === 'approved' && canManage && (
          <Popconfirm title={`公布第 ${v.version} 版？现行版本将被替代，此后上报的事项按新版本办理`} okText="公布" cancelText="取消" onConfirm={() => go('publish')}>
            <Button type="primary">公布</Button>
          </Popconfirm>
        )}
      </Space>
      <ErrorAlert error={ask ? null : run.error} style={{ marginTop: 8 }} />
      {ask && (
        <Modal open title={asks[ask.kind].title} okText={asks[ask.kind].ok} onCancel={() => setAsk(null)} confirmLoading={run.isPending} onOk={() => go(ask.kind, text.trim() || undefined)} okButtonProps={{ danger: ask.kind === 'refuse', disabled: asks[ask.kind].required && !text.trim() }}>
          <ErrorAlert error={run.error} style={{ marginBottom: 8 }} />
          <Form layout="vertical">
            <Form.Item label={asks[ask.kind].label} required={asks[ask.kind].required}>
              <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} maxLength={500} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}
