import { describe, expect, it } from 'vitest';
import { formatOpeningHours } from './opening-hours-text';

describe('formatOpeningHours', () => {
	it.each([
		['Mo-Fr 08:00-15:00', 'mån–fre 08–15', 'Mon–Fri 08–15'],
		['Mo-Fr 08:30-16:00', 'mån–fre 08:30–16', 'Mon–Fri 08:30–16'],
		['Tu,Th 14:00-21:00; Fr 16:00-23:00', 'tis, tors 14–21; fre 16–23', 'Tue, Thu 14–21; Fri 16–23'],
		['Mo-Th 08:00-17:00; Fr 08:00-15:00', 'mån–tors 08–17; fre 08–15', 'Mon–Thu 08–17; Fri 08–15'],
		['Mo-Fr 08:00-12:00,13:00-16:00; Sa off', 'mån–fre 08–12, 13–16; lör stängt', 'Mon–Fri 08–12, 13–16; Sat closed'],
		['Sa-Su 22:00-03:00', 'lör–sön 22–03', 'Sat–Sun 22–03'],
		['24/7', 'dygnet runt', '24/7'],
		['Mo-Fr 09:00-17:00; PH off', 'mån–fre 09–17; helgdagar stängt', 'Mon–Fri 09–17; public holidays closed'],
		['10:00-14:00', '10–14', '10–14'],
		['Mo - Fr 08:00 - 15:00', 'mån–fre 08–15', 'Mon–Fri 08–15']
	])('%s reads "%s" in Swedish and "%s" in English', (value, sv, en) => {
		expect(formatOpeningHours(value, 'sv')).toBe(sv);
		expect(formatOpeningHours(value, 'en')).toBe(en);
	});

	it.each(['Jun-Aug Mo-Fr 10:00-14:00', 'Mo-Fr sunrise-sunset', 'Mo-Fr 08:00-15:00 "efter överenskommelse"', 'enligt överenskommelse', 'Mo-Fr 25:00-26:00'])(
		'shows %j as written (more than the common forms)',
		(value) => expect(formatOpeningHours(value, 'sv')).toBe(value)
	);

	it('is empty for no hours', () => expect(formatOpeningHours('  ', 'sv')).toBe(''));
});
