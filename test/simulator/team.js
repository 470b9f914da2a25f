'use strict';

/**
 * Team: members, subteam nodes, roles; GET/POST /v1/team/*.
 *
 * Choices where the reference is silent:
 *   - members/update: `key` is required (errorcode 3); an unknown key is errorcode 5
 *     "Team member not found"; `role` must be an existing role LABEL (case-insensitive),
 *     `node` / `nodeByParts` / `secondaryNodes` / `visibleAt` must name existing node paths
 *     (errorcode 4 otherwise). `customFields` is an array of {id, name?, value}; `keywords`
 *     is {add?: string[], remove?: string[]}. Answers {errorcode: 0}.
 *   - members/list lists {name, email, role, node, keywords}, plus secondaryNodes, visibleAt
 *     and customFields once an update has set them.
 *   - nodes lists SubteamNode {node, fullPathLabel, leafLabel, depth}; roles TeamRole {id, name}
 *     (the schema's shapes).
 */

const { missing, invalid, notFound } = require('./errors');
const { clone, isObject, str } = require('./http-util');

/** Subteam nodes as Cloze lists them (SubteamNode): `node` is the path a request names. */
const TEAM_NODES = [
	{ node: '/US', fullPathLabel: 'US', leafLabel: 'US', depth: 1 },
	{ node: '/US/West', fullPathLabel: 'US / West', leafLabel: 'West', depth: 2 },
	{ node: '/US/West/CA', fullPathLabel: 'US / West / CA', leafLabel: 'CA', depth: 3 },
	{ node: '/US/East', fullPathLabel: 'US / East', leafLabel: 'East', depth: 2 },
	{ node: '/US/East/NY', fullPathLabel: 'US / East / NY', leafLabel: 'NY', depth: 3 },
];

const TEAM_ROLES = [
	{ id: 'admin', name: 'Administrator' },
	{ id: 'manager', name: 'Manager' },
	{ id: 'agent', name: 'Agent' },
	{ id: 'isa', name: 'Inside Sales' },
];

/** `keywords` are the members' profile tags (used by analytics `tag`). */
const TEAM_MEMBERS = [
	{
		name: 'Dana Varenos',
		email: 'dana@incfire.com',
		role: 'Administrator',
		node: '/US',
		keywords: ['admin'],
	},
	{
		name: 'Dave Varenos',
		email: 'dave@incfire.com',
		role: 'Manager',
		node: '/US/West',
		keywords: ['advisor', 'manager'],
	},
	{
		name: 'Carla Mendes',
		email: 'carla@incfire.com',
		role: 'Agent',
		node: '/US/West/CA',
		keywords: ['advisor'],
	},
	{
		name: 'Tom Becker',
		email: 'tom@incfire.com',
		role: 'Agent',
		node: '/US/East/NY',
		keywords: ['advisor'],
	},
	{
		name: 'Priya Shah',
		email: 'priya@incfire.com',
		role: 'Inside Sales',
		node: '/US/East',
		keywords: ['isa'],
	},
];

/** @param {string} p */
const nodeExists = (p) => TEAM_NODES.some((n) => n.node.toLowerCase() === p.toLowerCase());
/** @param {string} p */
const canonicalNode = (p) =>
	TEAM_NODES.find((n) => n.node.toLowerCase() === p.toLowerCase())?.node || p;

/**
 * @param {Array<Record<string, any>>} members
 * @param {unknown} email
 */
function findMember(members, email) {
	if (typeof email !== 'string') return undefined;
	const l = email.trim().toLowerCase();
	return members.find((m) => m.email.toLowerCase() === l);
}

/** @param {{state: any}} ctx */
const membersList = (ctx) => ({ errorcode: 0, list: clone(ctx.state.members) });

/**
 * @param {string} field
 * @param {unknown} list
 */
function nodeList(field, list) {
	if (!Array.isArray(list)) throw invalid(`${field} must be an array of node paths`);
	return list.map((p) => {
		if (typeof p !== 'string' || !nodeExists(p))
			throw invalid(`${field}: unknown node ${JSON.stringify(p)}`);
		return canonicalNode(p);
	});
}

/** @param {{state: any, body: any}} ctx */
function membersUpdate(ctx) {
	const b = ctx.body;
	const key = str(b.key);
	if (!key) throw missing('key (the team member e-mail) is required');
	const member = findMember(ctx.state.members, key);
	if (!member) throw notFound('Team member not found');
	/** @type {Record<string, any>} */
	const patch = {};
	if (b.role !== undefined) {
		const role = TEAM_ROLES.find((r) => r.name.toLowerCase() === String(b.role).toLowerCase());
		if (!role) throw invalid(`Unknown role: ${b.role}`);
		patch.role = role.name;
	}
	if (b.node !== undefined && b.nodeByParts !== undefined)
		throw invalid('Give node or nodeByParts, not both');
	if (b.node !== undefined) {
		if (typeof b.node !== 'string' || !nodeExists(b.node)) throw invalid(`Unknown node: ${b.node}`);
		patch.node = canonicalNode(b.node);
	}
	if (b.nodeByParts !== undefined) {
		if (!Array.isArray(b.nodeByParts) || b.nodeByParts.some((p) => typeof p !== 'string' || !p)) {
			throw invalid('nodeByParts must be an array of node path elements');
		}
		const p = '/' + b.nodeByParts.join('/');
		if (!nodeExists(p)) throw invalid(`Unknown node: ${p}`);
		patch.node = canonicalNode(p);
	}
	if (b.secondaryNodes !== undefined)
		patch.secondaryNodes = nodeList('secondaryNodes', b.secondaryNodes);
	if (b.visibleAt !== undefined) patch.visibleAt = nodeList('visibleAt', b.visibleAt);
	let customFields;
	if (b.customFields !== undefined) {
		if (
			!Array.isArray(b.customFields) ||
			b.customFields.some((c) => !isObject(c) || typeof c.id !== 'string')
		) {
			throw invalid('customFields must be an array of {id, value}');
		}
		customFields = b.customFields;
	}
	let keywords;
	if (b.keywords !== undefined) {
		const k = b.keywords;
		const okList = (/** @type {unknown} */ l) =>
			l === undefined || (Array.isArray(l) && l.every((x) => typeof x === 'string'));
		if (!isObject(k) || !okList(k.add) || !okList(k.remove)) {
			throw invalid('keywords must be {add: string[], remove: string[]}');
		}
		keywords = k;
	}
	if (b.dryrun === true) return { errorcode: 0 };
	Object.assign(member, patch);
	if (customFields) {
		member.customFields = member.customFields || [];
		for (const cf of customFields) {
			const prev = member.customFields.find((/** @type {any} */ c) => c.id === cf.id);
			if (prev) Object.assign(prev, clone(cf));
			else member.customFields.push(clone(cf));
		}
	}
	if (keywords) {
		const set = new Set(member.keywords || []);
		for (const w of keywords.add || []) set.add(w);
		for (const w of keywords.remove || []) set.delete(w);
		member.keywords = [...set];
	}
	return { errorcode: 0 };
}

const nodes = () => ({ errorcode: 0, list: clone(TEAM_NODES) });
const roles = () => ({ errorcode: 0, list: clone(TEAM_ROLES) });

module.exports = {
	TEAM_NODES,
	TEAM_ROLES,
	TEAM_MEMBERS,
	findMember,
	nodeExists,
	handlers: { membersList, membersUpdate, nodes, roles },
};
