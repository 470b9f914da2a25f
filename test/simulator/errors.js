'use strict';

/**
 * Error codes of the simulator, in one place.
 *
 * Real Cloze answers most failures with HTTP 200 and a non-zero `errorcode`; only
 * authentication, unknown paths and wrong methods use HTTP status codes. The codes
 * below are stable: tests may assert on them.
 *
 * | errorcode | HTTP | meaning                                                                  |
 * |-----------|------|--------------------------------------------------------------------------|
 * | 0         | 200  | success                                                                  |
 * | 1         | 401  | no credential, or an `api_key` query value that is not valid             |
 * |           |      |   body {"errorcode":1,"message":"The API key was not found"}             |
 * | (none)    | 401  | Bearer value that is not valid                                           |
 * |           |      |   body {"message":"Invalid token: access token is invalid"}              |
 * | 2         | 200  | request body is not valid JSON, or not a JSON object                     |
 * | 3         | 200  | a required parameter / field is missing (message names it)               |
 * | 4         | 200  | a parameter / field has an invalid value (message names it)              |
 * | 5         | 200  | the addressed record does not exist ("Person not found",                 |
 * |           |      |   "Company not found", "Project not found", "Team member not found",     |
 * |           |      |   "Subscription not found")                                              |
 * | 6         | 200  | invalid `cursor` (feed) or page token (messages/opens)                   |
 * | 11        | 200  | "No identifiers available" (person/company without a usable identifier) |
 * | 12        | 200  | "Projects require a name"                                                |
 * | 404       | 404  | unknown path: {"errorcode":404,"message":"Resource Not Found"}           |
 * | 405       | 405  | known path, wrong method: {"errorcode":405,"message":"Method Not Allowed"}|
 * | 429/5xx   | same | injected faults (see faults.js): {"errorcode":<status>,"message":...}    |
 * | 500       | 500  | bug in the simulator itself (message carries the exception text)         |
 */

const ERR = Object.freeze({
	OK: 0,
	NO_API_KEY: 1,
	BAD_BODY: 2,
	MISSING: 3,
	INVALID: 4,
	NOT_FOUND: 5,
	BAD_CURSOR: 6,
	NO_IDENTIFIERS: 11,
	PROJECT_NAME: 12,
	RESOURCE_NOT_FOUND: 404,
	METHOD_NOT_ALLOWED: 405,
	INTERNAL: 500,
});

/** A validation failure: answered with HTTP 200 and `{errorcode, message}`. */
class ApiError extends Error {
	/**
	 * @param {number} errorcode
	 * @param {string} message
	 */
	constructor(errorcode, message) {
		super(message);
		this.errorcode = errorcode;
	}
}

/** @param {string} message */
const missing = (message) => new ApiError(ERR.MISSING, message);
/** @param {string} message */
const invalid = (message) => new ApiError(ERR.INVALID, message);
/** @param {string} message */
const notFound = (message) => new ApiError(ERR.NOT_FOUND, message);

module.exports = { ERR, ApiError, missing, invalid, notFound };
