/**
 * How guessing at passwords and join codes is slowed down: a few free failures, then a
 * delay that doubles with each further failure up to a cap. Counted per account (per
 * code for joins) and per client address, each with its own rule:
 *
 * - per account and per code the cap is short (30 s), so someone guessing at a colleague's
 *   password can never lock the colleague out for more than half a minute at a time;
 * - per address the allowance is larger (a whole office behind one address mistypes too)
 *   and the cap longer (2 min): a guesser trying many accounts or codes from one address
 *   gets about 30 tries an hour, while a colleague behind the same address (an office's
 *   NAT) who logs in correctly waits at most two minutes.
 *
 * A success clears both. Counts are forgotten an hour after the last failure. Pure: the
 * counting itself is in ./throttle.server.
 */

export const THROTTLE_SCOPES = ['login_account', 'login_address', 'join_code', 'join_address'] as const;
export type ThrottleScope = (typeof THROTTLE_SCOPES)[number];

export interface ThrottlePolicy {
	/** Failures allowed before any delay. */
	free: number;
	/** The delay after the first failure past the free ones, in seconds; it doubles from there. */
	firstDelay: number;
	/** The longest delay, in seconds. */
	maxDelay: number;
	/** Seconds after the last failure when the count starts over. */
	forgetAfter: number;
}

const HOUR = 3600;

export const THROTTLE_POLICIES: Readonly<Record<ThrottleScope, ThrottlePolicy>> = {
	login_account: { free: 5, firstDelay: 1, maxDelay: 30, forgetAfter: HOUR },
	login_address: { free: 20, firstDelay: 1, maxDelay: 2 * 60, forgetAfter: HOUR },
	join_code: { free: 5, firstDelay: 1, maxDelay: 30, forgetAfter: HOUR },
	join_address: { free: 20, firstDelay: 1, maxDelay: 2 * 60, forgetAfter: HOUR }
};

/**
 * Seconds to wait after the `failures`-th failure in a row: 0 while free, then
 * firstDelay, 2 × firstDelay, 4 × … up to maxDelay.
 *
 * @example
 * delayAfter(THROTTLE_POLICIES.login_account, 5) // → 0
 * delayAfter(THROTTLE_POLICIES.login_account, 6) // → 1
 * delayAfter(THROTTLE_POLICIES.login_account, 8) // → 4
 * delayAfter(THROTTLE_POLICIES.login_account, 99) // → 30
 */
export function delayAfter(policy: ThrottlePolicy, failures: number): number {
	const over = failures - policy.free;
	if (over <= 0) return 0;
	// The exponent is bounded: 2^30 s is far past any cap and still a finite number.
	return Math.min(policy.maxDelay, policy.firstDelay * 2 ** Math.min(over - 1, 30));
}

/**
 * The address a throttle counts by: IPv4 as it is (also when written as IPv4-mapped IPv6),
 * IPv6 by its /64 network — one subscriber usually gets a whole /64 and can pick any
 * address in it, so counting single addresses would give a guesser 2^64 allowances.
 */
export function addressKey(address: string): string {
	const text = address.trim().toLowerCase().replace(/%.*$/, '');
	const mapped = /^(?:::|(?:0{1,4}:){5})ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
	if (mapped) return mapped[1]!;
	if (!text.includes(':')) return text;
	const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const groups = tail === null ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
	return `${groups
		.slice(0, 4)
		.map((g) => (g || '0').replace(/^0+(?=.)/, ''))
		.join(':')}::/64`;
}
