import { describe, expect, it } from 'vitest';
import { ancestorIds, buildOrgTree, visibleForQuery } from './tree';

const org = (id: string, parentId: string | null, name: string, initials: string) => ({ id, parentId, name, initials, active: true });
const orgs = [
	org('d', 'city-not-visible', '东湖区关工委', 'dhqggw'),
	org('s1', 'd', '东湖实验小学', 'dhsyxx'),
	org('v1', 's1', '柳村关工小组', 'lcggxz'),
	org('s2', 'd', '东湖第二中学', 'dhdezx')
];

describe('organisation tree for display', () => {
	it('nests children and makes an org whose parent is out of view a root', () => {
		const roots = buildOrgTree(orgs);
		expect(roots.map((r) => r.org.id)).toEqual(['d']);
		expect(roots[0].children.map((c) => c.org.id)).toEqual(['s1', 's2']);
		expect(roots[0].children[0].children[0]).toMatchObject({ depth: 2, org: { id: 'v1' } });
	});

	it('finds by Chinese name or pinyin initials and keeps the ancestors for context', () => {
		expect(ancestorIds(orgs, 'v1')).toEqual(['v1', 's1', 'd']);
		expect([...visibleForQuery(orgs, '柳村')!].sort()).toEqual(['d', 's1', 'v1']);
		expect([...visibleForQuery(orgs, 'DHDE')!].sort()).toEqual(['d', 's2']);
		expect(visibleForQuery(orgs, '  ')).toBeNull();
		expect(visibleForQuery(orgs, 'zzz')!.size).toBe(0);
	});
});
