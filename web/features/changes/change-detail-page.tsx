import { Skeleton, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { ChangeActions } from './change-actions';
import { ChangeView } from './change-view';
import { useChange } from './changes-api';

export function ChangeDetailPage() {
  const { id } = useParams();
  const change = useChange(id);
  if (change.isPending) return <Skeleton active className="page" />;
  if (!change.data) return <div className="page"><ErrorAlert error={change.error} /></div>;
  return (
    <div className="page" style={{ maxWidth: 900 }}>
      <Space style={{ marginBottom: 12 }} wrap>
        <Link to="/changes">← 网格调整</Link>
        <Typography.Title level={4} style={{ margin: 0 }}>调整详情</Typography.Title>
        <ChangeActions change={change.data} />
      </Space>
      <ChangeView change={change.data} />
    </div>
  );
}
