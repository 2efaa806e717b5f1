// What the centre, the bell and the emails say for each kind of notification, in both languages.
import { describe, expect, it } from 'vitest';
import { toView } from './render';

const row = (kind: string, payload: Record<string, unknown>) => ({
	id: 'n1',
	kind,
	payload: JSON.stringify(payload),
	readAt: null,
	createdAt: new Date('2027-03-01T00:00:00Z')
});

describe('notification messages', () => {
	it('tells a veteran their offering was approved, with a link to their offerings', () => {
		const n = row('offering.approved', { href: '/me/offerings', title: '红色家书里的家国情怀', note: '' });
		expect(toView(n, 'zh')).toMatchObject({ text: '您的课程「红色家书里的家国情怀」已通过审核，已上架资源菜单', href: '/me/offerings' });
		expect(toView(n, 'en').text).toBe('Your offering “红色家书里的家国情怀” was approved and is now on the menu');
	});

	it('tells a veteran their offering was not approved, with the reviewer’s note', () => {
		const n = row('offering.rejected', { href: '/me/offerings', title: '考试减压工作坊', note: '请补充课程简介' });
		expect(toView(n, 'zh')).toMatchObject({
			text: '您的课程「考试减压工作坊」未通过审核（审核意见：请补充课程简介）',
			href: '/me/offerings'
		});
		expect(toView(n, 'en').text).toBe('Your offering “考试减压工作坊” was not approved (Reviewer’s note: 请补充课程简介)');
	});

	it('tells coordinators a school booked an offering, linking to the round’s board', () => {
		const n = row('booking.new', {
			href: '/board/r1',
			demandTitle: '红色家书里的家国情怀',
			schoolName: '东湖实验小学',
			volunteerName: '李秀兰'
		});
		expect(toView(n, 'zh')).toMatchObject({ text: '东湖实验小学 预约了 李秀兰 的「红色家书里的家国情怀」', href: '/board/r1' });
		expect(toView(n, 'en').text).toBe('东湖实验小学 booked 李秀兰’s “红色家书里的家国情怀”');
	});

	it('says a booking’s invitation has no date yet rather than printing an empty one', () => {
		const n = row('invitation.new', {
			href: '/me/invitations/a1',
			demandTitle: '红色家书里的家国情怀',
			schoolName: '东湖实验小学',
			firstStartsAt: null
		});
		expect(toView(n, 'zh').text).toBe('新的邀请：东湖实验小学「红色家书里的家国情怀」，日期待排定');
		expect(toView(n, 'en').text).toBe('New invitation: 红色家书里的家国情怀 at 东湖实验小学, date to be scheduled');
		const dated = row('invitation.new', {
			demandTitle: '法治教育进课堂',
			schoolName: '东湖实验小学',
			firstStartsAt: '2027-03-10T01:00:00.000Z'
		});
		expect(toView(dated, 'zh').text).toContain('09:00');
	});

	it('never links outside the app', () => {
		expect(toView(row('booking.new', { href: 'https://evil.example/' }), 'zh').href).toBeNull();
		expect(toView(row('booking.new', { href: '//evil.example/' }), 'zh').href).toBeNull();
	});
});
