import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { PhotoPicker } from './photo-picker';
import type { DraftPhoto } from './report-draft';
import { useAct } from './work-api';
import { Button, Card, Notice, TextArea, colors } from './work-ui';

/** 现场核查: the worker checks on site whether the matter was really dealt with (Art. 21). */
export function VerifyForm({ matterId }: { matterId: string }) {
  const act = useAct(matterId);
  const [passed, setPassed] = useState<boolean | null>(null);
  const [reason, setReason] = useState('');
  const [photos, setPhotos] = useState<DraftPhoto[]>([]);
  const [uploading, setUploading] = useState(0);
  const ready = passed !== null && reason.trim().length >= 2 && uploading === 0;

  return (
    <Card title="现场核查" testId="verify-form">
      <div style={{ fontSize: 15, color: colors.muted, marginBottom: 8 }}>到现场查看办理结果是否属实</div>
      <div style={{ display: 'flex', gap: 8, marginBottom: 12 }}>
        <Button pressed={passed === true} onClick={() => setPassed(true)} style={{ flex: 1 }} testId="verify-passed">
          核查通过
        </Button>
        <Button pressed={passed === false} onClick={() => setPassed(false)} style={{ flex: 1 }} testId="verify-failed">
          未通过
        </Button>
      </div>
      <TextArea label="核查情况" value={reason} onChange={setReason} placeholder="如：现场查看，井盖已更换牢固" rows={3} testId="verify-reason" />
      <PhotoPicker
        photos={photos}
        onAdd={(p) => setPhotos((all) => [...all, p])}
        onRemove={(id) => setPhotos((all) => all.filter((x) => x.id !== id))}
        onPendingChange={setUploading}
        label="拍摄核查照片"
        testId="verify-photos"
      />
      {act.isError && <div style={{ marginTop: 12 }}><Notice tone="error">{errorMessage(act.error)}</Notice></div>}
      <Button
        kind="primary"
        disabled={!ready || act.isPending}
        onClick={() => act.mutate({ action: 'verify', passed: passed!, reason: reason.trim(), photoKeys: photos.map((p) => p.id) })}
        style={{ width: '100%', marginTop: 12 }}
        testId="verify-submit"
      >
        {act.isPending ? '正在提交…' : '提交核查结果'}
      </Button>
    </Card>
  );
}
