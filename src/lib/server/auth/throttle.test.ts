import { describe, expect, it } from 'vitest';
import { addressKey, delayAfter, THROTTLE_POLICIES } from './throttle';

describe('delayAfter', () => {
	it('lets the free failures go, then doubles from one second up to the cap', () => {
		const account = THROTTLE_POLICIES.login_account;
		expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1000].map((n) => delayAfter(account, n))).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 30, 30, 30]);
		const address = THROTTLE_POLICIES.login_address;
		expect([20, 21, 22, 27, 28, 29, 10_000].map((n) => delayAfter(address, n))).toEqual([0, 1, 2, 64, 120, 120, 120]);
	});

	it('never keeps the real user of an account or code out for more than a minute, nor anyone behind a guessing address for more than two', () => {
		expect(THROTTLE_POLICIES.login_account.maxDelay).toBeLessThanOrEqual(60);
		expect(THROTTLE_POLICIES.join_code.maxDelay).toBeLessThanOrEqual(60);
		expect(THROTTLE_POLICIES.login_address.maxDelay).toBeGreaterThan(THROTTLE_POLICIES.login_account.maxDelay);
		expect(THROTTLE_POLICIES.join_address.maxDelay).toBeGreaterThan(THROTTLE_POLICIES.join_code.maxDelay);
		expect(THROTTLE_POLICIES.login_address.maxDelay).toBeLessThanOrEqual(120);
		expect(THROTTLE_POLICIES.join_address.maxDelay).toBeLessThanOrEqual(120);
	});
});

describe('addressKey', () => {
	it('keeps IPv4 addresses, also IPv4-mapped IPv6 ones', () => {
		expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
		expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
		expect(addressKey('0:0:0:0:0:ffff:192.0.2.7')).toBe('192.0.2.7');
	});

	it('counts IPv6 by its /64, however the address is written', () => {
		const key = '2001:db8:85a3:8d3::/64';
		for (const written of ['2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:0DB8:85A3:08D3::1', '2001:db8:85a3:8d3::', '2001:db8:85a3:8d3:ffff::1%eth0'])
			expect(addressKey(written), written).toBe(key);
		expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(addressKey('::1')).toBe('0:0:0:0::/64');
		expect(addressKey('2001:db8:85a3:8d4::1')).not.toBe(key);
	});
});
