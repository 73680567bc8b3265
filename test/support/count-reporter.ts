import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Prints the closing `N passed, N failed` line CI reads, so a run that executed nothing is visible.
 * A file or suite that failed outside any test (import error, failing beforeAll) counts as a failure,
 * and so does every unhandled error (a rejection nobody awaited), which fails the run as well.
 * Each failure is named, with the first line of its error, just above that line, so that the end
 * of a long log says what failed.
 */
export default class CountReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0;
    let skipped = 0;
    const failures: string[] = [];
    const name = (where: string, errors: ReadonlyArray<SerializedError>) =>
      failures.push(`失败: ${where} — ${firstLine(errors[0])}`);
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const r = t.result();
        if (r.state === 'passed') passed++;
        else if (r.state === 'failed') name(`${m.moduleId.replace(`${process.cwd()}/`, '')} > ${t.fullName}`, r.errors ?? []);
        else skipped++;
      }
      for (const e of m.errors()) name(m.moduleId, [e]);
      for (const suite of m.children.allSuites()) for (const e of suite.errors()) name(`${m.moduleId} > ${suite.fullName}`, [e]);
    }
    for (const e of unhandledErrors) name('未处理的错误', [e]);
    const list = failures.length ? `\n${failures.join('\n')}\n` : '';
    process.stdout.write(`${list}\n${passed} passed, ${failures.length} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}

function firstLine(e: SerializedError | undefined): string {
  const text = e ? `${e.name ?? 'Error'}: ${e.message ?? ''}` : '未知错误';
  return text.split('\n')[0]!.slice(0, 300);
}
