/**
 * 网格人员 Excel 导入 — for the staff list page (web/features/staff/), mounted through its
 * StaffImportSlot: `<StaffImportButton />` shows itself only to county and street centres (who
 * may import) and opens the dialog; `onImported` runs after a successful import (the staff
 * queries are invalidated here already). The export buttons are in ./staff-export-button.tsx.
 *
 * The dialog: download the template → upload a filled .xlsx → the server checks every row (dry run,
 * nothing written) with a progress bar → the row report → 确认导入, enabled only after a clean dry
 * run → progress to done. Everything is one import job on the server (GET /api/staff/imports/{id}).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Modal, Progress, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { useCan, useMe } from '../auth/auth-api';
import { ImportReport } from './import-report';
import { commitImport, downloadXlsx, importJob, isRunning, MAX_UPLOAD_BYTES, uploadStaffFile, type ImportJob } from './staff-import-api';

const IMPORTERS = new Set(['county_centre', 'street_centre']);

export function StaffImportButton({ onImported }: { onImported?: () => void }) {
  const me = useMe().data;
  const canManage = useCan('staff.manage');
  const [open, setOpen] = useState(false);
  if (!canManage || !me || !IMPORTERS.has(me.role)) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="staff-import-button">
        Excel 导入
      </Button>
      {open && <StaffImportDialog onClose={() => setOpen(false)} onImported={onImported} />}
    </>
  );
}

function progressText(job: ImportJob): string {
  const label = job.phaseLabel ?? job.statusLabel;
  if (job.rows > 0) return `${label}：${job.processed.toLocaleString('zh-CN')} / ${job.rows.toLocaleString('zh-CN')} 行`;
  if (job.processed > 0) return `${label}：已读取 ${job.processed.toLocaleString('zh-CN')} 行`;
  return `${label}…`;
}

export function StaffImportDialog({ onClose, onImported }: { onClose: () => void; onImported?: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [jobId, setJobId] = useState<string>();
  const [uploading, setUploading] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const [templateBusy, setTemplateBusy] = useState(false);

  const key = ['staff-import', jobId];
  const job = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => importJob(jobId!, signal),
    enabled: !!jobId,
    staleTime: 0,
    refetchInterval: (q) => (isRunning(q.state.data) ? 500 : false),
  }).data;

  const commit = useMutation({
    mutationFn: () => commitImport(jobId!),
    onSuccess: (j) => qc.setQueryData(['staff-import', j.id], j),
  });

  const doneId = job?.status === 'done' ? job.id : null;
  useEffect(() => {
    if (!doneId) return;
    void qc.invalidateQueries({ queryKey: ['staff'] });
    onImported?.();
    // once per finished job
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doneId]);

  async function start(file: File) {
    setUploadError(null);
    commit.reset();
    if (file.size > MAX_UPLOAD_BYTES) {
      setUploadError(new Error(`文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB 的上限，请删除多余的工作表或分成几个文件上传`));
      return;
    }
    setUploading(file.name);
    try {
      const j = await uploadStaffFile(file);
      qc.setQueryData(['staff-import', j.id], j);
      setJobId(j.id);
    } catch (e) {
      setUploadError(e);
      setJobId(undefined);
    } finally {
      setUploading(null);
    }
  }

  async function template() {
    setTemplateBusy(true);
    try {
      message.success(`已下载 ${await downloadXlsx('/api/staff/import/template.xlsx', undefined, '网格人员导入模板.xlsx')}`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setTemplateBusy(false);
    }
  }

  const running = !!uploading || isRunning(job);
  const done = job?.status === 'done';
  return (
    <Modal
      open
      title="Excel 导入网格人员"
      width={880}
      onCancel={onClose}
      maskClosable={!running}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={template} loading={templateBusy}>
            下载导入模板
          </Button>
          {!done && (
            <Button type="primary" disabled={!job?.canImport || running || commit.isPending} loading={commit.isPending} onClick={() => commit.mutate()} data-testid="import-commit">
              确认导入{job?.canImport && job.report?.summary ? `（${job.report.summary.persons} 人）` : ''}
            </Button>
          )}
          <Button onClick={onClose}>{done ? '完成' : '关闭'}</Button>
        </Space>
      }
    >
      <div data-testid="import-dialog">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          按模板填写（每行一名人员的一项任职），上传后平台先逐行检查、不写入任何数据；全部通过后点「确认导入」，一次性全部写入。
          文件不超过 20 MB。
        </Typography.Paragraph>
        {!running && !done && (
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            beforeUpload={(file) => {
              void start(file);
              return false;
            }}
            style={{ marginBottom: 12 }}
            data-testid="import-upload"
          >
            <p style={{ fontSize: 16, margin: '8px 0' }}>{job ? '修改后重新选择文件' : '点击或拖入填写好的 Excel（.xlsx）文件'}</p>
            <p style={{ color: '#888', margin: 0 }}>{job ? `上次：${job.fileName}` : '请使用「下载导入模板」得到的表格'}</p>
          </Upload.Dragger>
        )}
        {uploading && (
          <div data-testid="import-progress" style={{ marginBottom: 12 }}>
            <Typography.Text>正在上传 {uploading}…</Typography.Text>
            <Progress percent={0} status="active" showInfo={false} />
          </div>
        )}
        {job && isRunning(job) && (
          <div data-testid="import-progress" style={{ marginBottom: 12 }}>
            <Typography.Text>{progressText(job)}</Typography.Text>
            <Progress percent={job.percent} status="active" />
            {job.status === 'importing' && <Typography.Text type="secondary">正在写入，请勿重复提交；关闭窗口不影响导入。</Typography.Text>}
          </div>
        )}
        <ErrorAlert error={uploadError} style={{ marginBottom: 12 }} />
        <ErrorAlert error={commit.error} style={{ marginBottom: 12 }} />
        {job && !isRunning(job) && <ImportReport job={job} />}
      </div>
    </Modal>
  );
}
