import { App, Button, Popconfirm, Space } from 'antd';
import type { Change } from '../../../common/schemas/grids';
import { errorMessage } from '../../api/client';
import { useCan, useMe } from '../auth/auth-api';
import { useChangeAction } from './changes-api';

/** 生效 (county centre, grid.apply) and 撤回 (the proposer, or the county centre) for a proposed change. */
export function ChangeActions({ change }: { change: Change }) {
  const { message, modal } = App.useApp();
  const { data: me } = useMe();
  const canApply = useCan('grid.apply');
  const apply = useChangeAction('apply');
  const withdraw = useChangeAction('withdraw');
  if (change.status !== 'proposed') return null;
  const mine = !!me && (change.proposedBy === me.displayName || change.proposedBy === me.username || change.proposedBy === me.id);
  const fail = (e: unknown) => {
    modal.error({ title: '操作未成功', content: errorMessage(e) });
  };
  return (
    <Space size={4}>
      {canApply && (
        <Popconfirm
          title="确认使调整生效？"
          description="生效后网格立即更新，并报市中心备案。"
          okText="生效"
          cancelText="取消"
          onConfirm={() => apply.mutateAsync(change.id).then(() => message.success('已生效并报备案'), fail)}
        >
          <Button size="small" type="primary" loading={apply.isPending}>生效</Button>
        </Popconfirm>
      )}
      {(mine || canApply) && (
        <Popconfirm
          title="确认撤回该调整申请？"
          okText="撤回"
          cancelText="取消"
          onConfirm={() => withdraw.mutateAsync(change.id).then(() => message.success('已撤回'), fail)}
        >
          <Button size="small" loading={withdraw.isPending}>撤回</Button>
        </Popconfirm>
      )}
    </Space>
  );
}
