import { Alert, Space } from 'antd';
import type { ValidationReport } from '../../../common/schemas/grids';

/** Errors (red) block the change; warnings (orange) are shown but allow it. */
export function ValidationReportView({ report }: { report: ValidationReport }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="validation-report">
      {report.ok && report.errors.length === 0 && (
        <Alert type="success" showIcon title={report.warnings.length ? '校验通过（有提示，请确认）' : '校验通过'} />
      )}
      {report.errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={`${report.errors.length} 个错误，须修改后才能提交`}
          description={<IssueList items={report.errors} color="#cf1322" />}
          data-testid="validation-errors"
        />
      )}
      {report.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`${report.warnings.length} 个提示`}
          description={<IssueList items={report.warnings} color="#d46b08" />}
          data-testid="validation-warnings"
        />
      )}
    </Space>
  );
}

function IssueList({ items, color }: { items: { code: string; message: string }[]; color: string }) {
  return (
    <ul style={{ margin: 0, paddingLeft: 18, color }}>
      {items.map((i, n) => (
        <li key={n}>{i.message}</li>
      ))}
    </ul>
  );
}
