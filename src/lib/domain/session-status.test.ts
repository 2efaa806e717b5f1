import { describe, expect, it } from 'vitest';
import { nextSessionStatus } from './session-status';

describe('session status', () => {
	it('takes a sent session through acceptance, confirmation and its record', () => {
		expect(nextSessionStatus('draft', 'send')).toBe('planned');
		expect(nextSessionStatus('planned', 'accept')).toBe('accepted');
		expect(nextSessionStatus('accepted', 'confirm')).toBe('confirmed');
		expect(nextSessionStatus('confirmed', 'recordHeld')).toBe('held');
	});

	it('refuses actions that do not fit: a school cannot confirm what nobody accepted, nothing revives a cancelled session', () => {
		expect(nextSessionStatus('planned', 'confirm')).toBeNull();
		for (const action of ['send', 'accept', 'confirm', 'move', 'recordHeld'] as const)
			expect(nextSessionStatus('cancelled', action)).toBeNull();
		expect(nextSessionStatus('held', 'cancel')).toBeNull();
	});

	it('asks again after a move: an accepted or confirmed session that moves is planned once more', () => {
		expect(nextSessionStatus('accepted', 'move')).toBe('planned');
		expect(nextSessionStatus('confirmed', 'move')).toBe('planned');
		expect(nextSessionStatus('held', 'move')).toBeNull();
	});
});
