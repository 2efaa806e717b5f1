// Ends a test run with one plain line, "N passed, N failed, N skipped", that any CI
// reads the same way whatever the runner.
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
	onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
		let passed = 0;
		let failed = 0;
		let skipped = 0;
		for (const module of testModules) {
			for (const test of module.children.allTests()) {
				const state = test.result().state;
				if (state === 'passed') passed++;
				else if (state === 'failed') failed++;
				else skipped++;
			}
			// A file that failed to load counts as a failure even though it ran no test.
			if (module.state() === 'failed' && ![...module.children.allTests()].some((t) => t.result().state === 'failed')) failed++;
		}
		process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
	}
}
