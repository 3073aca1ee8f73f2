/**
 * The `IWorkflowExecuteAdditionalData` the harness gives `WorkflowExecute`: the per-run services
 * the n8n CLI normally wires in (credentials, sub-workflows, URLs, telemetry). This is the part
 * most likely to need a touch when n8n-core is upgraded: it is a plain object with only what a
 * plain node run reads, so a new requirement fails loudly (undefined is not a function) instead
 * of being silently faked by an auto-mock.
 *
 * Deliberately absent: `evalLlmMockHandler` (its mere presence switches n8n-core's HTTP and
 * credential helpers into evaluation-mock mode), `otel`, `executeAgent` and the OAuth hooks.
 */
import { ICredentialsHelper } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IHttpRequestOptions,
	INodeProperties,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { ExternalSecretsProxy, type ExecutionLifecycleHooks } from 'n8n-core';

const unsupported = (what: string) => () => {
	throw new Error(`${what} is not supported by the node test harness`);
};

/**
 * Credentials for a test, by credential type (only the webhook trigger reads one): getDecrypted()
 * returns the test's data, as n8n's own nodes-testing/credentials-helper.ts does; a type the test
 * did not give fails loudly.
 */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly byType: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	async getDecrypted(
		_additionalData: unknown,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.byType[type];
		if (!data) throw new Error(`The test gave no credentials of type "${type}"`);
		return structuredClone(data);
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(_credentials: unknown, _type: string, requestOptions: IHttpRequestOptions) {
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	getCredentialsProperties(): INodeProperties[] {
		return [];
	}

	getCredentials = unsupported('getCredentials') as () => Promise<ICredentials>;
	updateCredentials = unsupported('updateCredentials') as () => Promise<void>;
	updateCredentialsOauthTokenData = unsupported('OAuth token refresh') as () => Promise<void>;
}

export function createAdditionalData(
	hooks: ExecutionLifecycleHooks,
	{
		executionId,
		workflowId,
		credentials = {},
	}: {
		executionId: string;
		workflowId: string;
		credentials?: Record<string, ICredentialDataDecryptedObject>;
	},
): IWorkflowExecuteAdditionalData {
	const baseUrl = 'http://localhost:5678';
	return {
		hooks,
		executionId,
		workflowId,
		credentialsHelper: new TestCredentialsHelper(credentials),
		externalSecretsProxy: new ExternalSecretsProxy(), // no provider: `$secrets` is empty
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: `${baseUrl}/rest`,
		instanceBaseUrl: `${baseUrl}/`,
		formBaseUrl: `${baseUrl}/form`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		formTestBaseUrl: `${baseUrl}/form-test`,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		mcpBaseUrl: `${baseUrl}/mcp`,
		mcpTestBaseUrl: `${baseUrl}/mcp-test`,
		executeWorkflow: unsupported('Executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: unsupported('The task runner (Code node)'),
	};
}
