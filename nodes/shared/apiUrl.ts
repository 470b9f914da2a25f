import type { INodeProperties } from 'n8n-workflow';

/** Cloze's API: the default of both credentials' API URL, and what an empty one stands for. */
export const DEFAULT_API_URL = 'https://api.cloze.com';

/**
 * The base URL of a routed request (the Cloze node, the API key credential's test): the
 * credential's API URL without trailing slashes, Cloze's own when it is empty.
 */
export const API_BASE_URL =
	'={{ ($credentials.apiUrl || ' + `"${DEFAULT_API_URL}").trim().replace(/\\/+$/, "") }}`;

/** The API URL field of both credentials (tests point it at the simulator). */
export const apiUrlProperty: INodeProperties = {
	displayName: 'API URL',
	name: 'apiUrl',
	type: 'string',
	default: DEFAULT_API_URL,
	description:
		'Base URL of the Cloze API. Change it only to point at a Cloze sandbox or test server.',
};
