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
