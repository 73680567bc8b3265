import { Upload, type UploadFile } from 'antd';
import { errorMessage } from '../../api/client';
import { mattersApi } from './matters-api';

/** Photos uploaded one by one (each re-encoded by the server); the ids of those done go with the action. */
export function PhotoUpload({ files, onChange, max = 9, testId = 'photo-upload' }: { files: UploadFile[]; onChange: (f: UploadFile[]) => void; max?: number; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Upload
        listType="picture-card"
        accept="image/jpeg,image/png,image/webp,image/avif"
        multiple
        fileList={files}
        onChange={({ fileList }) => onChange(fileList)}
        customRequest={({ file, onSuccess, onError }) => {
          mattersApi
            .uploadPhoto(file as Blob, (file as File).name)
            .then((r) => onSuccess?.(r))
            .catch((e) => {
              const err = new Error(errorMessage(e));
              onError?.(err);
            });
        }}
      >
        {files.length < max && (
          <div>
            <div style={{ fontSize: 20, lineHeight: 1 }}>＋</div>
            <div style={{ marginTop: 4 }}>添加照片</div>
          </div>
        )}
      </Upload>
    </div>
  );
}
export const uploadedIds = (files: UploadFile[]) => files.filter((f) => f.status === 'done' && f.response?.id).map((f) => f.response.id as string);
export const uploading = (files: UploadFile[]) => files.some((f) => f.status === 'uploading');
