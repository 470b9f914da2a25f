'use strict';

/**
 * Seed data: generators for tests (seedPeople/Companies/Projects/Messages) and the realistic
 * 'demo' data set (25 people, 8 companies, 6 projects, timeline items, 32 messages of which
 * 30 have opens). Demo records get deterministic `direct` ids (see DEMO_DIRECT_IDS()).
 */

const { directIdFrom } = require('./store');
const { handlers: timeline } = require('./timeline');
const { PROFILE } = require('./account');
const { TEAM_MEMBERS } = require('./team');

const FIRST = [
	'Abby',
	'Basil',
	'Carmen',
	'Derek',
	'Elena',
	'Farid',
	'Grace',
	'Hiro',
	'Ines',
	'Jonah',
	'Keiko',
	'Liam',
	'Maya',
	'Nikhil',
	'Olga',
	'Pedro',
	'Quinn',
	'Rosa',
	'Samir',
	'Tara',
];
const LAST = [
	'Vine',
	'Brush',
	'Alvarez',
	'Okafor',
	'Lindqvist',
	'Haddad',
	'Moreau',
	'Tanaka',
	'Costa',
	'Fischer',
	'Nakamura',
	"O'Brien",
	'Patel',
	'Rossi',
	'Schmidt',
	'Walsh',
	'Yilmaz',
	'Zhang',
	'Dubois',
	'Kowalski',
];
const SUBJECTS = [
	'Quick follow-up',
	'Proposal attached',
	'Pricing question',
	'Next steps',
	'Meeting recap',
	'Welcome aboard',
	'Contract draft',
	'Checking in',
	'Open house this weekend',
	'Quarterly review',
];

/** node of a team member @param {string} email */
const nodeOf = (email) => TEAM_MEMBERS.find((m) => m.email === email)?.node;

/**
 * @typedef {import('./index').Runtime} Runtime
 */

/**
 * n generated people; `defaults` fields are merged into every body (segment, stage, shareTo...).
 * @param {Runtime} rt @param {number} n @param {Record<string, any>} [defaults]
 */
function seedPeople(rt, n, defaults = {}) {
	const out = [];
	for (let i = 0; i < n; i++) {
		const k = ++rt.state.seedCounter;
		const first = FIRST[k % FIRST.length];
		const last = LAST[Math.floor(k / FIRST.length) % LAST.length];
		const email = `${first}.${last}.${k}@example.com`.toLowerCase().replace(/'/g, '');
		const body = {
			name: `${first} ${last}`,
			first,
			last,
			emails: [{ value: email, work: true }],
			...defaults,
		};
		const { rec } = rt.state.store.write('person', body, { mode: 'create' });
		out.push(rt.state.store.toPublic(rec));
	}
	return out;
}

/** @param {Runtime} rt @param {number} n @param {Record<string, any>} [defaults] */
function seedCompanies(rt, n, defaults = {}) {
	const out = [];
	for (let i = 0; i < n; i++) {
		const k = ++rt.state.seedCounter;
		const word = LAST[k % LAST.length].replace(/'/g, '');
		const body = {
			name: `${word} Holdings ${k}`,
			domains: [`${word.toLowerCase()}-${k}.example.com`],
			...defaults,
		};
		const { rec } = rt.state.store.write('company', body, { mode: 'create' });
		out.push(rt.state.store.toPublic(rec));
	}
	return out;
}

/** @param {Runtime} rt @param {number} n @param {Record<string, any>} [defaults] */
function seedProjects(rt, n, defaults = {}) {
	const out = [];
	for (let i = 0; i < n; i++) {
		const k = ++rt.state.seedCounter;
		const body = {
			name: `Project ${k}`,
			segment: 'project',
			stage: 'future',
			customFields: [{ id: 'value', type: 'currency', value: 1000 * ((k % 50) + 1) }],
			...defaults,
		};
		const { rec } = rt.state.store.write('project', body, { mode: 'create' });
		out.push(rt.state.store.toPublic(rec));
	}
	return out;
}

/**
 * n sent messages, each with 1-3 opens, spaced 6 hours apart ending about an hour ago.
 * @param {Runtime} rt @param {number} n @param {{opens?: boolean, endAt?: number}} [opts]
 */
function seedMessages(rt, n, opts = {}) {
	const end = opts.endAt ?? Date.now() - 3600000;
	const out = [];
	for (let i = 0; i < n; i++) {
		const k = ++rt.state.messageCounter;
		const date = end - (n - 1 - i) * 6 * 3600000;
		const first = FIRST[k % FIRST.length];
		const last = LAST[(k * 7) % LAST.length];
		const email = `${first}.${last}@example.com`.toLowerCase().replace(/'/g, '');
		const opens = [];
		if (opts.opens !== false) {
			for (let j = 0; j < 1 + (k % 3); j++) {
				opens.push({
					date: date + (j + 1) * 37 * 60000,
					email,
					location: ['Boston, MA', 'Austin, TX', 'Seattle, WA'][(k + j) % 3],
					device: j % 2 ? 'mobile' : 'desktop',
				});
			}
		}
		const msg = {
			id: `msg-${String(k).padStart(6, '0')}`,
			subject: SUBJECTS[k % SUBJECTS.length],
			date,
			from: PROFILE.email,
			to: [{ name: `${first} ${last}`, email }],
			opens,
		};
		rt.state.messages.push(msg);
		out.push(msg);
	}
	return out;
}

// ------------------------------------------------------------------ demo

/** [name, domain, segment, stage, industry, employees, shared-to-team assignee or null] */
const DEMO_COMPANIES = [
	[
		'Acme Robotics',
		'acmerobotics.com',
		'customer',
		'current',
		'manufacturing',
		250,
		'dave@incfire.com',
	],
	[
		'Blue Harbor Realty',
		'blueharbor-realty.com',
		'partner',
		'current',
		'realestate',
		40,
		'carla@incfire.com',
	],
	['Summit Financial Group', 'summitfg.com', 'investor', 'future', 'finance', 120, null],
	['Cedar & Pine Software', 'cedarpine.io', 'customer', 'lead', 'software', 35, 'tom@incfire.com'],
	[
		'Lakeside Supply Co',
		'lakesidesupply.com',
		'supplier',
		'current',
		'manufacturing',
		80,
		'dave@incfire.com',
	],
	[
		'Brightpath Analytics',
		'brightpath.ai',
		'customer',
		'future',
		'software',
		60,
		'priya@incfire.com',
	],
	['Oakridge Capital', 'oakridgecap.com', 'investor', 'past', 'finance', 15, null],
	['Meridian Homes', 'meridianhomes.com', 'custom2', 'lead', 'realestate', 22, 'carla@incfire.com'],
].map(([name, domain, segment, stage, industry, employees, assignee], i) => ({
	name,
	domains: [domain],
	segment,
	stage,
	emails: [{ value: `info@${domain}`, work: true }],
	phones: [{ value: `+1 617-555-${1000 + i * 111}`, work: true }],
	customFields: [
		{ id: 'industry', type: 'keyword', value: industry },
		{ id: 'employees', type: 'number', value: employees },
	],
	...(assignee ? { assignTo: assignee, shareTo: 'team', node: nodeOf(String(assignee)) } : {}),
}));

/** [first, last, email, segment, stage, step, assignee, lead-source, role, is-contacted, shared] */
const PEOPLE_ROWS = [
	[
		'Abby',
		'Vine',
		'abby.vine@acmerobotics.com',
		'customer',
		'current',
		's-00004',
		'dave@incfire.com',
		'referral',
		'vp',
		'yes',
		true,
	],
	[
		'Basil',
		'Brush',
		'basil@acmerobotics.com',
		'customer',
		'current',
		'*s-15344457035',
		'dave@incfire.com',
		'website',
		'cxo',
		'yes',
		true,
	],
	[
		'Carmen',
		'Alvarez',
		'carmen.alvarez@blueharbor-realty.com',
		'partner',
		'current',
		's-00010',
		'carla@incfire.com',
		'referral',
		'director',
		'yes',
		true,
	],
	[
		'Derek',
		'Okafor',
		'derek@summitfg.com',
		'investor',
		'future',
		null,
		null,
		'comdex2018',
		'vp',
		'no',
		false,
	],
	[
		'Elena',
		'Lindqvist',
		'elena@cedarpine.io',
		'customer',
		'lead',
		's-00001',
		'tom@incfire.com',
		'website',
		'cxo',
		'no',
		true,
	],
	[
		'Farid',
		'Haddad',
		'farid.haddad@gmail.com',
		'custom1',
		'lead',
		's-10001',
		'carla@incfire.com',
		'zillow',
		null,
		'no',
		true,
	],
	[
		'Grace',
		'Moreau',
		'grace.moreau@outlook.com',
		'custom1',
		'lead',
		's-10002',
		'carla@incfire.com',
		'zillow',
		null,
		'yes',
		true,
	],
	[
		'Hiro',
		'Tanaka',
		'hiro@brightpath.ai',
		'customer',
		'future',
		's-00003',
		'priya@incfire.com',
		'website',
		'director',
		'yes',
		true,
	],
	[
		'Ines',
		'Costa',
		'ines.costa@lakesidesupply.com',
		'supplier',
		'current',
		's-00000',
		'dave@incfire.com',
		'referral',
		'manager',
		'yes',
		true,
	],
	[
		'Jonah',
		'Fischer',
		'jonah.fischer@yahoo.com',
		'custom1',
		'future',
		's-10003',
		'carla@incfire.com',
		'referral',
		null,
		'yes',
		true,
	],
	[
		'Keiko',
		'Nakamura',
		'keiko@oakridgecap.com',
		'investor',
		'past',
		null,
		null,
		'comdex2018',
		'cxo',
		'yes',
		false,
	],
	[
		'Liam',
		"O'Brien",
		'liam.obrien@meridianhomes.com',
		'custom2',
		'lead',
		's-11001',
		'carla@incfire.com',
		'zillow',
		null,
		'no',
		true,
	],
	[
		'Maya',
		'Patel',
		'maya.patel@brightpath.ai',
		'customer',
		'future',
		null,
		'priya@incfire.com',
		'website',
		'vp',
		'no',
		true,
	],
	[
		'Nikhil',
		'Rossi',
		'nikhil.rossi@gmail.com',
		'custom1',
		'current',
		's-10004',
		'tom@incfire.com',
		'zillow',
		null,
		'yes',
		true,
	],
	[
		'Olga',
		'Schmidt',
		'olga@cedarpine.io',
		'customer',
		'lead',
		's-00002',
		'tom@incfire.com',
		'website',
		'manager',
		'yes',
		true,
	],
	[
		'Pedro',
		'Walsh',
		'pedro.walsh@icloud.com',
		'custom2',
		'current',
		's-11002',
		'carla@incfire.com',
		'referral',
		null,
		'yes',
		true,
	],
	[
		'Quinn',
		'Yilmaz',
		'quinn@acmerobotics.com',
		'customer',
		'current',
		null,
		'dave@incfire.com',
		'referral',
		'manager',
		'yes',
		true,
	],
	[
		'Rosa',
		'Zhang',
		'rosa.zhang@summitfg.com',
		'investor',
		'future',
		null,
		null,
		'comdex2018',
		'director',
		'no',
		false,
	],
	[
		'Samir',
		'Dubois',
		'samir.dubois@gmail.com',
		'custom1',
		'out',
		null,
		'tom@incfire.com',
		'zillow',
		null,
		'no',
		true,
	],
	[
		'Tara',
		'Kowalski',
		'tara@lakesidesupply.com',
		'supplier',
		'current',
		null,
		'dave@incfire.com',
		'referral',
		'vp',
		'yes',
		true,
	],
	[
		'Uma',
		'Brennan',
		'uma.brennan@advisorsllc.com',
		'advisor',
		'current',
		null,
		null,
		'referral',
		'cxo',
		'yes',
		false,
	],
	[
		'Victor',
		'Almeida',
		'victor@blueharbor-realty.com',
		'partner',
		'future',
		null,
		'carla@incfire.com',
		'website',
		'manager',
		'no',
		true,
	],
	[
		'Wendy',
		'Sato',
		'wendy.sato@hotmail.com',
		'custom2',
		'lead',
		null,
		'priya@incfire.com',
		'zillow',
		null,
		'no',
		true,
	],
	[
		'Xavier',
		'Laurent',
		'xavier.laurent@gmail.com',
		'custom1',
		'current',
		's-10005',
		'tom@incfire.com',
		'referral',
		null,
		'yes',
		true,
	],
	[
		'Yara',
		'Nasser',
		'yara@brightpath.ai',
		'customer',
		'past',
		null,
		null,
		'website',
		'director',
		'yes',
		false,
	],
];

const DEMO_PEOPLE = PEOPLE_ROWS.map(
	([first, last, email, segment, stage, step, assignee, source, role, contacted, shared], i) => {
		/** @type {Record<string, any>} */
		const p = {
			name: `${first} ${last}`,
			first,
			last,
			emails: [{ value: email, work: !/gmail|yahoo|outlook|icloud|hotmail/.test(String(email)) }],
			phones: [{ value: `+1 781-555-${String(2000 + i * 17)}`, mobile: true }],
			segment,
			stage,
			keywords: i % 3 === 0 ? ['vip'] : i % 3 === 1 ? ['newsletter'] : [],
			customFields: [
				{ id: 'lead-source', type: 'keyword', value: source },
				{ id: 'is-contacted', type: 'keyword', value: contacted },
			],
		};
		if (step) p.step = step;
		if (role) p.customFields.push({ id: 'role', type: 'keyword', value: role });
		if (i % 4 === 0)
			p.customFields.push({ id: 'words-of-wisdom', type: 'text', value: 'Stay calm' });
		if (i % 5 === 0)
			p.socials = [
				{
					type: 'twitter',
					value: `${String(first).toLowerCase()}${String(last).toLowerCase().replace(/'/g, '')}`,
				},
			];
		if (assignee) p.assignTo = assignee;
		if (shared) {
			p.shareTo = 'team';
			p.node = nodeOf(String(assignee || 'dana@incfire.com'));
		}
		if (i === 0) p.headline = 'VP Operations at Acme Robotics';
		return p;
	},
);

/**
 * A project's money value is its `value` custom field (type currency), as in the schema's example.
 */
const DEMO_PROJECTS = [
	{
		name: 'Acme Warehouse Automation',
		segment: 'project',
		stage: 'current',
		step: 's-20002',
		dealValue: 185000,
		createdDate: '2025-06-02',
		startDate: '2025-07-01',
		endDate: '2026-03-31',
		assignee: 'dave@incfire.com',
		projectTeam: ['carla@incfire.com'],
		summary: 'Pick-and-place robots for the Lowell warehouse',
		appLinks: [
			{
				source: 'na16.salesforce.com',
				uniqueid: '006j000000Pkp1d',
				label: 'Salesforce Opportunity',
				url: 'https://na16.salesforce.com/006j000000Pkp1d',
			},
		],
		customFields: [
			{ id: 'commission', type: 'number', value: 9250 },
			{ id: 'lead-source', type: 'keyword', value: 'referral' },
		],
		shareTo: 'team',
		node: '/US/West',
	},
	{
		name: 'Meadow Brook Renovation',
		segment: 'project',
		stage: 'future',
		step: 's-20001',
		dealValue: 15000,
		createdDate: '2025-09-10',
		summary: 'Located at 33 Meadow Brook Lane',
		assignee: 'carla@incfire.com',
		customFields: [{ id: 'closing-date', type: 'date', value: '2026-01-15' }],
		shareTo: 'team',
		node: '/US/West/CA',
	},
	{
		name: 'Brightpath Data Platform',
		segment: 'project',
		stage: 'future',
		dealValue: 64000,
		createdDate: '2025-10-01',
		assignee: 'priya@incfire.com',
		customFields: [{ id: 'lead-source', type: 'keyword', value: 'website' }],
		shareTo: 'team',
		node: '/US/East',
	},
	{
		name: '12 Harbor View Purchase',
		segment: 'project1',
		stage: 'current',
		step: 's-21001',
		dealValue: 725000,
		createdDate: '2025-08-15',
		startDate: '2025-08-20',
		endDate: '2025-12-20',
		assignee: 'carla@incfire.com',
		customFields: [
			{ id: 'closing-date', type: 'date', value: '2025-12-20' },
			{ id: 'commission', type: 'number', value: 21750 },
		],
		shareTo: 'team',
		node: '/US/West/CA',
	},
	{
		name: 'Lakeside Supply Contract Renewal',
		segment: 'project',
		stage: 'won',
		dealValue: 42000,
		createdDate: '2025-01-12',
		startDate: '2025-02-01',
		endDate: '2025-05-30',
		assignee: 'dave@incfire.com',
	},
	{
		name: 'Cedar & Pine Pilot',
		segment: 'project',
		stage: 'lost',
		dealValue: 8000,
		createdDate: '2025-04-03',
		assignee: 'tom@incfire.com',
		shareTo: 'team',
		node: '/US/East/NY',
	},
].map(({ dealValue, ...p }) => ({
	...p,
	customFields: [{ id: 'value', type: 'currency', value: dealValue }, ...(p.customFields || [])],
}));

/** @type {Array<[string, Record<string, any>]>} */
const DEMO_TIMELINE = [
	[
		'communication',
		{
			date: '2025-11-03T15:30:00Z',
			style: 'call',
			from: '+1 650-555-1212',
			subject: 'Call with Abby Vine',
			recipients: [{ value: 'abby.vine@acmerobotics.com' }],
			outcome: 'connected',
			direction: 'outbound',
			duration: 12,
		},
	],
	[
		'communication',
		{
			date: '2025-11-04T09:00:00Z',
			style: 'meeting',
			from: PROFILE.email,
			subject: 'Warehouse walkthrough',
			recipients: [{ value: 'basil@acmerobotics.com' }, { value: 'quinn@acmerobotics.com' }],
			location: 'Lowell, MA',
			duration: 60,
		},
	],
	[
		'communication',
		{
			date: '2025-11-05T18:12:00Z',
			style: 'email',
			from: 'elena@cedarpine.io',
			subject: 'Re: pilot pricing',
			recipients: [{ value: PROFILE.email }],
			body: 'Thanks – looking at it this week.',
		},
	],
	[
		'content',
		{
			date: '2025-11-06T10:00:00Z',
			style: 'note',
			from: PROFILE.email,
			uniqueid: 'note-1001',
			source: 'example.org',
			subject: 'Met with Hiro about the data platform',
			body: 'Budget approved for Q1.',
			references: [{ value: 'hiro@brightpath.ai' }],
		},
	],
	[
		'content',
		{
			date: '2025-11-10T14:00:00Z',
			style: 'event',
			subject: 'Open house – 12 Harbor View',
			from: 'carla@incfire.com',
		},
	],
	[
		'todo',
		{
			when: '2025-12-01T16:00:00Z',
			subject: 'Send renewal quote to Lakeside',
			participants: ['tara@lakesidesupply.com'],
			assignee: 'dave@incfire.com',
		},
	],
	[
		'todo',
		{
			when: 1,
			subject: 'Ask Grace for pre-approval letter',
			participants: ['grace.moreau@outlook.com'],
		},
	],
];

/**
 * Deterministic direct ids of the demo records: {people: {email: id}, companies: {domain: id},
 * projects: {name: id}}.
 */
function DEMO_DIRECT_IDS() {
	return {
		people: Object.fromEntries(
			DEMO_PEOPLE.map((p) => [p.emails[0].value, directIdFrom(`demo:person:${p.emails[0].value}`)]),
		),
		companies: Object.fromEntries(
			DEMO_COMPANIES.map((c) => [c.domains[0], directIdFrom(`demo:company:${c.domains[0]}`)]),
		),
		projects: Object.fromEntries(
			DEMO_PROJECTS.map((p) => [p.name, directIdFrom(`demo:project:${p.name}`)]),
		),
	};
}

/** @param {Runtime} rt */
function seedDemo(rt) {
	const store = rt.state.store;
	const ids = DEMO_DIRECT_IDS();
	for (const c of DEMO_COMPANIES)
		store.write('company', c, { mode: 'create', directId: ids.companies[c.domains[0]] });
	for (const p of DEMO_PEOPLE)
		store.write('person', p, { mode: 'create', directId: ids.people[p.emails[0].value] });
	for (const p of DEMO_PROJECTS)
		store.write('project', p, { mode: 'create', directId: ids.projects[p.name] });
	const ctx = { state: rt.state, sim: rt };
	for (const [type, body] of DEMO_TIMELINE) {
		/** @type {Record<string, Function>} */ (timeline)[type]({ ...ctx, body });
	}
	seedMessages(rt, 30);
	seedMessages(rt, 2, { opens: false });
}

module.exports = {
	seedPeople,
	seedCompanies,
	seedProjects,
	seedMessages,
	seedDemo,
	DEMO_PEOPLE,
	DEMO_COMPANIES,
	DEMO_PROJECTS,
	DEMO_TIMELINE,
	DEMO_DIRECT_IDS,
};
