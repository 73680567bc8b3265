import { useQuery } from '@tanstack/react-query';
import type { CSSProperties } from 'react';
import { ApiError, api, errorMessage } from '../../api/client';
import type { Assignment, MyWorkId } from './staff-types';

/*
 * The grid worker's own page on the phone: the work ID to show residents (name, validity, expiry and
 * the verification QR code) and the grids they serve. Kept light on purpose (no map, no tables):
 * it is opened outdoors on weak connections.
 */

interface Own {
  staffId: string;
  name: string;
  townshipName: string;
  status: 'active' | 'exited';
  assignments: Assignment[];
}

/** A 404 here is an answer ("not linked yet", "no work ID yet"), not a failure to retry. */
const retry = (n: number, e: unknown) => !(e instanceof ApiError && e.status < 500) && n < 2;

const box: CSSProperties = { background: '#fff', borderRadius: 12, padding: 20, marginBottom: 16, boxShadow: '0 1px 3px rgba(0,0,0,0.08)' };

export function MyWorkPage() {
  const workId = useQuery({ queryKey: ['me', 'work-id'], queryFn: () => api.get<MyWorkId>('/api/me/work-id'), retry, staleTime: 60_000 });
  const own = useQuery({ queryKey: ['me', 'staff'], queryFn: () => api.get<Own>('/api/me/staff'), retry, staleTime: 60_000 });

  return (
    <div style={{ background: '#f3f4f6', minHeight: '100%', padding: 16, boxSizing: 'border-box' }}>
      <div style={{ maxWidth: 480, margin: '0 auto' }}>
        <section style={{ ...box, textAlign: 'center' }} data-testid="my-work-id">
          <div style={{ fontSize: 16, color: '#666', letterSpacing: 2 }}>网格工作证</div>
          {workId.isPending ? (
            <p style={{ fontSize: 18, color: '#888', padding: '48px 0' }}>正在加载…</p>
          ) : workId.isError ? (
            <Problem error={workId.error} name={own.data?.name} />
          ) : (
            <WorkIdCard w={workId.data} />
          )}
        </section>
        <section style={box} data-testid="my-grids">
          <h2 style={{ fontSize: 20, margin: '0 0 12px' }}>我的网格</h2>
          {own.isPending ? (
            <p style={{ color: '#888', fontSize: 16 }}>正在加载…</p>
          ) : own.isError ? (
            <p style={{ color: '#a8071a', fontSize: 16 }}>{errorMessage(own.error)}</p>
          ) : own.data.assignments.length === 0 ? (
            <p style={{ color: '#888', fontSize: 16 }}>当前没有任职的网格</p>
          ) : (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {own.data.assignments.map((a) => (
                <li key={a.id} style={{ padding: '12px 0', borderTop: '1px solid #f0f0f0' }}>
                  <div style={{ fontSize: 18, fontWeight: 600 }}>{a.gridName}</div>
                  <div style={{ fontSize: 15, color: '#555', marginTop: 4 }}>
                    {a.roleLabel} · 编码 {a.gridCode} · 自 {a.validFrom} 起
                  </div>
                </li>
              ))}
            </ul>
          )}
          {own.data && <p style={{ color: '#888', fontSize: 14, margin: '12px 0 0' }}>管理单位：{own.data.townshipName}网格化管理服务中心</p>}
        </section>
      </div>
    </div>
  );
}

function WorkIdCard({ w }: { w: MyWorkId }) {
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(w.qrSvg)}`;
  return (
    <>
      <div style={{ fontSize: 34, fontWeight: 700, margin: '12px 0 8px' }} data-testid="my-name">
        {w.name}
      </div>
      <div
        data-testid="my-validity"
        style={{
          display: 'inline-block',
          fontSize: 20,
          fontWeight: 600,
          padding: '6px 20px',
          borderRadius: 999,
          color: '#fff',
          background: w.valid ? '#389e0d' : '#cf1322',
        }}
      >
        {w.valid ? '有效' : `无效：${w.reason ?? ''}`}
      </div>
      <div style={{ fontSize: 18, margin: '12px 0' }}>有效期至 {w.expiresOn}</div>
      <img src={qr} alt="工作证核验二维码" width={260} height={260} style={{ display: 'block', margin: '0 auto', maxWidth: '100%', height: 'auto', imageRendering: 'pixelated' }} data-testid="my-qr" />
      <p style={{ fontSize: 15, color: '#555', margin: '12px 0 0' }}>请居民扫码核验本人身份</p>
      <p style={{ fontSize: 13, color: '#999', margin: '4px 0 0', wordBreak: 'break-all' }}>{w.verifyUrl}</p>
      <p style={{ fontSize: 13, color: '#999', margin: '4px 0 0' }}>发证日期 {w.issuedOn}</p>
    </>
  );
}

function Problem({ error, name }: { error: unknown; name?: string }) {
  return (
    <div style={{ padding: '24px 0' }}>
      {name && <div style={{ fontSize: 30, fontWeight: 700, marginBottom: 12 }}>{name}</div>}
      <p style={{ fontSize: 18, color: '#a8071a', margin: 0 }}>{errorMessage(error)}</p>
    </div>
  );
}
