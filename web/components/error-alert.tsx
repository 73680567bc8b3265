import { Alert } from 'antd';
import { ApiError, errorMessage } from '../api/client';

/** A server error in Chinese, with its details (each geometry issue, overlapping grid…) listed. */
export function ErrorAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  if (!error) return null;
  const details = error instanceof ApiError ? error.details : [];
  return (
    <Alert
      type="error"
      showIcon
      style={style}
      title={errorMessage(error)}
      description={
        details.length > 0 ? (
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {details.map((d, i) => (
              <li key={i}>{d.message}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

/**
 * A background refresh that failed while the page still holds what it loaded before: the page
 * stays (and any dialog open on it keeps what was typed), with a note of what went wrong.
 */
export function RefreshAlert({ error, style }: { error: unknown; style?: React.CSSProperties }) {
  if (!error) return null;
  return <Alert type="warning" showIcon style={{ marginBottom: 12, ...style }} title={`刷新失败：${errorMessage(error)}。下面是之前加载的内容。`} />;
}
