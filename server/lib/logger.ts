import pino from 'pino';

/**
 * Personal data never reaches the log: request bodies are not logged, and any field that could
 * hold it is redacted should it appear in a logged object.
 */
export const redactPaths = [
  'password',
  '*.password',
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.idNumber',
  '*.phone',
  '*.address',
  'body',
  '*.body',
];

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info') {
  return pino({ level, redact: { paths: redactPaths, censor: '[已屏蔽]' } });
}
export type Logger = ReturnType<typeof createLogger>;
