import type { CSSProperties, ReactNode } from 'react';
import { Link } from 'react-router';

/*
 * The few building blocks of the worker's phone pages: plain elements with inline styles, so the
 * pages pull in no desk components and stay small on a weak connection. Every target is ≥ 44 px.
 */

export const colors = { primary: '#c8102e', text: '#222', muted: '#666', faint: '#999', line: '#eee', bg: '#f3f4f6', error: '#a8071a', ok: '#389e0d', yellow: '#d48806', red: '#cf1322' };

export function Shell({ title, back, children }: { title: string; back?: string; children: ReactNode }) {
  return (
    <div style={{ background: colors.bg, minHeight: 'calc(100vh - 64px)', padding: 12, boxSizing: 'border-box' }}>
      <div style={{ maxWidth: 520, margin: '0 auto' }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 12, minHeight: 44 }}>
          {back && (
            <Link to={back} aria-label="返回" style={{ ...touch, width: 44, justifyContent: 'center', fontSize: 24, color: colors.text, textDecoration: 'none' }}>
              ‹
            </Link>
          )}
          <h1 style={{ fontSize: 22, margin: 0, flex: 1, minWidth: 0 }}>{title}</h1>
        </div>
        {children}
      </div>
    </div>
  );
}

const touch: CSSProperties = { display: 'flex', alignItems: 'center', minHeight: 44, boxSizing: 'border-box' };

export const card: CSSProperties = { background: '#fff', borderRadius: 12, padding: 16, marginBottom: 12, boxShadow: '0 1px 3px rgba(0,0,0,0.08)' };

export function Card({ title, children, testId, extra }: { title?: string; children: ReactNode; testId?: string; extra?: ReactNode }) {
  return (
    <section style={card} data-testid={testId}>
      {title && (
        <div style={{ display: 'flex', alignItems: 'center', marginBottom: 8 }}>
          <h2 style={{ fontSize: 18, margin: 0, flex: 1 }}>{title}</h2>
          {extra}
        </div>
      )}
      {children}
    </section>
  );
}

type ButtonProps = { children: ReactNode; onClick?: () => void; disabled?: boolean; kind?: 'primary' | 'default' | 'danger'; type?: 'button' | 'submit'; testId?: string; style?: CSSProperties; pressed?: boolean };

export function Button({ children, onClick, disabled, kind = 'default', type = 'button', testId, style, pressed }: ButtonProps) {
  const primary = kind === 'primary' || pressed;
  const base: CSSProperties = {
    minHeight: 48,
    padding: '10px 16px',
    fontSize: 17,
    borderRadius: 10,
    border: primary ? 'none' : `1px solid ${kind === 'danger' ? colors.red : '#ccc'}`,
    background: primary ? colors.primary : '#fff',
    color: primary ? '#fff' : kind === 'danger' ? colors.red : colors.text,
    fontWeight: primary ? 600 : 400,
    opacity: disabled ? 0.5 : 1,
    cursor: disabled ? 'not-allowed' : 'pointer',
    boxSizing: 'border-box',
    ...style,
  };
  return (
    <button type={type} onClick={onClick} disabled={disabled} style={base} data-testid={testId} aria-pressed={pressed}>
      {children}
    </button>
  );
}

export const inputStyle: CSSProperties = { width: '100%', boxSizing: 'border-box', minHeight: 48, fontSize: 17, padding: '10px 12px', border: '1px solid #ccc', borderRadius: 8, fontFamily: 'inherit' };

export function Field({ label, children, hint }: { label: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <label style={{ display: 'block', marginBottom: 12 }}>
      <div style={{ fontSize: 15, color: colors.muted, marginBottom: 6 }}>{label}</div>
      {children}
      {hint && <div style={{ fontSize: 13, color: colors.faint, marginTop: 4 }}>{hint}</div>}
    </label>
  );
}

export function TextArea({ label, value, onChange, placeholder, rows = 4, testId }: { label: string; value: string; onChange: (v: string) => void; placeholder?: string; rows?: number; testId?: string }) {
  return (
    <Field label={label}>
      <textarea value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} rows={rows} style={{ ...inputStyle, resize: 'vertical' }} data-testid={testId} />
    </Field>
  );
}

export function Notice({ tone, children, testId }: { tone: 'error' | 'warn' | 'ok' | 'info'; children: ReactNode; testId?: string }) {
  const c = { error: ['#fff1f0', colors.error], warn: ['#fffbe6', '#874d00'], ok: ['#f6ffed', '#135200'], info: ['#e6f4ff', '#003a8c'] }[tone];
  return (
    <div role={tone === 'error' ? 'alert' : 'status'} data-testid={testId} style={{ background: c[0], color: c[1], borderRadius: 8, padding: '10px 12px', fontSize: 16, marginBottom: 12 }}>
      {children}
    </div>
  );
}

/** The deadline light: 黄灯 near the deadline, 红灯 past it. */
export function DeadlineMark({ mark }: { mark: null | 'yellow' | 'red' }) {
  if (!mark) return null;
  return (
    <span data-testid={`mark-${mark}`} style={{ display: 'inline-block', padding: '2px 8px', borderRadius: 999, fontSize: 13, color: '#fff', background: mark === 'red' ? colors.red : colors.yellow, marginLeft: 6, whiteSpace: 'nowrap' }}>
      {mark === 'red' ? '红灯 超期' : '黄灯 临期'}
    </span>
  );
}

export const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }) : '';

export function Muted({ children }: { children: ReactNode }) {
  return <div style={{ fontSize: 14, color: colors.muted, marginTop: 4 }}>{children}</div>;
}
