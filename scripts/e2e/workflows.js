'use strict';
/*
 * Small builders for workflow JSON as n8n exports it (nodes, connections, settings), used by the
 * end-to-end suite. Node types are the community-package names users have in their workflows.
 */
const crypto = require('node:crypto');

const PKG = 'n8n-nodes-cloze';
const TYPES = {
	cloze: `${PKG}.cloze`,
	trigger: `${PKG}.clozeTrigger`,
	feed: `${PKG}.clozeFeedTrigger`,
	manual: 'n8n-nodes-base.manualTrigger',
	set: 'n8n-nodes-base.set',
	code: 'n8n-nodes-base.code',
	noOp: 'n8n-nodes-base.noOp',
	webhook: 'n8n-nodes-base.webhook',
};

/** The Cloze node's `authentication` value for a credential type. */
const AUTHENTICATION = { clozeApi: 'apiKey', clozeOAuth2Api: 'oAuth2' };

function uuid(seed) {
	// Deterministic ids: the same workflow JSON on every run.
	const h = crypto.createHash('sha256').update(String(seed)).digest('hex');
	return (
		`${h.slice(0, 8)}-${h.slice(8, 12)}-` +
		`4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
	);
}

/**
 * A workflow whose nodes run one after the other.
 * @param {{id?: string, name: string, nodes: Array<object>,
 *   credential?: {id: string, name: string, type?: string}}} spec
 *   each node: {name, type, parameters, typeVersion?, webhookId?,
 *   credentials?: false | {<type>: {id, name}}} (Cloze nodes get `credential` as their credential
 *   of `credential.type`, default clozeApi, unless `credentials` says otherwise)
 */
function chainWorkflow({ id, name, nodes, credential, settings = {} }) {
	const built = nodes.map((n, i) => {
		const node = {
			id: uuid(`${id}/${n.name}`),
			name: n.name,
			type: n.type,
			typeVersion: n.typeVersion || 1,
			position: [240 + i * 220, 300],
			parameters: n.parameters || {},
		};
		if (n.webhookId) node.webhookId = n.webhookId;
		if (n.alwaysOutputData) node.alwaysOutputData = true;
		if (n.executeOnce) node.executeOnce = true;
		if (n.continueOnFail) node.onError = 'continueRegularOutput';
		const isCloze = n.type.startsWith(`${PKG}.`);
		if (n.credentials && typeof n.credentials === 'object') {
			node.credentials = n.credentials;
		} else if (isCloze && credential && n.credentials !== false) {
			node.credentials = {
				[credential.type || 'clozeApi']: { id: credential.id, name: credential.name },
			};
		}
		return node;
	});
	const connections = {};
	for (let i = 0; i < built.length - 1; i++) {
		connections[built[i].name] = { main: [[{ node: built[i + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		id,
		name,
		nodes: built,
		connections,
		active: false,
		settings: { executionOrder: 'v1', ...settings },
		pinData: {},
		tags: [],
	};
}

/**
 * The Cloze Trigger workflow of the suite and the benchmark: a person's stage changed to Active
 * (audit event, change filter built from fields), then a Set node naming who and the new stage.
 */
function stageChangeTriggerWorkflow({ id, name, webhookId, credential }) {
	return chainWorkflow({
		id,
		name,
		credential,
		nodes: [
			{
				name: 'Cloze Trigger',
				type: TYPES.trigger,
				webhookId,
				parameters: {
					authentication: AUTHENTICATION[(credential && credential.type) || 'clozeApi'],
					event: 'person.audit.change',
					scope: 'local',
					filterMode: 'fields',
					changeFilters: { change: [{ field: 'stage', after: 'current' }] },
					simplify: true,
				},
			},
			{
				name: 'Stage Change',
				type: TYPES.set,
				typeVersion: 3.4,
				parameters: {
					mode: 'manual',
					assignments: {
						assignments: [
							{ id: 'a1', name: 'who', value: '={{ $json.person.name }}', type: 'string' },
							{
								id: 'a2',
								name: 'stage',
								value: '={{ $json.changes.stage.after }}',
								type: 'string',
							},
						],
					},
					options: {},
				},
			},
		],
	});
}

/** The Cloze Feed Trigger workflow of the suite: new and changed people, polled every minute. */
function feedTriggerWorkflow({ id, name, credential }) {
	return chainWorkflow({
		id,
		name,
		credential,
		nodes: [
			{
				name: 'Cloze Feed Trigger',
				type: TYPES.feed,
				parameters: {
					authentication: AUTHENTICATION[(credential && credential.type) || 'clozeApi'],
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					resource: 'person',
					scope: 'local',
					simplify: true,
				},
			},
		],
	});
}

/** Items (json) a node produced in a run (`n8n execute` output or an execution's data). */
function nodeItems(runData, nodeName, output = 0) {
	const runs = runData[nodeName];
	if (!runs || !runs.length) return undefined;
	const main = runs[runs.length - 1].data && runs[runs.length - 1].data.main;
	return ((main && main[output]) || []).map((i) => i.json);
}

function nodeError(runData, nodeName) {
	const runs = runData[nodeName];
	return runs && runs.length ? runs[runs.length - 1].error : undefined;
}

/**
 * A workflow started by a POST to n8n's `/webhook/<path>` (answered at once; the run is read back
 * through the public API), then `nodes` one after the other.
 */
function webhookWorkflow({ id, name, path, nodes, credential }) {
	const trigger = {
		name: 'Webhook',
		type: TYPES.webhook,
		typeVersion: 2,
		webhookId: uuid(`webhook/${path}`),
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
	return chainWorkflow({ id, name, credential, nodes: [trigger, ...nodes] });
}

module.exports = {
	TYPES,
	AUTHENTICATION,
	webhookWorkflow,
	uuid,
	chainWorkflow,
	stageChangeTriggerWorkflow,
	feedTriggerWorkflow,
	nodeItems,
	nodeError,
};
