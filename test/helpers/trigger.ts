/**
 * Runs the Cloze Trigger the way an n8n server does, with n8n-core's real contexts:
 *
 * - `activate()` / `deactivate()` call the node's webhook methods through n8n-core's `HookContext`
 *   as n8n's WebhookService does (`checkExists`, then `create` when it answered false; `delete`),
 *   on a `Workflow` built from the persisted static data, and persist the static data afterwards.
 * - A small HTTP server on 127.0.0.1 plays n8n's webhook endpoint: it parses the body as n8n does
 *   (JSON into `req.body`, the bytes in `req.rawBody`, 422 for a JSON body that does not parse),
 *   builds the workflow afresh from the persisted static data (as another process in queue mode
 *   would), hands the request to `webhook()` through n8n-core's `WebhookContext`, and answers the
 *   way n8n does for `responseMode: 'onReceived'` (including the `firstEntryJson` fallback when a
 *   node leaves the answer to n8n). Every run the node starts is recorded in `runs`.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	IWebhookData,
	IWebhookResponseData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { ClozeTrigger } from '../../nodes/ClozeTrigger/ClozeTrigger.node';
import { additionalDataFor, nodeTypes, PACKAGE, registerNodeType } from './engine';

registerNodeType('clozeTrigger', new ClozeTrigger());

export const TRIGGER_TYPE = `${PACKAGE}.clozeTrigger`;
const triggerType = new ClozeTrigger();
const webhookDescription = triggerType.description.webhooks![0];

export interface TriggerOptions {
	parameters: IDataObject;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	workflowId?: string;
	nodeId?: string;
	webhookId?: string;
	/** The node's typeVersion in the workflow (default 1). */
	typeVersion?: number;
}

export interface RecordedResponse {
	status: number;
	contentType: string | undefined;
	body: string;
}

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value ?? {})) as T;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** What n8n's `onReceived` extractor answers when the node left the answer to n8n. */
function onReceivedBody(result: IWebhookResponseData): unknown {
	const responseData = (webhookDescription.responseData as string | undefined) ?? 'firstEntryJson';
	if (responseData === 'noData') return undefined;
	if (responseData) return responseData;
	if (result.webhookResponse !== undefined) return result.webhookResponse;
	return { message: 'Workflow was started' };
}

/** Express's `res.send` / `res.json` as n8n's legacy responder uses them. */
function sendLikeExpress(res: ServerResponse, status: number, body: unknown): void {
	if (typeof body === 'string') {
		res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
		res.end(body);
	} else {
		res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
		res.end(body === undefined ? '' : JSON.stringify(body));
	}
}

export class TriggerHarness {
	parameters: IDataObject;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	readonly workflowId: string;
	readonly nodeId: string;
	readonly webhookId: string;
	readonly typeVersion: number;
	/** The workflow's static data as n8n persists it between activations and requests. */
	staticData: IDataObject = {};
	/** What n8n keeps for the editor's test webhook (its own copy, kept with the registration). */
	testStaticData: IDataObject = {};
	/** Items of every workflow run a delivery started, oldest first. */
	runs: INodeExecutionData[][] = [];
	/** Answers of the webhook endpoint, oldest first. */
	responses: RecordedResponse[] = [];
	/** Errors thrown by `webhook()` (n8n would answer 500). */
	errors: Error[] = [];
	/** When set, the endpoint answers like a broken receiver (to make Cloze suspend). */
	breakAnswers = false;
	url = '';
	private server?: Server;

	constructor(options: TriggerOptions) {
		this.parameters = options.parameters;
		this.credentials = options.credentials;
		this.workflowId = options.workflowId ?? 'wf-trigger-1';
		this.nodeId = options.nodeId ?? '5b0a5c1e-2c1d-4a4e-9f7d-0c2f5d6e7a81';
		this.webhookId = options.webhookId ?? '0d3c4b7e-8a55-4f0e-b5a1-6f7a1d2c3e4f';
		this.typeVersion = options.typeVersion ?? 1;
	}

	async start(): Promise<this> {
		this.server = createServer((req, res) => {
			this.handle(req, res).catch((error: Error) => {
				this.errors.push(error);
				if (!res.headersSent) res.writeHead(500).end();
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server!.close(resolve));
	}

	/** The production URL n8n gives the node (without the secret). */
	get webhookUrl(): string {
		return `${this.url}/webhook/${this.webhookId}/webhook`;
	}

	get testWebhookUrl(): string {
		return `${this.url}/webhook-test/${this.webhookId}/webhook`;
	}

	/** The node's own static data (n8n keeps it under `node:<name>`). */
	get nodeStaticData(): IDataObject {
		return (this.staticData['node:Cloze Trigger'] as IDataObject) ?? {};
	}

	get testNodeStaticData(): IDataObject {
		return (this.testStaticData['node:Cloze Trigger'] as IDataObject) ?? {};
	}

	node(): INode {
		const credentialType =
			this.parameters.authentication === 'oAuth2' ? 'clozeOAuth2Api' : 'clozeApi';
		return {
			id: this.nodeId,
			name: 'Cloze Trigger',
			type: TRIGGER_TYPE,
			typeVersion: this.typeVersion,
			position: [0, 0],
			webhookId: this.webhookId,
			parameters: clone(this.parameters) as INode['parameters'],
			credentials: { [credentialType]: { id: '1', name: 'Cloze account' } },
		};
	}

	/** The workflow as n8n loads it from its database: node, parameters and persisted static data. */
	workflow(test = false): Workflow {
		return new Workflow({
			id: this.workflowId,
			name: 'Cloze trigger test',
			nodes: [this.node()],
			connections: {},
			nodeTypes,
			active: true,
			staticData: clone(test ? this.testStaticData : this.staticData),
			settings: {},
		});
	}

	private additionalData() {
		const additionalData = additionalDataFor(this.credentials);
		additionalData.webhookBaseUrl = `${this.url}/webhook`;
		additionalData.webhookTestBaseUrl = `${this.url}/webhook-test`;
		return additionalData;
	}

	private webhookData(workflow: Workflow, isTest: boolean): IWebhookData {
		return {
			httpMethod: 'POST',
			node: 'Cloze Trigger',
			path: `${this.webhookId}/webhook`,
			webhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: this.additionalData(),
			webhookId: this.webhookId,
			isTest,
		} as IWebhookData;
	}

	/**
	 * Runs one webhook method through n8n-core's HookContext, then persists the static data. `test`:
	 * the editor's test webhook (n8n's webhook data says `isTest`, the URL is the test URL).
	 */
	async hook(
		method: 'checkExists' | 'create' | 'delete',
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
		isTest = false,
		workflow = this.workflow(isTest),
	): Promise<boolean> {
		const node = workflow.getNode('Cloze Trigger')!;
		const context = new HookContext(
			workflow,
			node,
			this.additionalData(),
			mode,
			activation,
			this.webhookData(workflow, isTest),
		);
		try {
			return await triggerType.webhookMethods.default[method].call(context);
		} finally {
			const saved = clone(workflow.staticData);
			delete saved.__dataChanged;
			if (isTest) this.testStaticData = saved;
			else this.staticData = saved;
		}
	}

	/**
	 * What n8n does when it activates the workflow and at every start (`activation: 'init'`):
	 * checkExists, then create when it answered false. `test`: "Listen for test event" in the editor
	 * (n8n runs both with mode and activation 'manual').
	 */
	async activate(options: { test?: boolean; activation?: WorkflowActivateMode } = {}) {
		const test = options.test === true;
		const workflow = this.workflow(test);
		const mode: WorkflowExecuteMode = test ? 'manual' : 'trigger';
		const activation = test ? 'manual' : (options.activation ?? 'activate');
		const existed = await this.hook('checkExists', mode, activation, test, workflow);
		if (!existed) await this.hook('create', mode, activation, test, workflow);
		return { existed };
	}

	/**
	 * What n8n does when the workflow is deactivated, or a test listen ends: delete, mode 'internal'.
	 */
	async deactivate(options: { test?: boolean } = {}) {
		return await this.hook('delete', 'internal', 'update', options.test === true);
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', this.url);
		const isTest = url.pathname === `/webhook-test/${this.webhookId}/webhook`;
		if (
			req.method !== 'POST' ||
			(!isTest && url.pathname !== `/webhook/${this.webhookId}/webhook`)
		) {
			sendLikeExpress(res, 404, { code: 404, message: 'The requested webhook is not registered.' });
			return;
		}
		const rawBody = await readBody(req);
		const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		const request = req as IncomingMessage & IDataObject;
		request.rawBody = rawBody;
		request.contentType = contentType;
		request.params = {};
		const query: IDataObject = {};
		for (const key of new Set(url.searchParams.keys())) {
			const values = url.searchParams.getAll(key);
			query[key] = values.length > 1 ? values : values[0];
		}
		request.query = query;
		if (rawBody.length) {
			try {
				if (contentType === 'application/json') request.body = JSON.parse(rawBody.toString('utf8'));
				else if (contentType === 'text/plain') request.body = rawBody.toString('utf8');
			} catch {
				sendLikeExpress(res, 422, { code: 422, message: 'Failed to parse request body' });
				return;
			}
		}

		if (this.breakAnswers) {
			sendLikeExpress(res, 200, 'firstEntryJson');
			return;
		}

		const workflow = this.workflow(isTest);
		const node = workflow.getNode('Cloze Trigger')!;
		const additionalData = this.additionalData();
		additionalData.httpRequest = request as never;
		additionalData.httpResponse = res as never;
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			isTest ? 'manual' : 'webhook',
			this.webhookData(workflow, isTest),
			[],
			null,
		);
		let result: IWebhookResponseData;
		try {
			result = await triggerType.webhook.call(context);
		} catch (error) {
			this.errors.push(error as Error);
			if (!res.headersSent) {
				sendLikeExpress(res, 500, {
					code: 0,
					message: 'Workflow Webhook Error: Workflow could not be started!',
				});
			}
			return;
		}
		// As n8n after every webhook call: the static data is saved when the node changed it.
		if (workflow.staticData.__dataChanged === true) {
			const saved = clone(workflow.staticData);
			delete saved.__dataChanged;
			if (isTest) this.testStaticData = saved;
			else this.staticData = saved;
		}
		const answered = result.noWebhookResponse === true;
		if (answered && !res.writableEnded) {
			this.errors.push(new Error('webhook() said it answered but did not end the response'));
			res.destroy();
		}
		if (result.workflowData === undefined) {
			if (!answered)
				sendLikeExpress(res, 200, result.webhookResponse ?? { message: 'Webhook call received' });
			return;
		}
		this.runs.push(result.workflowData[0] ?? []);
		if (!answered) sendLikeExpress(res, 200, onReceivedBody(result));
	}

	/** Posts to the node's endpoint as any client could (forgeries, replays). */
	async post(options: {
		secret?: string | null;
		subscriptionId?: string | null;
		body: string;
		contentType?: string;
		path?: string;
	}): Promise<RecordedResponse> {
		const target = new URL(options.path ?? this.webhookUrl);
		if (options.secret) target.searchParams.set('secret', options.secret);
		const headers: Record<string, string> = {
			'Content-Type': options.contentType ?? 'application/json',
		};
		if (options.subscriptionId) headers['X-Cloze-Subscription-ID'] = options.subscriptionId;
		const response = await fetch(target, { method: 'POST', headers, body: options.body });
		const recorded = {
			status: response.status,
			contentType: response.headers.get('content-type') ?? undefined,
			body: await response.text(),
		};
		this.responses.push(recorded);
		return recorded;
	}
}
