import { useEffect, useRef, useState, type ReactNode } from 'react';
import { errorMessage } from '../../api/client';
import { thumbnailOf, type DraftPhoto } from './report-draft';
import { isRetryable, uploadPhoto } from './work-api';
import { Button, colors } from './work-ui';

const MAX = 9;

interface Pending {
  key: number;
  file: File;
  thumb: string;
  progress: number;
  error: string | null;
  retryable: boolean;
  abort?: () => void;
}

/**
 * Photos from the camera, each uploaded the moment it is taken (one short request per photo, so a
 * weak connection loses only the one that failed, retried alone): thumbnails, progress, 重试, 删除.
 */
export function PhotoPicker({ photos, onAdd, onRemove, onPendingChange, label = '拍照', testId = 'photos' }: {
  photos: DraftPhoto[];
  onAdd: (p: DraftPhoto) => void;
  onRemove: (id: string) => void;
  onPendingChange?: (n: number) => void;
  label?: string;
  testId?: string;
}) {
  const [pending, setPending] = useState<Pending[]>([]);
  const input = useRef<HTMLInputElement>(null);
  const seq = useRef(0);
  const patch = (key: number, p: Partial<Pending>) => setPending((all) => all.map((x) => (x.key === key ? { ...x, ...p } : x)));

  const start = (item: Pending) => {
    const up = uploadPhoto(item.file, (f) => patch(item.key, { progress: f }));
    patch(item.key, { error: null, progress: 0, abort: up.abort });
    up.promise.then(
      ({ id }) => {
        setPending((all) => all.filter((x) => x.key !== item.key));
        onAdd({ id, thumb: item.thumb });
      },
      (e) => {
        if ((e as { code?: string }).code === 'aborted') return;
        patch(item.key, { error: errorMessage(e), retryable: isRetryable(e) });
      },
    );
  };

  const take = async (files: FileList | null) => {
    const room = MAX - photos.length - pending.length;
    for (const file of Array.from(files ?? []).slice(0, Math.max(0, room))) {
      const item: Pending = { key: ++seq.current, file, thumb: await thumbnailOf(file), progress: 0, error: null, retryable: true };
      setPending((all) => [...all, item]);
      start(item);
    }
    if (input.current) input.current.value = '';
  };

  // When the network returns, the photos that failed for want of it go again by themselves.
  const latest = useRef({ pending, start });
  latest.current = { pending, start };
  useEffect(() => {
    const again = () => latest.current.pending.filter((p) => p.error && p.retryable).forEach(latest.current.start);
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, []);
  useEffect(() => onPendingChange?.(pending.length), [pending.length, onPendingChange]);

  const full = photos.length + pending.length >= MAX;
  return (
    <div data-testid={testId}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8, marginBottom: photos.length + pending.length ? 8 : 0 }}>
        {photos.map((p) => (
          <Tile key={p.id} thumb={p.thumb} testId="photo-done">
            <RemoveButton onClick={() => onRemove(p.id)} />
          </Tile>
        ))}
        {pending.map((p) => (
          <Tile key={p.key} thumb={p.thumb} testId="photo-pending">
            <div style={{ position: 'absolute', inset: 0, background: 'rgba(0,0,0,0.5)', color: '#fff', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'flex-end', fontSize: 14, textAlign: 'center', padding: '0 4px 8px' }}>
              {p.error ? (
                <>
                  <span style={{ fontSize: 13 }}>未上传</span>
                  {p.retryable && (
                    <button type="button" onClick={() => start(p)} style={{ marginTop: 4, minHeight: 44, minWidth: 64, borderRadius: 6, border: 'none', fontSize: 15 }}>
                      重试
                    </button>
                  )}
                </>
              ) : (
                <span>上传中 {Math.round(p.progress * 100)}%</span>
              )}
            </div>
            <RemoveButton
              onClick={() => {
                p.abort?.();
                setPending((all) => all.filter((x) => x.key !== p.key));
              }}
            />
          </Tile>
        ))}
      </div>
      {pending
        .filter((p) => p.error && !p.retryable)
        .map((p) => (
          <div key={p.key} role="alert" style={{ color: colors.error, fontSize: 14, marginBottom: 8 }}>
            有一张照片未能上传：{p.error}
          </div>
        ))}
      <input ref={input} type="file" accept="image/*" capture="environment" onChange={(e) => void take(e.target.files)} style={{ display: 'none' }} data-testid={`${testId}-input`} />
      <Button onClick={() => input.current?.click()} disabled={full} style={{ width: '100%' }}>
        {label}（{photos.length}/{MAX}）
      </Button>
    </div>
  );
}

function Tile({ thumb, children, testId }: { thumb: string; children: ReactNode; testId: string }) {
  return (
    <div data-testid={testId} style={{ position: 'relative', aspectRatio: '1', borderRadius: 8, overflow: 'hidden', background: '#ddd' }}>
      {thumb && <img src={thumb} alt="照片" style={{ width: '100%', height: '100%', objectFit: 'cover', display: 'block' }} />}
      {children}
    </div>
  );
}

function RemoveButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" aria-label="删除照片" onClick={onClick} style={{ position: 'absolute', top: 0, right: 0, width: 44, height: 44, border: 'none', background: 'transparent', padding: 0, cursor: 'pointer' }}>
      <span style={{ display: 'inline-flex', alignItems: 'center', justifyContent: 'center', width: 26, height: 26, borderRadius: 13, background: 'rgba(0,0,0,0.6)', color: '#fff', fontSize: 16 }}>✕</span>
    </button>
  );
}
