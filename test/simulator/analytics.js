'use strict';

/**
 * Analytics: POST /v1/analytics/{activity,funnel,leads,projects,teamactivity} and
 * GET /v1/analytics/teamactivity/update.
 *
 * Successful query answers are the map of query names, WITHOUT errorcode (api-facts).
 * Failures are HTTP 200 {errorcode, message} like everywhere else.
 *
 * The reference documents requests, not answer shapes; the simulator answers (all numbers
 * are deterministic: a hash of query name, measure and period index):
 *   activity:     { <q>: { scale, periods: [{start, end, label, <measure>: n, ...}] } }
 *   teamactivity: { <q>: { scale, periods: [{start, end, label}],
 *                          users: [{email, name, totals: {<measure>: n}, periods: [{start, end,
 *                          label, <measure>: n}]}] } }
 *   funnel:       { <q>: { scale, periods: [{start, end, label, <metric>: n, ...}] } }
 *   leads:        { <q>: { scale, periods: [{start, end, label, leads, qualified, converted,
 *                          <measure>: n...}] } }
 *   projects:     { <q>: { mode, scale, relative, always, start, end,
 *                          projects: [{direct, name, <metric>: v}] } }
 * Periods: the `max` most recent periods (default 4, at most 100), oldest first, UTC, the last
 * one containing "now"; weeks start on Monday.
 *
 * Validation choices: `queries` must be a non-empty object of objects (errorcode 3 / 4);
 * activity, teamactivity and funnel need `scale` in year|quarter|month|week (errorcode 4
 * naming the query); leads accepts the same scales, optional (default month); projects takes
 * `scale` year|quarter|month (default month), `mode` pipeline|active (default pipeline),
 * integer `relative` (default 0). Measures/metrics must be in the reference's lists for the
 * endpoint or be a configured measure "#name"; otherwise errorcode 4 naming it. Funnel takes
 * its list as `metrics` or `measures`. Without a list a small default set is answered.
 * teamactivity `tag` selects members whose profile keywords contain it (no match -> no users).
 * teamactivity/update: `skip=true` returns the last range; calls closer than 15 minutes to
 * the previous update are skipped (same range returned), like the reference warns.
 */

const crypto = require('crypto');
const { missing, invalid } = require('./errors');
const { str, boolParam, intParam, isObject } = require('./http-util');
const { projectValue } = require('./store');

const CALL_MEASURES = [
	'outbcalls_short',
	'outbcalls_medium',
	'outbcalls_long',
	'outbcalls_short_mins',
	'outbcalls_medium_mins',
	'outbcalls_long_mins',
	'inbcalls_short',
	'inbcalls_medium',
	'inbcalls_long',
	'inbcalls_short_mins',
	'inbcalls_medium_mins',
	'inbcalls_long_mins',
];
const ACTIVITY_MEASURES = [
	'sentmails',
	'rcvdstandard',
	'rcvdbulk',
	'meetings',
	'meetingmins',
	'inbcalls',
	'inbcallmins',
	'outbcalls',
	'outbcallmins',
	...CALL_MEASURES,
	'sentmessages',
	'rcvdmessages',
	'creatednotes',
	'updatednotes',
	'newtodos',
	'donetodos',
	'donesteps',
	'mailopens',
];
const TEAM_MEASURES = [...ACTIVITY_MEASURES, 'meta_value'];
const FUNNEL_METRICS = [
	'leadcount',
	'currentcount',
	'futurecount',
	'pendingcount',
	'woncount',
	'lostcount',
	'stepwoncount',
	'steplostcount',
	'period_steplostcount',
	'stepnextcount',
	'stepintocount',
	'period_stepintocount',
	'stepcount',
	'averagesteptime',
	'mediansteptime',
	'cumulative_lead',
	'cumulative_current',
	'cumulative_future',
	'cumulative_pending',
	'cumulative_won',
	'cumulative_lost',
	'lead_future',
	'lead_lost',
	'future_current',
	'future_won',
	'future_lost',
	'current_pending',
	'current_lost',
	'current_won',
	'pending_won',
	'pending_lost',
	'period_lead_future',
	'period_lead_lost',
	'period_future_current',
	'period_future_won',
	'period_future_lost',
	'period_current_pending',
	'period_current_lost',
	'period_current_won',
	'period_pending_won',
	'period_pending_lost',
	'lead_time',
	'future_time',
	'current_time',
	'pending_time',
	'lead_uncombined_conversion',
	'future_uncombined_conversion',
	'current_uncombined_conversion',
	'pending_uncombined_conversion',
	'won_uncombined_conversion',
	'lead_combined_conversion',
	'future_combined_conversion',
	'current_combined_conversion',
	'pending_combined_conversion',
	'won_combined_conversion',
	'step_uncombined_conversion',
	'step_combined_conversion',
	'cumulative_steplostcount',
	'cumulative_period_steplostcount',
	'cumulative_mediansteptime',
	'cumulative_period_mediansteptime',
	'stepintolostcount',
	'period_stepintolostcount',
	'lasttouch',
	'lastactivity',
	'lastengagement',
	'average_touches',
	'sentmails',
	'rcvdstandard',
	'rcvdbulk',
	'mailopens',
	'sentmessages',
	'rcvdmessages',
	'remails',
	'touch',
	'postalbulk',
	'postalstd',
	'engagement',
	'mailclicks',
	'mailreplies',
	'dropins',
	'meetings',
	'recalls',
	'outbcalls',
	'inbcalls',
	'remessages',
	'creatednotes',
	'donetodos',
	'newtodos',
	'donesteps',
	'dropinmins',
	'meetingmins',
	'recallmins',
	'outbcallmins',
	'inbcallmins',
	...CALL_MEASURES,
	'outreach',
	'interaction',
];
const LEAD_MEASURES = [
	'leads',
	'qualified',
	'converted',
	'lost',
	'responsetime',
	...ACTIVITY_MEASURES,
];
const PROJECT_METRICS = [
	'segment',
	'stage',
	'nextstep',
	'meta_value',
	'project_start',
	'project_active',
	'project_end',
];
const SCALES = ['year', 'quarter', 'month', 'week'];
const PROJECT_SCALES = ['year', 'quarter', 'month'];
const DEFAULT_MEASURES = ['sentmails', 'rcvdstandard', 'meetings', 'inbcalls', 'outbcalls'];

/** Deterministic integer in [0, range). @param {string} key @param {number} range */
function hashInt(key, range) {
	return crypto.createHash('sha1').update(key).digest().readUInt32BE(0) % range;
}

/** @param {string} measure @param {string} key @param {number} now */
function valueFor(measure, key, now) {
	const m = measure.toLowerCase();
	if (m.includes('conversion')) return hashInt(key, 101) / 100;
	if (m.endsWith('_time') || m.endsWith('steptime'))
		return hashInt(key, 30) * 86400000 + hashInt(key + 'h', 86400000);
	if (m.startsWith('last')) return now - hashInt(key, 30 * 86400000);
	if (m === 'meta_value') return hashInt(key, 500) * 1000;
	if (m === 'average_touches') return hashInt(key, 100) / 10;
	if (m.includes('mins')) return hashInt(key, 600);
	return hashInt(key, 50);
}

/**
 * Start of the period containing t, shifted by `offset` periods.
 * @param {string} scale @param {number} t @param {number} offset
 * @returns {{start: number, end: number, label: string}}
 */
function period(scale, t, offset) {
	const d = new Date(t);
	let y = d.getUTCFullYear();
	let start;
	let end;
	let label;
	if (scale === 'week') {
		const day = (d.getUTCDay() + 6) % 7; // Monday = 0
		start = Date.UTC(y, d.getUTCMonth(), d.getUTCDate() - day) + offset * 7 * 86400000;
		end = start + 7 * 86400000 - 1;
		label = new Date(start).toISOString().slice(0, 10);
	} else {
		const len = scale === 'year' ? 12 : scale === 'quarter' ? 3 : 1;
		let m0 = Math.floor(d.getUTCMonth() / len) * len + offset * len;
		start = Date.UTC(y, m0, 1);
		end = Date.UTC(y, m0 + len, 1) - 1;
		const s = new Date(start);
		y = s.getUTCFullYear();
		m0 = s.getUTCMonth();
		label =
			scale === 'year'
				? `${y}`
				: scale === 'quarter'
					? `${y} Q${m0 / 3 + 1}`
					: `${y}-${String(m0 + 1).padStart(2, '0')}`;
	}
	return { start, end, label };
}

/** @param {string} scale @param {number} max @param {number} now */
function periods(scale, max, now) {
	const out = [];
	for (let i = max - 1; i >= 0; i--) out.push(period(scale, now, -i));
	return out;
}

/** @param {any} ctx */
function queriesOf(ctx) {
	const b = ctx.body;
	if (!isObject(b) || b.queries === undefined || b.queries === null)
		throw missing('queries is required');
	if (!isObject(b.queries))
		throw invalid('queries must be a map of query names to query definitions');
	const entries = Object.entries(b.queries);
	if (entries.length === 0) throw missing('queries must contain at least one query');
	for (const [name, q] of entries)
		if (!isObject(q)) throw invalid(`Query ${name}: must be an object`);
	if (
		b.usertags !== undefined &&
		(!Array.isArray(b.usertags) || b.usertags.some((t) => typeof t !== 'string'))
	) {
		throw invalid('usertags must be an array of strings');
	}
	return /** @type {Array<[string, Record<string, any>]>} */ (entries);
}

/**
 * @param {string} name @param {Record<string, any>} q @param {string[]} allowed
 * @param {string} [field] @param {string[]} [dflt]
 */
function measuresOf(name, q, allowed, field = 'measures', dflt = DEFAULT_MEASURES) {
	const list = q[field] ?? (field === 'metrics' ? q.measures : undefined);
	if (list === undefined) return dflt;
	if (!Array.isArray(list) || list.some((m) => typeof m !== 'string' || !m)) {
		throw invalid(`Query ${name}: ${field} must be an array of names`);
	}
	for (const m of list) {
		if (!m.startsWith('#') && !allowed.includes(m))
			throw invalid(`Query ${name}: unknown measure ${m}`);
	}
	return list;
}

/**
 * @param {string} name
 * @param {Record<string, any>} q
 * @param {string[]} scales
 * @param {string} [dflt]
 */
function scaleOf(name, q, scales, dflt) {
	if (q.scale === undefined && dflt) return dflt;
	if (!scales.includes(q.scale)) {
		throw invalid(`Query ${name}: scale must be one of ${scales.join(', ')}`);
	}
	return q.scale;
}

/** @param {string} name @param {Record<string, any>} q */
function maxOf(name, q) {
	if (q.max === undefined) return 4;
	if (!Number.isInteger(q.max) || q.max < 1)
		throw invalid(`Query ${name}: max must be a positive integer`);
	return Math.min(q.max, 100);
}

/**
 * @param {string} prefix
 * @param {string[]} measures
 * @param {{start: number, end: number, label: string}} p
 * @param {number} i
 * @param {number} now
 */
function periodRow(prefix, measures, p, i, now) {
	/** @type {Record<string, any>} */
	const row = { start: p.start, end: p.end, label: p.label };
	for (const m of measures) row[m] = valueFor(m, `${prefix}|${m}|${i}`, now);
	return row;
}

/** @param {any} ctx @param {string[]} allowed @param {string} kind */
function periodic(ctx, allowed, kind) {
	const now = Date.now();
	const parsed = queriesOf(ctx).map(([name, q]) => {
		const scale = scaleOf(name, q, SCALES);
		const measures =
			kind === 'funnel'
				? measuresOf(name, q, allowed, 'metrics', [
						'leadcount',
						'futurecount',
						'currentcount',
						'woncount',
						'lostcount',
					])
				: measuresOf(name, q, allowed);
		return { name, scale, measures, max: maxOf(name, q) };
	});
	/** @type {Record<string, any>} */
	const out = {};
	for (const { name, scale, measures, max } of parsed) {
		out[name] = {
			scale,
			periods: periods(scale, max, now).map((p, i) =>
				periodRow(`${kind}|${name}`, measures, p, i, now),
			),
		};
	}
	return out;
}

/** @param {any} ctx */
const activity = (ctx) => periodic(ctx, ACTIVITY_MEASURES, 'activity');
/** @param {any} ctx */
const funnel = (ctx) => periodic(ctx, FUNNEL_METRICS, 'funnel');

/** @param {any} ctx */
function teamactivity(ctx) {
	const now = Date.now();
	const parsed = queriesOf(ctx).map(([name, q]) => ({
		name,
		q,
		scale: scaleOf(name, q, SCALES),
		measures: measuresOf(name, q, TEAM_MEASURES),
		max: maxOf(name, q),
	}));
	/** @type {Record<string, any>} */
	const out = {};
	for (const { name, q, scale, measures, max } of parsed) {
		const ps = periods(scale, max, now);
		const members = ctx.state.members.filter(
			(/** @type {any} */ m) => !q.tag || (Array.isArray(m.keywords) && m.keywords.includes(q.tag)),
		);
		out[name] = {
			scale,
			periods: ps.map((p) => ({ start: p.start, end: p.end, label: p.label })),
			users: members.map((/** @type {any} */ m) => {
				const rows = ps.map((p, i) => periodRow(`team|${name}|${m.email}`, measures, p, i, now));
				/** @type {Record<string, number>} */
				const totals = {};
				for (const ms of measures) totals[ms] = rows.reduce((s, r) => s + r[ms], 0);
				return { email: m.email, name: m.name, totals, periods: rows };
			}),
		};
	}
	return out;
}

/** @param {any} ctx */
function leads(ctx) {
	const now = Date.now();
	const parsed = queriesOf(ctx).map(([name, q]) => ({
		name,
		scale: scaleOf(name, q, SCALES, 'month'),
		measures: measuresOf(name, q, LEAD_MEASURES, 'measures', ['leads', 'qualified', 'converted']),
		max: maxOf(name, q),
	}));
	/** @type {Record<string, any>} */
	const out = {};
	for (const { name, scale, measures, max } of parsed) {
		out[name] = {
			scale,
			periods: periods(scale, max, now).map((p, i) =>
				periodRow(`leads|${name}`, measures, p, i, now),
			),
		};
	}
	return out;
}

/** @param {unknown} v */
function ms(v) {
	if (v === undefined || v === null || v === '') return null;
	if (typeof v === 'number') return v;
	const t = Date.parse(String(v));
	return Number.isNaN(t) ? null : t;
}

/** @param {any} ctx */
function projects(ctx) {
	const now = Date.now();
	const parsed = queriesOf(ctx).map(([name, q]) => {
		const mode = q.mode ?? 'pipeline';
		if (!['pipeline', 'active'].includes(mode))
			throw invalid(`Query ${name}: mode must be pipeline or active`);
		const relative = q.relative ?? 0;
		if (!Number.isInteger(relative)) throw invalid(`Query ${name}: relative must be an integer`);
		if (q.always !== undefined && typeof q.always !== 'string')
			throw invalid(`Query ${name}: always must be a string`);
		const metrics = measuresOf(name, q, PROJECT_METRICS, 'metrics', [
			'segment',
			'stage',
			'meta_value',
		]);
		return {
			name,
			mode,
			relative,
			always: q.always,
			scale: scaleOf(name, q, PROJECT_SCALES, 'month'),
			metrics,
		};
	});
	const store = ctx.state.store;
	/** @type {Record<string, any>} */
	const out = {};
	for (const { name, mode, relative, always, scale, metrics } of parsed) {
		const p = period(scale, now, relative);
		const stages = mode === 'pipeline' ? ['future', 'current', 'pending'] : ['current', 'won'];
		const recs = store
			.list('project')
			.filter((/** @type {any} */ r) => stages.includes(r.data.stage));
		out[name] = {
			mode,
			scale,
			relative,
			...(always !== undefined ? { always } : {}),
			start: p.start,
			end: p.end,
			projects: recs.map((/** @type {any} */ r) => {
				const d = r.data;
				/** @type {Record<string, any>} */
				const row = { direct: r.direct, name: d.name };
				for (const m of metrics) {
					if (m === 'segment') row.segment = d.segment ?? null;
					else if (m === 'stage') row.stage = d.stage ?? null;
					else if (m === 'nextstep') row.nextstep = d.step ?? null;
					else if (m === 'meta_value') row.meta_value = projectValue(d);
					else if (m === 'project_start') row.project_start = ms(d.startDate);
					else if (m === 'project_active') row.project_active = ms(d.createdDate) ?? r.created;
					else if (m === 'project_end') row.project_end = ms(d.endDate);
					else row[m] = valueFor(m, `projects|${r.direct}|${m}`, now);
				}
				return row;
			}),
		};
	}
	return out;
}

/** @param {any} ctx */
function teamactivityUpdate(ctx) {
	const q = ctx.query;
	intParam(q, 'wait', 60000, 0, 10 * 60000);
	const skip = boolParam(q, 'skip');
	const tag = str(q.tag);
	void tag;
	const u = ctx.state.teamUpdate;
	const now = Date.now();
	if (!skip && now - u.to >= 15 * 60000) {
		u.from = u.to;
		u.to = now;
	}
	// The schema's answer: dates of the least and most recently updated member, and counts.
	const users = ctx.state.members.length;
	const started = !skip && u.to === now;
	return {
		errorcode: 0,
		oldest: u.from,
		newest: u.to,
		users,
		skipped: started ? 0 : users,
		updated: started ? users : 0,
	};
}

module.exports = {
	ACTIVITY_MEASURES,
	TEAM_MEASURES,
	FUNNEL_METRICS,
	PROJECT_METRICS,
	LEAD_MEASURES,
	handlers: { activity, funnel, leads, projects, teamactivity, teamactivityUpdate },
};
