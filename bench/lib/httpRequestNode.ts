/**
 * n8n's own HTTP Request node (n8n-nodes-base), the thing a user would build instead of the Cloze
 * node, for the benches to run side by side with it. n8n-nodes-base is not a dependency of the
 * package (it is huge): the class is loaded from the real n8n the end-to-end suite installs into
 * its cache (scripts/e2e/n8n-install.js, installed on demand). It runs through the project's
 * engine harness (test/helpers/engine.ts: the project's n8n-core WorkflowExecute), and its
 * `require('n8n-workflow')` is served the project's n8n-workflow (bench/jest.config.js maps it),
 * the same version n8n 2.41.1 ships, so that both nodes run on one engine and one n8n-workflow.
 */
import { join } from 'node:path';

import type { IDataObject, INodeType } from 'n8n-workflow';

import { registerNodeType } from '../../test/helpers/engine';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureN8n } = require('../../scripts/e2e/n8n-install');

export const N8N_VERSION = '2.41.1';
/**
 * The node's full type name: n8n-core gives this type (and only it) any credential, as n8n does.
 */
export const HTTP_REQUEST_TYPE = 'n8n-nodes-base.httpRequest';
/** The version n8n 2.41 puts on the canvas for a new HTTP Request node (its default version). */
export const HTTP_REQUEST_VERSION = 4.5;

/** Loads and registers the HTTP Request node; returns where it came from. */
export async function loadHttpRequestNode(): Promise<{ file: string; version: number }> {
	const { dir } = await ensureN8n(N8N_VERSION, {
		log: (message: string) => process.stderr.write(`[n8n ${N8N_VERSION}] ${message}\n`),
	});
	const file = join(
		dir,
		'node_modules',
		'n8n-nodes-base',
		'dist',
		'nodes',
		'HttpRequest',
		'HttpRequest.node.js',
	);
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { HttpRequest } = require(file) as { HttpRequest: new () => INodeType };
	registerNodeType(HTTP_REQUEST_TYPE, new HttpRequest());
	return { file, version: HTTP_REQUEST_VERSION };
}

/** The node's settings in a run: its version and, when asked, n8n's Retry On Fail. */
export function httpRequestNode(retry?: { maxTries: number; waitBetweenTries: number }) {
	return {
		type: HTTP_REQUEST_TYPE,
		node: { typeVersion: HTTP_REQUEST_VERSION, ...(retry ? { retryOnFail: true, ...retry } : {}) },
	};
}

/**
 * The credential as a user picks it in the HTTP Request node: Predefined Credential Type, Cloze
 * API.
 */
export const clozeCredential: IDataObject = {
	authentication: 'predefinedCredentialType',
	nodeCredentialType: 'clozeApi',
};
