import type { FastifyInstance } from 'fastify';
import { AppError } from '../../common/app-error';
import { textProblem } from '../../common/domain/text';

const partNames = { params: '路径', query: '查询参数', body: '请求内容' } as const;

/** The first unacceptable string in a parsed value (keys included), with where it sits. */
function findBadText(v: unknown, where: string, depth = 0): { where: string; problem: string } | null {
  if (typeof v === 'string') {
    const p = textProblem(v);
    return p ? { where, problem: p } : null;
  }
  if (v === null || typeof v !== 'object' || depth > 64) return null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = findBadText(v[i], `${where}[${i}]`, depth + 1);
      if (r) return r;
    }
    return null;
  }
  for (const [k, x] of Object.entries(v)) {
    const kp = textProblem(k);
    if (kp) return { where: where ? `${where}中的字段名` : '字段名', problem: kp };
    const r = findBadText(x, where ? `${where}.${k}` : k, depth + 1);
    if (r) return r;
  }
  return null;
}

/**
 * Refuses, before any schema or database sees it, text that PostgreSQL can't store or that hides
 * content (NUL, lone surrogates, control characters) anywhere in the path, the query or the body;
 * and query parameters given twice, which no endpoint expects.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    for (const part of ['params', 'query', 'body'] as const) {
      const value = req[part];
      if (part === 'query' && value && typeof value === 'object') {
        for (const [k, x] of Object.entries(value)) {
          if (Array.isArray(x)) throw new AppError('bad_request', `查询参数 ${k} 只能出现一次`);
        }
      }
      const bad = findBadText(value, '');
      if (bad) throw new AppError('bad_request', `${partNames[part]}${bad.where ? `「${bad.where}」` : ''}${bad.problem}，请删除后重试`);
    }
  });
}
