/**
 * Needs of people — what an outreach worker meets besides place problems: someone who needs
 * a bed tonight, a 14-year-old in a risk environment, someone who has been hit. The built-in
 * needs are here with their names in both languages and the words people search with;
 * coordinators add needs of their own (stored per tenant, same shape). Client-safe.
 */

export const NEED_KEY = /^[a-z0-9]+(_[a-z0-9]+)*$/;

export interface NeedDefinition {
	key: string;
	label: { sv: string; en: string };
	/** Further words a search for this need uses (synonyms, both languages). */
	words: string;
	builtIn: boolean;
}

const builtIn = (key: string, sv: string, en: string, words: string): NeedDefinition => ({ key, label: { sv, en }, words, builtIn: true });

export const BUILT_IN_NEEDS: readonly NeedDefinition[] = [
	builtIn('shelter', 'Härbärge och akut boende', 'Shelter and emergency housing', 'härbärge natthärbärge akutboende sovplats övernattning boende natt hemlös tak över huvudet shelter bed night homeless'),
	builtIn('addiction', 'Missbruk och beroende', 'Addiction care', 'missbruk beroende narkotika droger alkohol sprututbyte sprutbyte substitution abstinens addiction drugs needle exchange'),
	builtIn('mental_health', 'Psykisk ohälsa', 'Mental health', 'psykisk ohälsa psykiatri kris ångest självmord samtalsstöd mental health crisis suicide'),
	builtIn('youth_at_risk', 'Unga i riskmiljö', 'Youth at risk', 'unga ungdom barn tonåring riskmiljö fältassistent socialjour youth teenager child at risk'),
	builtIn('violence_support', 'Stöd vid våld', 'Violence support', 'våld misshandel hot våldsutsatt kvinnojour brottsoffer våldtäkt violence abuse victim'),
	builtIn('families', 'Familjer', 'Families', 'familj föräldrar barnfamilj familjestöd families parents'),
	builtIn('outreach', 'Uppsökande arbete', 'Outreach', 'uppsökande fältarbete nattvandring socialtjänst outreach street team'),
	builtIn('legal', 'Juridisk rådgivning', 'Legal advice', 'juridik rättshjälp advokat rådgivning papper asyl legal advice lawyer'),
	builtIn('food', 'Mat', 'Food', 'mat måltid soppkök matkasse frukost lunch food meal breakfast'),
	builtIn('health_care', 'Hälso- och sjukvård', 'Health care', 'vård sjukvård läkare sjuksköterska mottagning sår akut health care doctor nurse clinic')
];

export const BUILT_IN_NEED_KEYS = BUILT_IN_NEEDS.map((n) => n.key);

/**
 * Whom a service is for, besides ages. Empty on a service means everyone; a search names the
 * group of the person helped (if any) to rank services that would turn them away lower.
 */
export const TARGET_GROUPS = ['women', 'men', 'families', 'homeless', 'people_who_use_drugs', 'lgbtq', 'newcomers'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/** The name of a need in a language, or its key when the vocabulary no longer has it. */
export function needLabel(needs: readonly NeedDefinition[], key: string, locale: string): string {
	const need = needs.find((n) => n.key === key);
	return need ? (locale === 'en' ? need.label.en : need.label.sv) : key;
}

/** Lower case without diacritics: what the trigram search compares ("Härbärge" → "harbarge"). */
export function folded(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
