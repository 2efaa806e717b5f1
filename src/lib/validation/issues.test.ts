import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { localizeIssues } from './issues';

describe('localized field errors', () => {
	const schema = z.object({ title: z.string().min(4), audience: z.array(z.string()).min(1, { error: () => '请至少选择一类对象' }) });
	const issues = schema.safeParse({ title: 'a', audience: [] }).error!.issues;

	it("translates zod's defaults and keeps a schema's own messages", () => {
		expect(localizeIssues(issues, 'zh')).toEqual([
			{ path: 'title', message: expect.stringContaining('过小') },
			{ path: 'audience', message: '请至少选择一类对象' }
		]);
		expect(localizeIssues(issues, 'en')[0]).toEqual({ path: 'title', message: expect.stringContaining('Too small') });
	});
});
