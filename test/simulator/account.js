'use strict';

/**
 * Account data (profile, segments, stages, steps, custom fields, views) and the
 * /v1/user/* handlers. The data is constant, always present, and exported so tests
 * can compare answers with it.
 *
 * Choices where the reference is silent or self-contradictory:
 *   - Project segment keys: the reference's /user/segments/projects example shows "-project",
 *     while its project records show "segment": "project". The simulator lists "project" /
 *     "project1" and treats a leading "-" as insignificant everywhere a segment is compared.
 *   - /v1/user/views answers WITHOUT errorcode (api-facts: "may have no errorcode"), although
 *     the reference example carries one: clients must not rely on its presence.
 *   - /v1/user/steps: an unknown segment or stage is errorcode 4; `stage` without `segment` is
 *     errorcode 3. Segment and stage may be given by key or by label (case-insensitive).
 *   - /v1/user/fields: a field without `relations` applies to every relation type (as the
 *     reference example's "meeting-limit").
 */

const { missing, invalid } = require('./errors');
const { str, clone } = require('./http-util');

const PROFILE = Object.freeze({
	email: 'dana@incfire.com',
	name: 'Dana Varenos',
	first: 'Dana',
	last: 'Varenos',
	country: 'US',
});

/** People and company segments (same list for both, as in Cloze). */
const PEOPLE_SEGMENTS = [
	{ name: 'Client', key: 'customer' },
	{ name: 'Partners', key: 'partner' },
	{ name: 'Suppliers', key: 'supplier' },
	{ name: 'Investor', key: 'investor' },
	{ name: 'Advisors', key: 'advisor' },
	{ name: 'Buyers', key: 'custom1' },
	{ name: 'Sellers', key: 'custom2' },
];

const PROJECT_SEGMENTS = [
	{ name: 'Deals', key: 'project' },
	{ name: 'Purchases', key: 'project1' },
];

const PEOPLE_STAGES = [
	{ name: 'Lead', key: 'lead' },
	{ name: 'Lost', key: 'out' },
	{ name: 'Potential', key: 'future' },
	{ name: 'Active', key: 'current' },
	{ name: 'Inactive', key: 'past' },
];

const PROJECT_STAGES = [
	{ name: 'Potential', key: 'future' },
	{ name: 'Active', key: 'current' },
	{ name: 'Done', key: 'won' },
	{ name: 'Lost', key: 'lost' },
];

/** Steps, in the exact shape of GET /v1/user/steps: segment -> stage -> {steps}. */
const STEPS = {
	customer: {
		lead: {
			steps: [
				{ name: 'Qualify', key: 's-00001' },
				{ name: 'Schedule demo', key: 's-00002' },
			],
		},
		future: { steps: [{ name: 'Send proposal', key: 's-00003' }] },
		current: {
			steps: [
				{ name: 'Onboard', key: 's-00004' },
				{ name: 'Quarterly review', key: '*s-15344457035' },
			],
		},
	},
	partner: {
		current: { steps: [{ name: 'Joint marketing plan', key: 's-00010' }] },
	},
	supplier: {
		current: {
			steps: [
				{ name: 'append samples', key: 's-00000' },
				{ name: 'have dinner with the boss', key: '*s-15344457036' },
			],
		},
	},
	custom1: {
		lead: {
			steps: [
				{ name: 'Initial call', key: 's-10001' },
				{ name: 'Pre-approval', key: 's-10002' },
			],
		},
		future: { steps: [{ name: 'Showings', key: 's-10003' }] },
		current: {
			steps: [
				{ name: 'Offer', key: 's-10004' },
				{ name: 'Closing', key: 's-10005' },
			],
		},
	},
	custom2: {
		lead: { steps: [{ name: 'Listing appointment', key: 's-11001' }] },
		current: {
			steps: [
				{ name: 'Listed', key: 's-11002' },
				{ name: 'Under contract', key: 's-11003' },
			],
		},
	},
	project: {
		future: { steps: [{ name: 'Scope', key: 's-20001' }] },
		current: {
			steps: [
				{ name: 'Contract', key: 's-20002' },
				{ name: 'Kickoff', key: 's-20003' },
			],
		},
	},
	project1: {
		current: { steps: [{ name: 'Inspection', key: 's-21001' }] },
	},
};

/** Custom fields: the four types text, number, date, keyword (with values). */
const CUSTOM_FIELDS = [
	{
		id: 'role',
		type: 'keyword',
		name: 'Role',
		description: 'Role of a person in their business',
		relations: { person: true },
		values: {
			cxo: { locked: true, label: 'CxO' },
			vp: { locked: true, label: 'VP' },
			director: { locked: false, label: 'Director' },
			manager: { locked: false, label: 'Manager' },
		},
	},
	{
		id: 'lead-source',
		type: 'keyword',
		name: 'Lead Source',
		description: 'Where the relation came from',
		relations: { person: true, company: true, project: true },
		values: {
			zillow: { locked: false, label: 'Zillow' },
			referral: { locked: false, label: 'Referral' },
			website: { locked: false, label: 'Website' },
			comdex2018: { locked: false, label: 'Comdex 2018' },
		},
	},
	{
		id: 'lead-origin',
		type: 'keyword',
		name: 'Lead Origin',
		relations: { person: true },
		values: { team: { locked: false, label: 'Team' }, agent: { locked: false, label: 'Agent' } },
	},
	{
		id: 'is-contacted',
		type: 'keyword',
		name: 'Is Contacted',
		relations: { person: true },
		values: { yes: { locked: true, label: 'Yes' }, no: { locked: true, label: 'No' } },
	},
	{
		id: 'meeting-limit',
		type: 'number',
		name: 'Meeting Limit',
		description: 'Cap on meeting size',
	},
	{ id: 'words-of-wisdom', type: 'text', name: 'Words of Wisdom', relations: { person: true } },
	{ id: 'birthday', type: 'date', name: 'Birthday', relations: { person: true } },
	{
		id: 'industry',
		type: 'keyword',
		name: 'Industry',
		relations: { company: true },
		values: {
			software: { locked: false, label: 'Software' },
			manufacturing: { locked: false, label: 'Manufacturing' },
			realestate: { locked: false, label: 'Real Estate' },
			finance: { locked: false, label: 'Finance' },
		},
	},
	{ id: 'employees', type: 'number', name: 'Employees', relations: { company: true } },
	{ id: 'closing-date', type: 'date', name: 'Closing Date', relations: { project: true } },
	{ id: 'commission', type: 'number', name: 'Commission', relations: { project: true } },
];

const VIEWS = {
	people: {
		label: { singular: 'Audience', plural: 'Audiences' },
		views: [
			{ id: 'my', name: 'My People' },
			{ id: 'focus', name: 'My Network' },
			{ id: 'team', name: 'Team People' },
		],
	},
	companies: {
		label: { singular: 'View', plural: 'Views' },
		views: [
			{ id: 'my', name: 'My Companies' },
			{ id: 'focus', name: 'My Focus' },
		],
	},
	projects: {
		label: { singular: 'View', plural: 'Views' },
		views: [
			{ id: 'my', name: 'My Deals' },
			{ id: 'focus', name: 'My Focus' },
		],
	},
};

const AUDITED_FIELDS = ['segment', 'stage', 'step'];

/** Segment keys compare without a leading '-' and case-insensitively. @param {unknown} s */
const normSegment = (s) =>
	String(s ?? '')
		.replace(/^-/, '')
		.toLowerCase();

/**
 * Label of a value of an audited field (segment, stage, step or custom field), for
 * matching webhook filters written with labels ("Lead", "Buyers", "Yes").
 * @param {'person'|'company'|'project'} kind
 * @param {string} field
 * @param {unknown} value
 * @returns {string | undefined}
 */
function labelOf(kind, field, value) {
	if (value === undefined || value === null) return undefined;
	const v = String(value).toLowerCase();
	if (field === 'segment') {
		const list = kind === 'project' ? PROJECT_SEGMENTS : PEOPLE_SEGMENTS;
		return list.find((s) => normSegment(s.key) === normSegment(v))?.name;
	}
	if (field === 'stage') {
		const list = kind === 'project' ? PROJECT_STAGES : PEOPLE_STAGES;
		return list.find((s) => s.key === v)?.name;
	}
	if (field === 'step') {
		for (const seg of Object.values(STEPS)) {
			for (const st of Object.values(seg)) {
				const hit = st.steps.find((s) => s.key.toLowerCase() === v);
				if (hit) return hit.name;
			}
		}
		return undefined;
	}
	const cf = CUSTOM_FIELDS.find((f) => f.id === field);
	if (cf && cf.values) {
		const hit = Object.entries(cf.values).find(([k]) => k.toLowerCase() === v);
		return hit ? hit[1].label : undefined;
	}
	return undefined;
}

/** @param {string} nameOrId custom field id or name -> id (case-insensitive) */
function customFieldId(nameOrId) {
	const l = String(nameOrId).toLowerCase();
	const f = CUSTOM_FIELDS.find((c) => c.id.toLowerCase() === l || c.name.toLowerCase() === l);
	return f ? f.id : undefined;
}

// ---------------------------------------------------------------- handlers

/**
 * The schema answers the profile under `profile`; its own example shows `user`. The simulator
 * answers as the schema says, or as the example does with `answerShapes: 'example'`.
 * @param {any} ctx
 */
const profile = (ctx) => ({
	errorcode: 0,
	[ctx.sim.options.answerShapes === 'example' ? 'user' : 'profile']: clone(PROFILE),
});

/** @param {{query: Record<string, unknown>}} ctx */
function fields(ctx) {
	const rt = str(ctx.query.relationtype);
	if (rt === undefined || rt === '') return { errorcode: 0, list: clone(CUSTOM_FIELDS) };
	if (!['person', 'company', 'project'].includes(rt)) {
		throw invalid(`Invalid relationtype: ${rt} (expected person, company or project)`);
	}
	return {
		errorcode: 0,
		list: clone(CUSTOM_FIELDS.filter((f) => !f.relations || f.relations[rt])),
	};
}

const segmentsPeople = () => ({ errorcode: 0, list: clone(PEOPLE_SEGMENTS) });
const segmentsProjects = () => ({ errorcode: 0, list: clone(PROJECT_SEGMENTS) });
const stagesPeople = () => ({ errorcode: 0, list: clone(PEOPLE_STAGES) });
const stagesProjects = () => ({ errorcode: 0, list: clone(PROJECT_STAGES) });

/** @param {{query: Record<string, unknown>}} ctx */
function steps(ctx) {
	const segment = str(ctx.query.segment) || undefined;
	const stage = str(ctx.query.stage) || undefined;
	if (stage && !segment) throw missing('The stage parameter requires the segment parameter');
	if (!segment) return { errorcode: 0, segments: clone(STEPS) };
	const allSegments = [...PEOPLE_SEGMENTS, ...PROJECT_SEGMENTS];
	const seg = allSegments.find(
		(s) =>
			normSegment(s.key) === normSegment(segment) || s.name.toLowerCase() === segment.toLowerCase(),
	);
	if (!seg) throw invalid(`Unknown segment: ${segment}`);
	const segKey = normSegment(seg.key);
	const segSteps = /** @type {Record<string, any>} */ (STEPS)[segKey] || {};
	if (!stage) return { errorcode: 0, segments: { [segKey]: clone(segSteps) } };
	const stages = PROJECT_SEGMENTS.includes(seg) ? PROJECT_STAGES : PEOPLE_STAGES;
	const st = stages.find(
		(s) => s.key === stage.toLowerCase() || s.name.toLowerCase() === stage.toLowerCase(),
	);
	if (!st) throw invalid(`Unknown stage: ${stage}`);
	return {
		errorcode: 0,
		segments: { [segKey]: { [st.key]: clone(segSteps[st.key] || { steps: [] }) } },
	};
}

const views = () => clone(VIEWS);

module.exports = {
	PROFILE,
	PEOPLE_SEGMENTS,
	PROJECT_SEGMENTS,
	PEOPLE_STAGES,
	PROJECT_STAGES,
	STEPS,
	CUSTOM_FIELDS,
	VIEWS,
	AUDITED_FIELDS,
	normSegment,
	labelOf,
	customFieldId,
	handlers: {
		profile,
		fields,
		segmentsPeople,
		segmentsProjects,
		stagesPeople,
		stagesProjects,
		steps,
		views,
	},
};
