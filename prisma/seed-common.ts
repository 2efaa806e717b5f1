// What the demo seed modules share: the term's dates, the topics' weights and the surnames
// (veterans and mentored pupils), and the seeded generator every module draws from in turn.
import type { Topic } from '../src/lib/domain/vocabulary';
import type { seededRandom } from '../src/lib/domain/random';

/** One generator for the whole seed: modules draw from it in a fixed order, so the demo is the same every time. */
export type Random = ReturnType<typeof seededRandom>;

export const DAY = 86_400_000;
export const dateUtc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
export const TERM_FROM = dateUtc(2027, 2, 22);
export const TERM_TO = dateUtc(2027, 7, 9);

export const SURNAMES = '王李张刘陈杨黄赵周吴徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢';

export const TOPIC_WEIGHTS: readonly (readonly [Topic, number])[] = [
	['legal', 16],
	['history', 15],
	['mental_health', 12],
	['family', 12],
	['reading', 9],
	['ideology', 8],
	['culture', 8],
	['science', 7],
	['labour', 5],
	['arts', 4],
	['sports', 2],
	['career', 2]
];
