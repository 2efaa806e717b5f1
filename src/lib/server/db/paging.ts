// One page of a sorted list: the chosen column, then the id so equal values keep one order
// from page to page.
export function pageArgs<Sort extends string>(input: { sort: Sort; direction: 'asc' | 'desc'; page: number; pageSize: number }) {
	return {
		orderBy: [{ [input.sort]: input.direction } as Record<Sort, 'asc' | 'desc'>, { id: 'asc' as const }],
		skip: (input.page - 1) * input.pageSize,
		take: input.pageSize
	};
}
