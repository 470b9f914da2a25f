import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { isRecord } from './records';

/**
 * De-duplication of the triggers' records by record key and change time, kept in the node's
 * static data (n8n-core's `checkProcessedAndRecord` is offered only to regular nodes, not to
 * trigger and poll contexts, in the supported n8n versions). The memory is bounded: the
 * {@link MAX_REMEMBERED} most recent keys, as short hashes (about 40 KB of static data at most).
 */
export const MAX_REMEMBERED = 2000;

function hash(text: string): string {
	return createHash('sha256').update(text, 'utf8').digest('base64url').slice(0, 16);
}

/**
 * What identifies one change of one record: its Cloze id (`direct`, else `syncKey`) and its change
 * time (`lastChanged`). An entry without both is identified by its whole content (a byte-identical
 * replay is the same change).
 */
export function changeKey(scope: string, record: unknown, entry: unknown = record): string {
	if (isRecord(record)) {
		const id = record.direct ?? record.syncKey;
		const changed = record.lastChanged;
		if (
			typeof id === 'string' &&
			id !== '' &&
			(typeof changed === 'number' || typeof changed === 'string')
		) {
			return hash(`${scope}|${id}|${String(changed)}`);
		}
	}
	return hash(`${scope}|${JSON.stringify(entry) ?? 'undefined'}`);
}

/**
 * Which of `keys` were not seen before (also repeated within `keys`): returns one boolean per key
 * and records the new ones in `state[field]`, keeping the most recent {@link MAX_REMEMBERED}.
 */
export function markSeen(state: IDataObject, field: string, keys: string[]): boolean[] {
	const remembered = Array.isArray(state[field])
		? (state[field] as unknown[]).filter((key): key is string => typeof key === 'string')
		: [];
	const seen = new Set(remembered);
	const fresh = keys.map((key) => {
		if (seen.has(key)) return false;
		seen.add(key);
		remembered.push(key);
		return true;
	});
	if (fresh.some(Boolean)) state[field] = remembered.slice(-MAX_REMEMBERED);
	return fresh;
}
