import { Col, Row } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useMe } from '../auth/auth-api';
import { DivisionPanel } from './division-panel';
import { DivisionSearch } from './division-search';
import { DivisionTree } from './division-tree';
import { ROOT_CODE, useDivisionNode } from './territory-api';

export function TerritoryPage() {
  const params = useParams();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const code = params.code ?? me?.scopeCode ?? ROOT_CODE;
  const node = useDivisionNode(code);
  const path = node.data?.path.map((p) => p.code) ?? [];
  const go = (c: string) => navigate(`/territory/${c}`);

  return (
    <div className="page">
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8} xl={6}>
          <div style={{ marginBottom: 8 }}>
            <DivisionSearch onPick={(d) => go(d.code)} />
          </div>
          <div style={{ maxHeight: 'calc(100vh - 160px)', overflow: 'auto' }}>
            <DivisionTree rootCode={ROOT_CODE} path={path} selected={code} onSelect={go} />
          </div>
        </Col>
        <Col xs={24} md={16} xl={18}>
          <DivisionPanel code={code} />
        </Col>
      </Row>
    </div>
  );
}
