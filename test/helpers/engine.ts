/**
 * Runs the package's nodes through n8n's own execution engine (n8n-core's WorkflowExecute, which
 * hands declarative nodes to its RoutingNode), with real HTTP to the local Cloze simulator. Nothing
 * here routes requests: this file only supplies what an n8n server would (node types, decrypted
 * credentials, lifecycle hooks), as n8n's own node test harness does.
 */
import {
	DirectoryLoader,
	ExecuteContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	IExecuteData,
} from 'n8n-workflow';
import { Expression, ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

import { ClozeApi } from '../../credentials/ClozeApi.credentials';
import { ClozeOAuth2Api } from '../../credentials/ClozeOAuth2Api.credentials';
import { Cloze } from '../../nodes/Cloze/Cloze.node';

export const PACKAGE = 'n8n-nodes-cloze';

/** A node type as n8n's loader hands it over: a declarative node gets n8n's Request Options. */
function asLoaded(nodeType: INodeType): INodeType {
	DirectoryLoader.applyDeclarativeNodeOptionParameters(nodeType);
	return nodeType;
}

const nodeClasses: Record<string, INodeType> = {
	[`${PACKAGE}.cloze`]: asLoaded(new Cloze()),
};

/**
 * Registers another node class, as n8n's loader hands it over (the triggers register themselves
 * from their own tests; a test may register a Cloze node built with an operation added).
 */
export function registerNodeType(name: string, nodeType: INodeType): void {
	nodeClasses[typeName(name)] = asLoaded(nodeType);
}

/**
 * A node type's full name: one of the package's (`cloze`), or another package's as given
 * (`n8n-nodes-base.httpRequest`).
 */
function typeName(name: string): string {
	return name.includes('.') ? name : `${PACKAGE}.${name}`;
}

const credentialTypes: Record<string, ICredentialType> = {
	clozeApi: new ClozeApi(),
	clozeOAuth2Api: new ClozeOAuth2Api(),
};

export const nodeTypes: INodeTypes = {
	getByName: (type) => nodeClasses[type],
	getByNameAndVersion: (type, version) =>
		NodeHelpers.getVersionedNodeType(nodeClasses[type], version),
	getKnownTypes: () => ({}),
} as INodeTypes;

/**
 * What n8n's server keeps for credentials: decrypted data by type, and the credential type's own
 * `authenticate` rule applied as n8n applies it (expressions resolved against `$credentials`).
 */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(name: string): string[] {
		return credentialTypes[name]?.extends ?? [];
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = credentialTypes[typeName]?.authenticate;
		if (authenticate === undefined) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		const resolve = (value: string) =>
			workflow.expression.getParameterValue(value, null, 0, 0, node.name, [], 'internal', {
				$credentials: credentials,
			}) as string;
		const headers = { ...(requestOptions.headers ?? {}) } as IDataObject;
		for (const [key, value] of Object.entries(authenticate.properties.headers ?? {})) {
			headers[key] = resolve(String(value));
		}
		const qs = { ...(requestOptions.qs ?? {}) } as IDataObject;
		for (const [key, value] of Object.entries(authenticate.properties.qs ?? {})) {
			qs[key] = resolve(String(value));
		}
		return { ...requestOptions, headers, qs };
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	getCredentialsProperties() {
		return [];
	}

	getOAuth2Options() {
		return undefined;
	}

	async getDecrypted(_additionalData: unknown, _nodeCredentials: unknown, type: string) {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return structuredClone(data);
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by these tests');
	}

	async updateCredentials() {}

	/** Keeps a refreshed OAuth2 token, as n8n saves it to the credential. */
	async updateCredentialsOauthTokenData(
		_nodeCredentials: unknown,
		type: string,
		data: ICredentialDataDecryptedObject,
	) {
		if (this.data[type])
			this.data[type] = {
				...this.data[type],
				oauthTokenData: structuredClone(data.oauthTokenData),
			};
	}

	isCredentialUsableByNode() {
		return true;
	}
}

export function additionalDataFor(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		variables: {},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Credentials as stored by n8n, pointing at a simulator. */
export function apiKeyCredentials(url: string, apiKey = 'test-api-key') {
	return { clozeApi: { email: 'owner@example.com', apiKey, apiUrl: url } };
}

export function oAuth2Credentials(url: string, accessToken = 'test-oauth-token') {
	return {
		clozeOAuth2Api: {
			apiUrl: url,
			grantType: 'authorizationCode',
			authUrl: 'https://www.cloze.com/oauth/authorize',
			// A token refresh must not leave the machine: point it at the simulator.
			accessTokenUrl: `${url}/oauth/token`,
			clientId: 'test-client',
			clientSecret: 'test-secret',
			scope: 'basic read_relation change_relation read_content change_content analytics',
			authentication: 'body',
			oauthTokenData: { access_token: accessToken, token_type: 'Bearer' },
		},
	};
}

export interface RunOptions {
	/** The Cloze node's parameters, as a saved workflow holds them. */
	parameters: IDataObject;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	/** Input items; one empty item by default. */
	input?: IDataObject[];
	continueOnFail?: boolean;
	/** The node type: one of the package's by its name, or another package's by its full name. */
	type?: string;
	/** The node's settings besides its parameters (typeVersion, retryOnFail, maxTries…). */
	node?: Partial<INode>;
}

export interface RunResult {
	/** Output items of the node (json and error of each). */
	items: INodeExecutionData[];
	json: IDataObject[];
	/** The error the node stopped with, if it did. */
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	run: IRun;
}

/** Runs one node of the package in a workflow through n8n-core's WorkflowExecute. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const credentialType =
		options.parameters.authentication === 'oAuth2' ? 'clozeOAuth2Api' : 'clozeApi';
	const node: INode = {
		id: 'cloze-node',
		name: 'Cloze',
		type: typeName(options.type ?? 'cloze'),
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: { [credentialType]: { id: '1', name: 'Cloze account' } },
		onError: options.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
		...options.node,
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: false,
		settings: {},
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [node],
		connections: {},
	});
	let finished: (run: IRun) => void = () => {};
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => finished(fullRunData));
	const input = (options.input ?? [{}]).map((json) => ({ json }));
	const runExecutionData: IRunExecutionData = {
		version: 1,
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [{ node, data: { main: [input] }, source: null } as IExecuteData],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as IRunExecutionData;
	const execute = new WorkflowExecute(
		additionalDataFor(options.credentials, hooks),
		'manual',
		runExecutionData,
	);
	await execute.processRunExecutionData(workflow);
	const run = await done;
	const taskData = run.data.resultData.runData[node.name]?.[0];
	const items = taskData?.data?.main?.[0] ?? [];
	return {
		items,
		json: items.map((item) => item.json),
		error: (taskData?.error ?? run.data.resultData.error) as RunResult['error'],
		run,
	};
}

/** What a load-options method (`loadOptions`) or a list search (`listSearch`) answers. */
export type LoadResult<Kind extends 'loadOptions' | 'listSearch'> = Kind extends 'listSearch'
	? INodeListSearchResult
	: INodePropertyOptions[];

/** Calls a node's `loadOptions` or `listSearch` method through n8n-core's LoadOptionsContext. */
export async function loadOptions<Kind extends 'loadOptions' | 'listSearch'>(
	kind: Kind,
	method: string,
	parameters: IDataObject,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	args: unknown[] = [],
	type = 'cloze',
	/**
	 * The parameter the list is for, as the editor names it (e.g.
	 * `parameters.changeFilters.change[0].before`).
	 */
	path = '',
): Promise<LoadResult<Kind>> {
	const credentialType = parameters.authentication === 'oAuth2' ? 'clozeOAuth2Api' : 'clozeApi';
	const node: INode = {
		id: 'cloze-node',
		name: 'Cloze',
		type: `${PACKAGE}.${type}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: parameters as INode['parameters'],
		credentials: { [credentialType]: { id: '1', name: 'Cloze account' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, nodeTypes, active: false });
	const additionalData = additionalDataFor(credentials);
	// The editor sends the form's parameters with their defaults filled in, as the workflow holds
	// them.
	(additionalData as { currentNodeParameters?: IDataObject }).currentNodeParameters =
		workflow.getNode(node.name)?.parameters as IDataObject;
	const context = new LoadOptionsContext(workflow, node, additionalData, path);
	const methods = (
		nodeClasses[node.type] as unknown as {
			methods: Record<
				string,
				Record<string, ((...a: unknown[]) => Promise<LoadResult<Kind>>) | undefined>
			>;
		}
	).methods[kind];
	const call = methods?.[method];
	if (!call) throw new Error(`The node ${node.type} has no ${kind} method ${method}`);
	return await call.call(context, ...args);
}

/**
 * Runs the API key credential's `test` the way n8n's CredentialsTester does (packages/cli, not
 * part of n8n-core): its request as the only routed property of a bare node, through n8n-core's
 * RoutingNode with the decrypted credential, then its `responseSuccessBody` rules in order.
 */
export async function runCredentialTest(data: ICredentialDataDecryptedObject) {
	const test = credentialTypes.clozeApi.test!;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'credential-test',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { clozeApi: { id: '1', name: 'Cloze account' } },
	};
	const nodeType = {
		description: {
			displayName: 'Temp',
			name: 'credential-test',
			group: [],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: 'clozeApi', required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: test.request },
				},
			],
		},
	} as unknown as INodeType;
	const types = {
		...nodeTypes,
		getByNameAndVersion: () => nodeType,
		getByName: () => nodeType,
	} as INodeTypes;
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: types,
	});
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor({ clozeApi: data }),
		'internal',
		{ resultData: { runData: {} } } as IRunExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null } as IExecuteData,
		[],
	);
	const credentialsDecrypted = { id: '1', name: 'Cloze account', type: 'clozeApi', data };
	let response: INodeExecutionData[][];
	try {
		response = (await new RoutingNode(
			context,
			nodeType,
			credentialsDecrypted,
		).runNode()) as INodeExecutionData[][];
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const body = response[0][0].json as IDataObject;
			const value = rule.properties.key
				.split('.')
				.reduce<unknown>((o, k) => (o as IDataObject)?.[k], body);
			if (value === rule.properties.value)
				return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** RoutingNode's methods through which n8n walks a node's properties (and its requestDefaults). */
const WALK_METHODS = ['getParameterValue', 'getRequestOptionsFromParameters', 'resolveBaseUrl'];

/**
 * Runs `run` while watching n8n's expression engine: `seen(value, inWalk)` gets every parameter
 * value it resolves, `inWalk` telling whether RoutingNode's own property walks asked for it (else
 * the node's hooks did). Both are as before once `run` ends.
 */
export async function watchExpressions<T>(
	seen: (value: unknown, inWalk: boolean) => void,
	run: () => Promise<T>,
): Promise<T> {
	type Methods = Record<string, (...args: unknown[]) => unknown>;
	const expression = Expression.prototype as unknown as Methods;
	const routing = RoutingNode.prototype as unknown as Methods;
	const resolve = expression.resolveSimpleParameterValue;
	const originals = WALK_METHODS.map((name) => routing[name]);
	let inWalk = 0;
	expression.resolveSimpleParameterValue = function (this: unknown, ...args: unknown[]) {
		seen(args[0], inWalk > 0);
		return resolve.apply(this, args);
	};
	WALK_METHODS.forEach((name, index) => {
		routing[name] = function (this: unknown, ...args: unknown[]) {
			inWalk++;
			try {
				return originals[index].apply(this, args);
			} finally {
				inWalk--;
			}
		};
	});
	try {
		return await run();
	} finally {
		expression.resolveSimpleParameterValue = resolve;
		WALK_METHODS.forEach((name, index) => (routing[name] = originals[index]));
	}
}
