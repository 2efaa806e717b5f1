// Pure shaping of board data for display: lanes of need cards, rows for a virtual list,
// and the volunteer pool's filters. No Svelte, no I/O, so it is tested directly.

export type LaneKey = 'school' | 'district' | 'kind' | 'topic';

/** Board data by id, for the lookups every card and rule makes. */
export function byId<T extends { id: string }>(items: readonly T[]): ReadonlyMap<string, T> {
	return new Map(items.map((item) => [item.id, item]));
}

export interface BoardDemand {
	id: string;
	title: string;
	kind: string;
	topic: string;
	mode: string;
	seats: number;
	priority: number;
	language: string | null;
	windowFrom: Date;
	windowTo: Date;
	/** Sessions the need wants (a mentoring series has several), each on a day of its own. */
	sessionCount: number;
	audienceSize: number;
	org: { id: string; name: string; districtId: string | null; rural: boolean };
}

export interface BoardVolunteer {
	id: string;
	name: string;
	nameInitials?: string;
	category: string;
	offersOnline: boolean;
	offersOffline: boolean;
	homeDistrictId: string;
	maxTravelMinutes: number;
	monthlyCapacity: number;
	/** Needs schools booked this volunteer for in the round (约课), which take capacity off the board. */
	booked?: number;
	topics: string[];
	languages: string[];
}

export interface Lane {
	key: string;
	label: string;
	demands: BoardDemand[];
}

export function laneKeyOf(demand: BoardDemand, by: LaneKey): string {
	switch (by) {
		case 'school':
			return demand.org.id;
		case 'district':
			return demand.org.districtId ?? '';
		case 'kind':
			return demand.kind;
		case 'topic':
			return demand.topic;
	}
}

/** Needs grouped into lanes, lanes ordered by label, cards kept in their given order. */
export function groupIntoLanes(demands: readonly BoardDemand[], by: LaneKey, labelOf: (key: string) => string): Lane[] {
	const lanes = new Map<string, Lane>();
	for (const d of demands) {
		const key = laneKeyOf(d, by);
		let lane = lanes.get(key);
		if (!lane) {
			lane = { key, label: labelOf(key), demands: [] };
			lanes.set(key, lane);
		}
		lane.demands.push(d);
	}
	return [...lanes.values()].sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}

export type BoardRow = { kind: 'lane'; key: string; label: string; count: number } | { kind: 'cards'; key: string; demands: BoardDemand[] };

/** Lanes flattened into fixed-width rows, so only the visible rows need rendering. */
export function toRows(lanes: readonly Lane[], columns: number): BoardRow[] {
	const rows: BoardRow[] = [];
	const perRow = Math.max(1, columns);
	for (const lane of lanes) {
		rows.push({ kind: 'lane', key: `lane:${lane.key}`, label: lane.label, count: lane.demands.length });
		for (let i = 0; i < lane.demands.length; i += perRow) {
			rows.push({ kind: 'cards', key: `cards:${lane.key}:${i}`, demands: lane.demands.slice(i, i + perRow) });
		}
	}
	return rows;
}

export interface PoolFilter {
	text: string;
	topic: string | null;
	districtId: string | null;
	onlineOnly: boolean;
	/** Only volunteers with spare capacity. */
	hasCapacity: boolean;
}

export const EMPTY_POOL_FILTER: PoolFilter = { text: '', topic: null, districtId: null, onlineOnly: false, hasCapacity: false };

export function filterPool(
	volunteers: readonly BoardVolunteer[],
	filter: PoolFilter,
	loadOf: (volunteerId: string) => number,
	capacityOf: (v: BoardVolunteer) => number,
	topicLabel: (code: string) => string = (c) => c
): BoardVolunteer[] {
	const text = filter.text.trim().toLowerCase();
	return volunteers.filter(
		(v) =>
			(!text ||
				v.name.includes(text) ||
				(v.nameInitials ?? '').startsWith(text) ||
				v.topics.some((t) => t.includes(text) || topicLabel(t).includes(text))) &&
			(!filter.topic || v.topics.includes(filter.topic)) &&
			(!filter.districtId || v.homeDistrictId === filter.districtId) &&
			(!filter.onlineOnly || v.offersOnline) &&
			(!filter.hasCapacity || loadOf(v.id) < capacityOf(v))
	);
}
