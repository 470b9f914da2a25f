import { NodeApiError, type INode } from 'n8n-workflow';

import { refusedGrant } from '../../nodes/shared/errors';

const node: INode = {
	id: 'cloze',
	name: 'Cloze',
	type: 'n8n-nodes-cloze.cloze',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('a refused OAuth2 grant', () => {
	test(
		"n8n 2.8's EAUTH error (the OAuth library's invalid_grant) becomes 'reconnect the " +
			"credential', quoting Cloze",
		() => {
			// As n8n-core 2.8 throws it when the refresh token was revoked: httpCode EAUTH, the OAuth
			// library's generic text, Cloze's own words in cause.body.
			const thrown = new NodeApiError(
				node,
				{ message: 'The provided authorization grant is invalid' },
				{ httpCode: 'EAUTH' },
			);
			(thrown as unknown as { cause: unknown }).cause = {
				code: 'EAUTH',
				body: { error: 'invalid_grant', error_description: 'The refresh token was revoked' },
			};
			const error = refusedGrant(node, thrown);
			expect(error?.message).toBe('Cloze refused to renew the OAuth2 access');
			expect(error?.description).toMatch(/Reconnect the Cloze OAuth2 credential/);
			expect(error?.description).toContain('Cloze said: "The refresh token was revoked".');
		},
	);

	test('any other error is left alone', () => {
		expect(
			refusedGrant(node, new NodeApiError(node, { message: 'x' }, { httpCode: '404' })),
		).toBeUndefined();
		expect(refusedGrant(node, new Error('socket hang up'))).toBeUndefined();
		expect(refusedGrant(node, undefined)).toBeUndefined();
	});
});
