'use strict';
// The package's entry point. n8n finds the nodes and credentials through the "n8n" section of
// package.json; this file only lists them for tools that require() the package.
module.exports = {
	nodes: [
		'dist/nodes/Cloze/Cloze.node.js',
		'dist/nodes/ClozeFeedTrigger/ClozeFeedTrigger.node.js',
		'dist/nodes/ClozeTrigger/ClozeTrigger.node.js',
	],
	credentials: [
		'dist/credentials/ClozeApi.credentials.js',
		'dist/credentials/ClozeOAuth2Api.credentials.js',
	],
};
