/**
 * The benchmark's floor for the webhook path: the least a trigger node outside n8n's own package can do (answer at
 * once, start the workflow with the parsed body; no credential, no checks). n8n 2 handles such a trigger less
 * cheaply than its own Webhook node (an expression isolate for the webhook phase of any other node type), so this is
 * what the Customer Success Trigger is compared with to see its own cost. Loaded through N8N_CUSTOM_EXTENSIONS as
 * CUSTOM.benchFloorTrigger; never shipped.
 */
'use strict';

class BenchFloorTrigger {
	constructor() {
		this.description = {
			displayName: 'Bench Floor Trigger',
			name: 'benchFloorTrigger',
			group: ['trigger'],
			version: 1.1,
			description: 'Benchmark floor: starts the workflow with the posted body',
			defaults: { name: 'Bench Floor Trigger' },
			inputs: [],
			outputs: ['main'],
			webhooks: [
				{
					name: 'default',
					httpMethod: 'POST',
					responseMode: 'onReceived',
					path: '={{$parameter["path"]}}',
					isFullPath: true,
				},
			],
			properties: [{ displayName: 'Path', name: 'path', type: 'string', default: 'bench-floor' }],
		};
	}

	async webhook() {
		return { workflowData: [[{ json: this.getBodyData() }]] };
	}
}

module.exports = { BenchFloorTrigger };
