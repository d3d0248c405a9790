// A jest reporter for CI: appends a line as each test file and test starts and ends, written
// synchronously, so that when a run hangs the watchdog in .ci/run can say which test it was in.
import { appendFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export default class ProgressReporter {
  constructor(globalConfig) {
    this.root = globalConfig.rootDir;
    // One log per run (.ci/run runs jest twice): PROGRESS_LOG names it.
    this.file = process.env.PROGRESS_LOG || join(this.root, '.tmp', 'progress.log');
  }
  log(line) {
    appendFileSync(this.file, `${new Date().toISOString()} ${line}\n`);
  }
  onTestFileStart(test) {
    this.log(`file start ${relative(this.root, test.path)}`);
  }
  onTestCaseStart(test, info) {
    this.log(`  test start ${info.fullName}`);
  }
  onTestCaseResult(test, result) {
    this.log(`  test ${result.status} ${result.fullName} (${result.duration ?? 0} ms)`);
  }
  onTestFileResult(test, result) {
    this.log(`file end ${relative(this.root, test.path)}${result.testExecError ? ` error: ${result.testExecError.message}` : ''}`);
  }
}
