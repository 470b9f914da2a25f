'use strict';

/**
 * The router table: the endpoints of test/contract/endpoints.txt. Each handler takes a context
 * { sim, state, query, body, headers, baseUrl, auth } and returns the JSON answer
 * (HTTP 200) or throws an ApiError (HTTP 200 + errorcode).
 */

const account = require('./account').handlers;
const team = require('./team').handlers;
const analytics = require('./analytics').handlers;
const timeline = require('./timeline').handlers;
const rel = require('./relations').handlers;

/** @typedef {(ctx: any) => any} Handler */

/** @type {Array<[string, string, Handler]>} */
const ROUTES = [
	['POST', '/v1/analytics/activity', analytics.activity],
	['POST', '/v1/analytics/funnel', analytics.funnel],
	['POST', '/v1/analytics/leads', analytics.leads],
	['POST', '/v1/analytics/projects', analytics.projects],
	['POST', '/v1/analytics/teamactivity', analytics.teamactivity],
	['GET', '/v1/analytics/teamactivity/update', analytics.teamactivityUpdate],

	['GET', '/v1/team/members/list', team.membersList],
	['POST', '/v1/team/members/update', team.membersUpdate],
	['GET', '/v1/team/nodes', team.nodes],
	['GET', '/v1/team/roles', team.roles],

	['GET', '/v1/user/fields', account.fields],
	['GET', '/v1/user/profile', account.profile],
	['GET', '/v1/user/segments/people', account.segmentsPeople],
	['GET', '/v1/user/segments/projects', account.segmentsProjects],
	['GET', '/v1/user/stages/people', account.stagesPeople],
	['GET', '/v1/user/stages/projects', account.stagesProjects],
	['GET', '/v1/user/steps', account.steps],
	['GET', '/v1/user/views', account.views],

	['POST', '/v1/projects/create', rel.project.create],
	['DELETE', '/v1/projects/delete', rel.project.delete],
	['GET', '/v1/projects/feed', rel.project.feed],
	['GET', '/v1/projects/find', rel.project.find],
	['GET', '/v1/projects/get', rel.project.get],
	['POST', '/v1/projects/update', rel.project.update],

	['POST', '/v1/people/create', rel.person.create],
	['DELETE', '/v1/people/delete', rel.person.delete],
	['GET', '/v1/people/feed', rel.person.feed],
	['GET', '/v1/people/find', rel.person.find],
	['GET', '/v1/people/get', rel.person.get],
	['POST', '/v1/people/update', rel.person.update],

	['POST', '/v1/companies/create', rel.company.create],
	['DELETE', '/v1/companies/delete', rel.company.delete],
	['GET', '/v1/companies/feed', rel.company.feed],
	['GET', '/v1/companies/find', rel.company.find],
	['GET', '/v1/companies/get', rel.company.get],
	['POST', '/v1/companies/update', rel.company.update],

	['GET', '/v1/messages/opens', timeline.opens],
	['POST', '/v1/timeline/communication/create', timeline.communication],
	['POST', '/v1/timeline/content/create', timeline.content],
	['POST', '/v1/timeline/todo/create', timeline.todo],

	['GET', '/v1/webhooks', (ctx) => ctx.sim.webhooks.list(ctx)],
	['POST', '/v1/webhooks/subscribe', (ctx) => ctx.sim.webhooks.subscribe(ctx)],
	['POST', '/v1/webhooks/unsubscribe', (ctx) => ctx.sim.webhooks.unsubscribe(ctx)],
];

/** path -> method -> handler */
const TABLE = new Map();
for (const [method, path, handler] of ROUTES) {
	if (!TABLE.has(path)) TABLE.set(path, new Map());
	TABLE.get(path).set(method, handler);
}

module.exports = { ROUTES, TABLE };
