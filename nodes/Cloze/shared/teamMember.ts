import type { INodeProperties } from 'n8n-workflow';

/**
 * A team member chosen from the account's members (`/v1/team/members/list`; the value is the
 * member's e-mail), sent as body property `sendAs` when given; `hint` says what the member is for.
 * The one definition of this dropdown.
 */
export function teamMemberField(name: string, label: string, hint: string, sendAs?: string): INodeProperties {
	const field: INodeProperties = {
		displayName: `${label} Name or ID`,
		name,
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTeamMembers' },
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint,
	};
	if (sendAs) field.routing = { send: { type: 'body', property: sendAs } };
	return field;
}
