// One colour per kind of session, readable with white text, the same in every view.
export const KIND_COLOURS: Record<string, string> = {
	lecture: '#1d4ed8',
	mentoring: '#0f766e',
	alumni_visit: '#7c3aed',
	principal_to_countryside: '#b45309',
	craftsman_visit: '#be123c',
	tutoring: '#15803d',
	parent_school: '#4338ca'
};
export const kindColour = (kind: string) => KIND_COLOURS[kind] ?? '#475569';
