import { describe, expect, it } from 'vitest';
import { REDACTED_VALUE, diffSnapshots, nameReferences, referencedUserIds } from './diff';

describe('audit diffs', () => {
	it('lists only the changed fields, leaving out bookkeeping', () => {
		const before = JSON.stringify({
			id: 'o1',
			name: '东湖第二中学',
			rural: false,
			rooms: 1,
			updatedAt: '2026-01-01T00:00:00.000Z',
			path: '/a/'
		});
		const after = JSON.stringify({
			id: 'o1',
			name: '东湖第二中学',
			rural: true,
			rooms: 3,
			updatedAt: '2026-02-01T00:00:00.000Z',
			path: '/a/'
		});
		expect(diffSnapshots(before, after)).toEqual([
			{ field: 'rural', before: false, after: true },
			{ field: 'rooms', before: 1, after: 3 }
		]);
	});

	it('shows a creation as every field from empty and a deletion as every field to empty', () => {
		expect(diffSnapshots(null, JSON.stringify({ id: 'x', label: '五一假期', kind: 'holiday' }))).toEqual([
			{ field: 'label', before: null, after: '五一假期' },
			{ field: 'kind', before: null, after: 'holiday' }
		]);
		expect(diffSnapshots(JSON.stringify({ label: '五一假期' }), null)).toEqual([{ field: 'label', before: '五一假期', after: null }]);
	});

	it('flattens nested objects, compares arrays whole and copes with odd snapshots', () => {
		expect(
			diffSnapshots(
				JSON.stringify({ pupil: { grade: '四年级' }, topics: ['legal'] }),
				JSON.stringify({ pupil: { grade: '五年级' }, topics: ['legal'] })
			)
		).toEqual([{ field: 'pupil.grade', before: '四年级', after: '五年级' }]);
		expect(diffSnapshots('not json', '"plain"')).toEqual([{ field: 'value', before: 'not json', after: 'plain' }]);
	});

	it('never shows pupils’ real names or contacts, only that they changed', () => {
		const changes = diffSnapshots(
			JSON.stringify({ pupil: { realName: '王某某', contact: '13800000000', pseudonym: '小雨' } }),
			JSON.stringify({ pupil: { realName: '王某', contact: '13800000000', pseudonym: '小雨' } })
		);
		expect(changes).toEqual([{ field: 'pupil.realName', before: REDACTED_VALUE, after: REDACTED_VALUE }]);
		expect(JSON.stringify(changes)).not.toMatch(/王某|1380/);
	});

	it('names referenced organisations and people', () => {
		const changes = diffSnapshots(
			JSON.stringify({ userId: 'u1', orgId: 'o1', active: true }),
			JSON.stringify({ userId: 'u1', orgId: 'o2', active: false, decidedById: 'u2' })
		);
		expect(referencedUserIds(changes)).toEqual(['u2']);
		expect(
			nameReferences(
				changes,
				new Map([
					['o1', '东湖区'],
					['o2', '西山区']
				]),
				new Map([['u2', '张协调']])
			)
		).toEqual([
			{ field: 'orgId', before: '东湖区', after: '西山区' },
			{ field: 'active', before: true, after: false },
			{ field: 'decidedById', before: null, after: '张协调' }
		]);
	});
});
