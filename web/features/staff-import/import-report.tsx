import { Alert, Descriptions, Table, Typography } from 'antd';
import { staffRoleLabels, type StaffRole } from '../../../common/domain/staff';
import type { ImportJob, ImportProblem } from './staff-import-api';

/** The row report of a dry run (or of a failed import): every row with its problems, by Excel row number. */
export function ImportReport({ job }: { job: ImportJob }) {
  const report = job.report;
  if (!report) return null;
  const s = report.summary;
  const roles = s ? Object.entries(s.byRole).map(([r, n]) => `${staffRoleLabels[r as StaffRole] ?? r} ${n} 项`).join('、') : '';
  return (
    <div data-testid="import-report">
      {job.status === 'failed' && <Alert type="error" showIcon title={report.message ?? '导入失败，未导入任何人员'} style={{ marginBottom: 12 }} data-testid="import-failed" />}
      {job.status === 'checked' && job.errors > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={`检查发现 ${job.errors} 行有问题（共 ${job.rows} 行），没有写入任何数据`}
          description="请按下表在 Excel 中修改对应的行，保存后重新上传；全部通过后才能确认导入。"
        />
      )}
      {job.status === 'checked' && job.errors === 0 && s && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="import-clean"
          title={`全部 ${s.rows} 行检查通过：将登记 ${s.persons} 人、任职 ${s.assignments} 项`}
          description={report.expired ?? (roles ? `其中 ${roles}。确认后一次性写入；任何一行写入失败则全部不写入。` : undefined)}
        />
      )}
      {job.status === 'done' && report.imported && (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="import-done" title={`导入完成：已登记 ${report.imported.persons} 人、任职 ${report.imported.assignments} 项`} />
      )}
      {s && (s.ignoredColumns.length > 0 || s.sampleRows > 0) && (
        <Descriptions size="small" column={1} style={{ marginBottom: 8 }}>
          {s.sampleRows > 0 && <Descriptions.Item label="已跳过">{s.sampleRows} 行模板示例</Descriptions.Item>}
          {s.ignoredColumns.length > 0 && <Descriptions.Item label="未识别的列（已忽略）">{s.ignoredColumns.join('、')}</Descriptions.Item>}
        </Descriptions>
      )}
      {report.problems.length > 0 && (
        <Table<ImportProblem>
          size="small"
          rowKey="row"
          dataSource={report.problems}
          pagination={{ pageSize: 8, showSizeChanger: false, showTotal: (n) => `共 ${n} 行有问题` }}
          onRow={() => ({ 'data-testid': 'import-problem' }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: '行号', dataIndex: 'row', width: 70, render: (r: number) => <Typography.Text strong>第 {r} 行</Typography.Text> },
            { title: '姓名', dataIndex: 'name', width: 100, render: (n: string | null) => n ?? '—' },
            {
              title: '问题',
              dataIndex: 'messages',
              render: (m: string[]) => (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {m.map((x, i) => (
                    <li key={i}>{x}</li>
                  ))}
                </ul>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
