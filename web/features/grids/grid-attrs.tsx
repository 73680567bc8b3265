import { Descriptions } from 'antd';
import { gridKindLabels, gridLevelLabels, gridStatusLabels, gridSubKindLabels, partyOrgLabels } from '../../../common/i18n/zh-CN';
import type { GridDetail } from '../../../common/schemas/grids';
import { fmtArea, fmtDateTime, fmtNumber } from '../../components/format';

export function GridAttrs({ grid }: { grid: GridDetail['grid'] }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      styles={{ label: { whiteSpace: 'nowrap' } }}
      data-testid="grid-attrs"
      items={[
        { key: 'code', label: '网格编码', children: grid.code },
        { key: 'name', label: '网格名称', children: grid.name },
        { key: 'level', label: '层级', children: gridLevelLabels[grid.level] },
        { key: 'kind', label: '网格类型', children: gridKindLabels[grid.kind] },
        { key: 'sub', label: '划分单元', children: gridSubKindLabels[grid.subKind] },
        { key: 'unit', label: '所属单位', children: grid.owningUnit ?? '—' },
        { key: 'hh', label: '户数', children: fmtNumber(grid.households) },
        { key: 'pop', label: '人口', children: fmtNumber(grid.population) },
        {
          key: 'party',
          label: '网格党组织',
          children: grid.partyOrg ? `${grid.partyOrg.name}（${partyOrgLabels[grid.partyOrg.type]}）` : '—',
        },
        { key: 'community', label: '所在社区（村）', children: grid.divisionName },
        { key: 'area', label: '面积', children: fmtArea(grid.areaM2) },
        { key: 'status', label: '状态', children: gridStatusLabels[grid.status] },
        { key: 'version', label: '当前版本', children: `第 ${grid.version} 版，自 ${fmtDateTime(grid.validFrom)} 起` },
      ]}
    />
  );
}
