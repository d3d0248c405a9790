export const id = 276;
export const ids = [276];
export const modules = {

/***/ 57856:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JB: () => (/* binding */ NO_PROXY_SETTINGS),
/* harmony export */   QT: () => (/* binding */ proxyAgent),
/* harmony export */   Qr: () => (/* binding */ ProxyRoutingAgent),
/* harmony export */   iJ: () => (/* binding */ proxyFor),
/* harmony export */   qb: () => (/* binding */ shownProxy)
/* harmony export */ });
/* unused harmony export bypassesProxy */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var agent_base__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(319);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var http_proxy_agent__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(28947);
/* harmony import */ var https_proxy_agent__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(71566);






const NO_PROXY_SETTINGS = { noProxy: [] };
/**
 * Whether `url` is exempt from the proxy, with the rules curl and Go's httpproxy share: `*` is
 * every host; `example.com` and `.example.com` match the host and its subdomains; an IP address or
 * CIDR block matches addresses; `host:port` needs the port too. Written here because
 * proxy-from-env, the usual library, reads process.env itself, which only the action layer does.
 */
function bypassesProxy(noProxy, url) {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    for (const raw of noProxy) {
        const entry = raw.trim().toLowerCase();
        if (!entry)
            continue;
        if (entry === '*')
            return true;
        const [entryHost, entryPort] = splitHostPort(entry);
        if (entryPort && entryPort !== port)
            continue;
        if (entryHost.includes('/')) {
            if ((0,node_net__WEBPACK_IMPORTED_MODULE_3__.isIP)(host) && inCidr(host, entryHost))
                return true;
            continue;
        }
        const name = entryHost.replace(/^\*?\./, '');
        // An address matches only itself: 10.0.0.1 is no "subdomain" of 0.0.1.
        if (host === name || (!(0,node_net__WEBPACK_IMPORTED_MODULE_3__.isIP)(host) && !(0,node_net__WEBPACK_IMPORTED_MODULE_3__.isIP)(name) && host.endsWith(`.${name}`)))
            return true;
    }
    return false;
}
function splitHostPort(entry) {
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed)
        return [bracketed[1], bracketed[2]];
    const m = /^([^:]+):(\d+)$/.exec(entry);
    return m ? [m[1], m[2]] : [entry, undefined];
}
function inCidr(address, cidr) {
    const [network, bits] = cidr.split('/');
    const family = (0,node_net__WEBPACK_IMPORTED_MODULE_3__.isIP)(network ?? '');
    const prefix = Number(bits);
    if (!family || !Number.isInteger(prefix) || (0,node_net__WEBPACK_IMPORTED_MODULE_3__.isIP)(address) !== family)
        return false;
    const list = new node_net__WEBPACK_IMPORTED_MODULE_3__.BlockList();
    try {
        list.addSubnet(network, prefix, family === 4 ? 'ipv4' : 'ipv6');
    }
    catch {
        return false;
    }
    return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
/** The proxy a request to `url` goes through, or undefined for a direct connection. */
function proxyFor(settings, url) {
    const proxy = url.protocol === 'https:' ? settings.httpsProxy : settings.httpProxy;
    if (!proxy || bypassesProxy(settings.noProxy, url))
        return undefined;
    return proxy;
}
/** A proxy URL for messages: scheme, host and port, never the user and password it may carry. */
function shownProxy(proxy) {
    return `${proxy.protocol}//${proxy.host}`;
}
/**
 * The node:http(s) agent that sends requests for `target` through `proxy`: CONNECT for https (TLS
 * to the target inside the tunnel, so the target's certificate and our CAs apply as without a
 * proxy), the absolute-URI form for http. One library for our client and the AWS SDK's handler,
 * which both take node agents; it is the one Azure's and Google's SDKs use too.
 */
function proxyAgent(proxy, target, options = {}) {
    const common = { keepAlive: options.keepAlive ?? true, maxSockets: options.maxSockets ?? 16 };
    return target === 'https:' ? new https_proxy_agent__WEBPACK_IMPORTED_MODULE_5__/* .HttpsProxyAgent */ .b(proxy, common) : new http_proxy_agent__WEBPACK_IMPORTED_MODULE_4__/* .HttpProxyAgent */ .s(proxy, common);
}
/**
 * One agent for a client whose hosts are not known in advance (an SDK's endpoint resolves inside
 * it): each connection goes through the proxy the settings pick for its host, or directly.
 */
class ProxyRoutingAgent extends agent_base__WEBPACK_IMPORTED_MODULE_2__/* .Agent */ .g6 {
    settings;
    agentOptions;
    agents = new Map();
    constructor(settings, agentOptions = {}) {
        super({ keepAlive: agentOptions.keepAlive ?? true });
        this.settings = settings;
        this.agentOptions = agentOptions;
    }
    connect(_request, target) {
        const protocol = target.secureEndpoint ? 'https:' : 'http:';
        const host = target.host ?? 'localhost';
        const url = new URL(`${protocol}//${host.includes(':') ? `[${host}]` : host}:${target.port}`);
        const proxy = proxyFor(this.settings, url);
        const key = `${protocol}|${proxy?.href ?? 'direct'}`;
        let agent = this.agents.get(key);
        if (!agent) {
            const common = { keepAlive: this.agentOptions.keepAlive ?? true, maxSockets: this.agentOptions.maxSockets ?? 16 };
            agent = proxy
                ? proxyAgent(proxy, protocol, this.agentOptions)
                : protocol === 'https:'
                    ? new (node_https__WEBPACK_IMPORTED_MODULE_1___default().Agent)(common)
                    : new (node_http__WEBPACK_IMPORTED_MODULE_0___default().Agent)(common);
            this.agents.set(key, agent);
        }
        return agent;
    }
    destroy() {
        for (const agent of this.agents.values())
            agent.destroy();
        this.agents.clear();
        super.destroy();
    }
}


/***/ }),

/***/ 32276:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AzureKeyVaultSigner: () => (/* binding */ AzureKeyVaultSigner)
/* harmony export */ });
/* unused harmony exports parseKeyVaultUri, keyVaultError, checkedPublicKey */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _noble_hashes_sha2_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(65108);
/* harmony import */ var _azure_identity__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(39907);
/* harmony import */ var _azure_keyvault_keys__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(49745);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/* harmony import */ var _http_proxy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(57856);
/* harmony import */ var _tuf_keys_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(95591);
/* harmony import */ var _tuf_signatures_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(46360);
/* harmony import */ var _util_redact_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(50767);









/**
 * The data-plane DNS suffixes of Key Vault and Managed HSM in the public and sovereign clouds
 * (azure-cli: `az cloud show`, suffixes.keyvaultDns and mhsmDns). A URI naming any other host
 * would send a bearer token for Key Vault there.
 */
const VAULT_DNS_SUFFIXES = [
    'vault.azure.net',
    'vault.azure.cn',
    'vault.usgovcloudapi.net',
    'vault.microsoftazure.de',
    'managedhsm.azure.net',
    'managedhsm.azure.cn',
    'managedhsm.usgovcloudapi.net',
];
/** Vault and HSM names: 3-24 letters, digits and single hyphens, starting with a letter, not ending with a hyphen. */
const VAULT_NAME = /^(?!.*--)[a-z][a-z0-9-]{1,22}[a-z0-9]$/;
/** Key names: 1-127 letters, digits and hyphens; versions: 32 hex digits (Key Vault's object identifiers). */
const KEY_NAME = /^[0-9A-Za-z-]{1,127}$/;
const KEY_VERSION = /^[0-9A-Fa-f]{32}$/;
const EXPECTED_FORMS = 'expected azurekms://<vault>.vault.azure.net/<key name>[/<version>] or azurekv://<vault>.vault.azure.net/keys/<key name>[/<version>] (a Key Vault or Managed HSM host of any Azure cloud)';
function parseKeyVaultUri(uri) {
    const refuse = (reason) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_INVALID', `${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_7__/* .quoted */ .T)(uri)} is not an Azure Key Vault key URI (${reason}); ${EXPECTED_FORMS}`);
    };
    const m = /^(azurekms|azurekv):\/\/([^/?#]*)\/([^?#]*)$/.exec(uri);
    if (!m)
        return refuse('no vault host and key name');
    const [scheme, rawHost, path] = [m[1], m[2], m[3]];
    const host = rawHost.toLowerCase();
    const suffix = VAULT_DNS_SUFFIXES.find((s) => host.endsWith(`.${s}`));
    if (!suffix || !VAULT_NAME.test(host.slice(0, -suffix.length - 1)))
        return refuse(`${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_7__/* .quoted */ .T)(rawHost, 80)} is not a vault host`);
    const segments = path.split('/');
    if (scheme === 'azurekv' && segments.shift() !== 'keys')
        return refuse('the path must start with /keys/');
    const [name, version, ...extra] = segments;
    if (!name || !KEY_NAME.test(name))
        return refuse('a key name is 1-127 letters, digits and hyphens');
    if (version !== undefined && !KEY_VERSION.test(version))
        return refuse('a key version is 32 hex digits');
    if (extra.length)
        return refuse('nothing may follow the version');
    return { uri, host, vaultUrl: `https://${host}`, name, ...(version ? { version } : {}) };
}
/** Key Vault's answers and SDK failures, one line each, naming the key; tokens never appear in either. */
const MAX_REASON = 300;
const ROLE_HINT = 'the identity needs the "Key Vault Crypto User" role on the key or the vault (or get and sign key permissions in the vault\'s access policy)';
const NO_CREDENTIAL_HINT = 'sign in with azure/login (OIDC) before this step, or set AZURE_CLIENT_ID and AZURE_TENANT_ID with AZURE_FEDERATED_TOKEN_FILE, AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH';
/** A server's words as a message may quote them: one line, bounded, anything shaped like a JWT removed. */
function reasonOf(text) {
    const line = text
        .split(/\r?\n/)[0]
        .replace(/eyJ[\w-]*\.[\w-]*\.?[\w-]*/g, '***')
        .trim();
    return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON)}…` : line;
}
function isNamed(error, ...names) {
    return typeof error === 'object' && error !== null && names.includes(String(error.name));
}
/**
 * One line naming the key, whatever the SDK threw. Key Vault's 403 carries the reason in the inner
 * error: ForbiddenByRbac / AccessDenied (a role or access policy is missing), ForbiddenByFirewall,
 * KeyDisabled (a disabled key can be read but not used: "Operation sign is not allowed on a disabled
 * key", azure-sdk-for-python#45342).
 */
function keyVaultError(key, operation, error, limits) {
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN)
        return error;
    const fail = (code, text) => new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN(code, `${key.uri}: ${text}`, { cause: error });
    const message = reasonOf(error instanceof Error ? error.message : String(error));
    if (error instanceof TokenDeadlineError || isNamed(error, 'AbortError')) {
        const seconds = limits?.requestTimeoutMs ? ` (${limits.requestTimeoutMs / 1000} s)` : '';
        if (limits?.signal?.aborted)
            return fail('KEY_STORE_ERROR', `Key Vault ${operation} was stopped: the command's deadline passed`);
        if (error instanceof TokenDeadlineError)
            return fail('KEY_ACCESS_DENIED', `no Azure access token came in time${seconds}`);
        return fail('KEY_STORE_ERROR', `Key Vault did not answer ${operation} in time${seconds}`);
    }
    if (error instanceof NoCredentialError)
        return fail('KEY_ACCESS_DENIED', `no Azure credential is available: ${NO_CREDENTIAL_HINT}${error.detail}`);
    if (isNamed(error, 'AuthenticationError')) {
        return fail('KEY_ACCESS_DENIED', `Microsoft Entra ID refused the credential: ${message}`);
    }
    if (!isNamed(error, 'RestError'))
        return fail('KEY_STORE_ERROR', `Key Vault ${operation} failed: ${message}`);
    const rest = error;
    const answer = `${rest.statusCode ?? ''} ${rest.code ?? ''}`.trim();
    const inner = rest.details?.error?.innerError?.code;
    const said = `Key Vault answered ${answer}${inner ? `/${inner}` : ''}: ${message}${actionOf(rest.message)}`;
    switch (rest.statusCode) {
        case undefined:
            return fail('KEY_STORE_ERROR', `could not reach Key Vault at ${key.host}: ${rest.code ? `${rest.code}: ` : ''}${message}`);
        case 404:
            // Only the first sentence: the rest is the service's advice on recovering deleted keys.
            return fail('KEY_NOT_FOUND', `no such key in the vault (check the vault, key name and version; ${said.replace(/(?<=\.) .*$/, '')})`);
        case 401:
            return fail('KEY_ACCESS_DENIED', `Key Vault refused the credential (${said})`);
        case 403:
            if (inner === 'KeyDisabled')
                return fail('KEY_NOT_FOUND', `the key is disabled (${said})`);
            if (inner === 'ForbiddenByFirewall')
                return fail('KEY_ACCESS_DENIED', `the vault's firewall refused this machine's address (${said})`);
            return fail('KEY_ACCESS_DENIED', `Key Vault denied the ${operation} operation (${said}); ${ROLE_HINT}`);
        default:
            return fail('KEY_STORE_ERROR', `Key Vault ${operation} failed (${said})`);
    }
}
/** The permission an RBAC refusal names (its `Action: '...'` line), the one thing of its long text worth a log line. */
function actionOf(message) {
    const action = /^Action: '([A-Za-z/.]+)'/m.exec(message)?.[1];
    return action ? ` (action ${action})` : '';
}
class NoCredentialError extends Error {
    detail;
    name = 'NoCredentialError';
    constructor(detail, options) {
        super('no Azure credential is available', options);
        this.detail = detail;
    }
}
class TokenDeadlineError extends Error {
    name = 'TokenDeadlineError';
}
/** A token is reused until this close to its expiry, as @azure/core-rest-pipeline's token cycler refreshes it. */
const TOKEN_REFRESH_MARGIN_MS = 2 * 60_000;
/**
 * The credential chain, bounded by the command's limits. Order: environment (a client secret or
 * certificate in AZURE_*), workload identity (AZURE_FEDERATED_TOKEN_FILE), the az CLI session
 * azure/login leaves, and managed identity last. DefaultAzureCredential tries managed identity
 * before the az CLI, which sends an IMDS request to 169.254.169.254 on every run that logged in
 * with azure/login; here a run with an az session or AZURE_* credentials never reaches IMDS at all.
 * Tokens are cached for the run (the az CLI credential keeps none), so the two clients of one key
 * ask once; every attempt keeps to the request deadline and stops with the command.
 */
class KeyVaultCredential {
    chain;
    cliIndex;
    limits;
    tokens = new Map();
    constructor(chain, 
    /** Where the az CLI credential is in the chain: its failure is the one worth quoting. */
    cliIndex, limits) {
        this.chain = chain;
        this.cliIndex = cliIndex;
        this.limits = limits;
    }
    static create(key, agent, limits) {
        // Token requests (Entra ID, IMDS) go through our agent too; retries are bounded.
        const common = { agent, retryOptions: { maxRetries: 2, retryDelayInMs: 500, maxRetryDelayInMs: 4000 } };
        // The CLI is killed a second after our own deadline has ended the wait, so the message names the deadline.
        const cli = new _azure_identity__WEBPACK_IMPORTED_MODULE_1__/* .AzureCliCredential */ .nG({ processTimeoutInMs: (limits.requestTimeoutMs ?? 60_000) + 1000 });
        const sources = [];
        try {
            sources.push(new _azure_identity__WEBPACK_IMPORTED_MODULE_1__/* .EnvironmentCredential */ .lp(common));
            try {
                sources.push(new _azure_identity__WEBPACK_IMPORTED_MODULE_1__/* .WorkloadIdentityCredential */ .R9(common));
            }
            catch (error) {
                // Not configured (AZURE_FEDERATED_TOKEN_FILE unset): the credential is left out of the chain.
                if (!isNamed(error, 'CredentialUnavailableError'))
                    throw error;
            }
            sources.push(cli);
            // As DefaultAzureCredential does: AZURE_CLIENT_ID picks a user-assigned identity (azure-sdk: identity defaultAzureCredentialFunctions.ts).
            const clientId = process.env.AZURE_CLIENT_ID;
            sources.push(new _azure_identity__WEBPACK_IMPORTED_MODULE_1__/* .ManagedIdentityCredential */ .NC(clientId ? { ...common, clientId } : common));
        }
        catch (error) {
            const reason = reasonOf(error instanceof Error ? error.message : String(error));
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_ACCESS_DENIED', `${key.uri}: the Azure credential settings are invalid: ${reason}`, { cause: error });
        }
        return new KeyVaultCredential(new _azure_identity__WEBPACK_IMPORTED_MODULE_1__/* .ChainedTokenCredential */ .Rk(...sources.map(untilAborted)), sources.indexOf(cli), limits);
    }
    async getToken(scopes, options = {}) {
        const cacheKey = JSON.stringify([scopes, options.tenantId ?? '']);
        const cached = options.claims ? undefined : this.tokens.get(cacheKey);
        if (cached && cached.expiresOnTimestamp - Date.now() > TOKEN_REFRESH_MARGIN_MS)
            return cached;
        try {
            const token = await withinDeadline(this.limits, options.abortSignal, (abortSignal) => this.chain.getToken(scopes, { ...options, abortSignal }));
            if (token && !options.claims)
                this.tokens.set(cacheKey, token);
            return token;
        }
        catch (error) {
            if (isNamed(error, 'AggregateAuthenticationError', 'CredentialUnavailableError'))
                throw new NoCredentialError(cliReason(error, this.cliIndex), { cause: error });
            throw error;
        }
    }
}
/**
 * `work`, given a signal that aborts at the request deadline, with the command or with the caller,
 * and rejected with TokenDeadlineError then, whether or not the work heeds the signal (the az CLI
 * credential does not).
 */
async function withinDeadline(limits, callerSignal, work) {
    const controller = new AbortController();
    const stop = () => controller.abort();
    const timer = limits.requestTimeoutMs ? setTimeout(stop, limits.requestTimeoutMs) : undefined;
    const signals = [limits.signal, callerSignal].filter((s) => s !== undefined);
    for (const signal of signals) {
        if (signal.aborted)
            stop();
        signal.addEventListener('abort', stop);
    }
    const ended = new Promise((_resolve, reject) => {
        const fail = () => reject(new TokenDeadlineError('getting an Azure access token took too long'));
        if (controller.signal.aborted)
            fail();
        controller.signal.addEventListener('abort', fail);
    });
    try {
        return await Promise.race([work(controller.signal), ended]);
    }
    finally {
        clearTimeout(timer);
        for (const signal of signals)
            signal.removeEventListener('abort', stop);
    }
}
/**
 * A credential of the chain that is not asked once the wait has ended: ChainedTokenCredential goes
 * on to the next credential whatever the signal says, and managed identity would then send its IMDS
 * request after the deadline.
 */
function untilAborted(source) {
    return {
        getToken: (scopes, options) => options?.abortSignal?.aborted
            ? Promise.reject(new TokenDeadlineError('the wait for a token has ended'))
            : source.getToken(scopes, options),
    };
}
/**
 * What the az CLI said when it is installed and failed (no session, one that expired, another
 * tenant), for the no-credential message; nothing when it is not installed. The chain's errors are
 * in the order of its credentials (azure-sdk: identity chainedTokenCredential.ts).
 */
function cliReason(error, cliIndex) {
    const cli = error.errors?.[cliIndex];
    const message = cli instanceof Error ? cli.message : '';
    return message && !/Azure CLI could not be found/.test(message) ? ` (az CLI: ${reasonOf(message)})` : '';
}
/** Notary's keys are ECDSA P-256 over SHA-256 (notary: tuf/data/types.go ECDSASignature); Key Vault's name for it is ES256. */
const SIGNING_ALGORITHM = 'ES256';
const P256_COORDINATE_BYTES = 32;
/** A JWK coordinate as exactly 32 bytes (RFC 7518 §6.2.1.2 wants the full length; shorter ones are padded, not refused). */
function coordinate(value) {
    if (!(value instanceof Uint8Array))
        return undefined;
    let bytes = Buffer.from(value);
    while (bytes.length > P256_COORDINATE_BYTES && bytes[0] === 0)
        bytes = bytes.subarray(1);
    if (bytes.length > P256_COORDINATE_BYTES)
        return undefined;
    return Buffer.concat([Buffer.alloc(P256_COORDINATE_BYTES - bytes.length), bytes]);
}
/**
 * The key as Key Vault returned it, checked before use: EC (or EC-HSM) P-256 with the sign
 * operation, enabled and within its dates, and its ID in the vault and name the URI gives (the
 * CryptographyClient signs with the key ID it holds, so a foreign ID would send the token elsewhere).
 */
function checkedPublicKey(key, vaultKey, now = new Date()) {
    const jwk = vaultKey.key ?? {};
    checkKeyType(key, jwk);
    checkUsable(key, vaultKey, now);
    checkKeyId(key, vaultKey.id);
    const x = coordinate(jwk.x);
    const y = coordinate(jwk.y);
    try {
        if (!x || !y)
            throw new Error('missing coordinates');
        const point = { kty: 'EC', crv: 'P-256', x: x.toString('base64url'), y: y.toString('base64url') };
        return _tuf_keys_js__WEBPACK_IMPORTED_MODULE_5__/* .PublicKey */ .J3.fromKeyObject((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)({ key: point, format: 'jwk' }));
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_STORE_ERROR', `${key.uri}: Key Vault returned a public key that is not a P-256 point`, { cause: error });
    }
}
function checkKeyType(key, jwk) {
    const kty = typeof jwk.kty === 'string' ? jwk.kty : 'unknown';
    const crv = typeof jwk.crv === 'string' ? jwk.crv : undefined;
    if ((kty !== 'EC' && kty !== 'EC-HSM') || crv !== 'P-256') {
        const curve = crv ? `, curve ${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_7__/* .quoted */ .T)(crv, 20)}` : '';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_INVALID', `${key.uri}: the key is of type ${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_7__/* .quoted */ .T)(kty, 20)}${curve}; notary needs an EC P-256 key (kty EC or EC-HSM, crv P-256)`);
    }
    const ops = Array.isArray(jwk.keyOps) ? jwk.keyOps : [];
    if (!ops.includes('sign'))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_INVALID', `${key.uri}: the key does not permit sign (key_ops ${JSON.stringify(ops).slice(0, 100)})`);
}
/** Key Vault refuses to sign with a disabled key, and the SDK with one out of its dates: both are refused at open, with the reason. */
function checkUsable(key, vaultKey, now) {
    const { enabled, notBefore, expiresOn } = vaultKey.properties;
    if (enabled === false)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_NOT_FOUND', `${key.uri}: the key is disabled in Key Vault (enable it, or name an enabled version)`);
    if (notBefore instanceof Date && notBefore > now)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_INVALID', `${key.uri}: the key is not valid before ${notBefore.toISOString()}`);
    if (expiresOn instanceof Date && expiresOn <= now)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_INVALID', `${key.uri}: the key expired on ${expiresOn.toISOString()}`);
}
function checkKeyId(key, id) {
    const m = /^https:\/\/([^/]+)\/keys\/([^/]+)\/([0-9A-Fa-f]{32})$/.exec(String(id));
    const same = (a, b) => a.toLowerCase() === b.toLowerCase();
    if (!m || !same(m[1], key.host) || !same(m[2], key.name) || (key.version && !same(m[3], key.version)))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_STORE_ERROR', `${key.uri}: Key Vault answered with another key's ID, ${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_7__/* .quoted */ .T)(String(id), 200)}`);
}
class AzureKeyVaultSigner {
    key;
    crypto;
    agent;
    limits;
    publicKey;
    description;
    constructor(key, crypto, agent, limits, publicKey, 
    /** The version that signs: the one given, or the current one when opened. */
    version) {
        this.key = key;
        this.crypto = crypto;
        this.agent = agent;
        this.limits = limits;
        this.publicKey = publicKey;
        this.description = `Azure Key Vault ${key.host}/keys/${key.name}/${version}`;
    }
    /**
     * Reads the key once (keys/get) and checks it can sign as notary needs. Every request, Key
     * Vault's and the credential's, goes through one agent that keeps to our proxy settings per host:
     * @azure/core-rest-pipeline would otherwise pick HTTPS_PROXY itself and match NO_PROXY by its own
     * rules (its proxy policy leaves a request that has an agent alone). The challenge's resource
     * check of @azure/keyvault-keys stays on.
     */
    static async open(uri, limits) {
        const key = parseKeyVaultUri(uri);
        const agent = new _http_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .ProxyRoutingAgent */ .Qr(limits.proxy);
        try {
            const credential = KeyVaultCredential.create(key, agent, limits);
            // 408, 429 (with Retry-After) and 5xx are retried with backoff, a bounded number of times.
            const clientOptions = () => ({
                agent,
                retryOptions: { maxRetries: 3, retryDelayInMs: 500, maxRetryDelayInMs: 8000 },
                userAgentOptions: { userAgentPrefix: 'dct-sign' },
            });
            const keys = new _azure_keyvault_keys__WEBPACK_IMPORTED_MODULE_2__/* .KeyClient */ .xp(key.vaultUrl, credential, clientOptions());
            const vaultKey = await keys
                .getKey(key.name, { ...(key.version ? { version: key.version } : {}), ...callOptions(limits) })
                .catch((error) => {
                throw keyVaultError(key, 'get', error, limits);
            });
            const publicKey = checkedPublicKey(key, vaultKey);
            // Built from the key read (not its ID), the client signs with that version and reads nothing more.
            const crypto = new _azure_keyvault_keys__WEBPACK_IMPORTED_MODULE_2__/* .CryptographyClient */ .k1(vaultKey, credential, clientOptions());
            return new AzureKeyVaultSigner(key, crypto, agent, limits, publicKey, vaultKey.properties.version ?? key.version ?? '');
        }
        catch (error) {
            agent.destroy();
            throw error;
        }
    }
    /** Key Vault signs a digest, so the digest is computed here; its ES256 signature is already raw r||s (RFC 7518 §3.4). */
    async sign(data) {
        const result = await this.crypto.sign(SIGNING_ALGORITHM, (0,_noble_hashes_sha2_js__WEBPACK_IMPORTED_MODULE_8__/* .sha256 */ .sc)(data), callOptions(this.limits)).catch((error) => {
            throw keyVaultError(this.key, 'sign', error, this.limits);
        });
        const signature = result.result;
        // A signature by another key (or not a P-256 one) fails here, not at the Notary server.
        if (!(signature instanceof Uint8Array) ||
            signature.length !== 2 * P256_COORDINATE_BYTES ||
            !(0,_tuf_signatures_js__WEBPACK_IMPORTED_MODULE_6__/* .verifySignature */ .Od)(this.publicKey, 'ecdsa', signature, data)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_SIGN_FAILED', `${this.key.uri}: Key Vault returned a signature that does not verify with the key's public key`);
        }
        return new Uint8Array(signature);
    }
    close() {
        this.agent.destroy();
        return Promise.resolve();
    }
}
/**
 * Each call (its token, its attempts and their backoff) has the request deadline, and stops with the
 * command. A signal, not the SDK's `requestOptions.timeout`: @typespec/ts-http-runtime's node client
 * leaves that timer running when a request fails, which keeps the process alive for the whole
 * timeout after a connection error; AbortSignal.timeout's timer does not hold the process.
 */
function callOptions(limits) {
    const signals = [limits.signal, limits.requestTimeoutMs ? AbortSignal.timeout(limits.requestTimeoutMs) : undefined].filter((s) => s !== undefined);
    return signals.length ? { abortSignal: AbortSignal.any(signals) } : {};
}


/***/ }),

/***/ 46360:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Od: () => (/* binding */ verifySignature),
/* harmony export */   VH: () => (/* binding */ verifyThreshold),
/* harmony export */   a4: () => (/* binding */ p256DerToRaw)
/* harmony export */ });
/* unused harmony export ecPoint */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _noble_curves_ed25519_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1185);
/* harmony import */ var _noble_curves_nist_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(90895);
/* harmony import */ var _noble_hashes_sha2_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(65108);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);





const CURVES = { prime256v1: _noble_curves_nist_js__WEBPACK_IMPORTED_MODULE_2__/* .p256 */ .s9, secp384r1: _noble_curves_nist_js__WEBPACK_IMPORTED_MODULE_2__/* .p384 */ .sL, secp521r1: _noble_curves_nist_js__WEBPACK_IMPORTED_MODULE_2__/* .p521 */ .Bt };
/** The uncompressed point (04||x||y) of an EC key, as noble expects it. */
function ecPoint(key) {
    const name = key.asymmetricKeyDetails?.namedCurve;
    const curve = name ? CURVES[name] : undefined;
    const jwk = key.export({ format: 'jwk' });
    if (!curve || !jwk.x || !jwk.y)
        return undefined;
    return {
        curve,
        point: new Uint8Array(Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')])),
    };
}
/**
 * A DER ECDSA-Sig-Value over P-256, as cloud KMS and Vault answer, in notary's `ecdsa` form (raw
 * r||s, 32 bytes each); undefined when it is not one.
 */
function p256DerToRaw(der) {
    try {
        return _noble_curves_nist_js__WEBPACK_IMPORTED_MODULE_2__/* .p256 */ .s9.Signature.fromBytes(der, 'der').toBytes('compact');
    }
    catch {
        return undefined;
    }
}
/**
 * One signature over `message` (the canonical bytes of `signed`), by the rules of
 * notary: tuf/signed/verifiers.go. ECDSA is over SHA-256 for every curve, as raw r||s of exactly
 * 2*ceil(bits/8) bytes; Go signatures are not low-S, so low-S must not be required.
 */
function verifySignature(key, method, sig, message) {
    const keyObject = key.keyObject();
    if (!keyObject)
        return false;
    // Method names match case-insensitively, as notary lower-cases them on input (notary: tuf/data/types.go Signature.UnmarshalJSON).
    const name = method.toLowerCase();
    try {
        switch (name) {
            case 'ecdsa': {
                if (key.keytype !== 'ecdsa' && key.keytype !== 'ecdsa-x509')
                    return false;
                const ec = ecPoint(keyObject);
                if (!ec || sig.length !== 2 * ec.curve.Point.Fn.BYTES)
                    return false;
                return ec.curve.verify(sig, (0,_noble_hashes_sha2_js__WEBPACK_IMPORTED_MODULE_3__/* .sha256 */ .sc)(message), ec.point, { prehash: false, lowS: false, format: 'compact' });
            }
            case 'eddsa':
                if (key.keytype !== 'ed25519' || sig.length !== 64)
                    return false;
                return _noble_curves_ed25519_js__WEBPACK_IMPORTED_MODULE_4__/* .ed25519 */ .ev.verify(sig, message, key.publicBytes);
            case 'rsapss':
            case 'rsapkcs1v15': {
                if (key.keytype !== 'rsa' && key.keytype !== 'rsa-x509')
                    return false;
                if (sig.length < 256)
                    return false;
                const padding = name === 'rsapss' ? node_crypto__WEBPACK_IMPORTED_MODULE_0__.constants.RSA_PKCS1_PSS_PADDING : node_crypto__WEBPACK_IMPORTED_MODULE_0__.constants.RSA_PKCS1_PADDING;
                return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.verify)('sha256', message, { key: keyObject, padding, saltLength: 32 }, sig);
            }
            default:
                return false;
        }
    }
    catch {
        return false;
    }
}
/**
 * Threshold verification as notary: tuf/signed/verify.go VerifySignatures does it: signatures by keys
 * outside the role are ignored; a role key whose real ID differs from its listed ID fails the
 * whole check. The threshold counts distinct keys, by canonical ID: notary counts listed key IDs,
 * so one key listed both bare (`ecdsa`) and as its `ecdsa-x509` certificate would count twice
 * (TUF spec 4.3: a threshold of keys; the same flaw as go-tuf GHSA-3633-5h82-39pq).
 * Returns the listed IDs of the keys with a valid signature.
 */
function verifyThreshold(source, role, message, signatures) {
    if (signatures.length === 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .VerificationError */ .mk('THRESHOLD_NOT_MET', `${source}: no signatures`);
    if (role.threshold < 1)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .VerificationError */ .mk('METADATA_MALFORMED', `${source}: role ${role.name} has threshold ${role.threshold} (must be >= 1)`);
    const valid = new Set();
    const distinctKeys = new Set();
    for (const signature of signatures) {
        if (!role.keyids.includes(signature.keyid) || valid.has(signature.keyid))
            continue;
        const key = role.keys.get(signature.keyid);
        if (!key)
            continue;
        if (key.id !== signature.keyid) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .VerificationError */ .mk('METADATA_MALFORMED', `${source}: key listed as ${signature.keyid} has ID ${key.id}`);
        }
        if (!verifySignature(key, signature.method, signature.sig, message))
            continue;
        valid.add(signature.keyid);
        distinctKeys.add(key.canonicalId);
    }
    if (distinctKeys.size < role.threshold)
        throw thresholdNotMet(source, role, signatures, valid.size, distinctKeys.size);
    return [...valid];
}
function thresholdNotMet(source, role, signatures, ids, keys) {
    const signedBy = signatures.map((s) => s.keyid.slice(0, 12)).join(', ');
    const sameKey = ids > keys ? `; ${ids} of the role's key IDs name only ${keys} distinct key(s), counted once each` : '';
    return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .VerificationError */ .mk('THRESHOLD_NOT_MET', `${source}: signature threshold not met for ${role.name}: ${keys} valid of ${role.threshold} required ` +
        `(role keys ${role.keyids.map((k) => k.slice(0, 12)).join(', ') || 'none'}; signed by ${signedBy}${sameKey})`);
}


/***/ })

};

//# sourceMappingURL=276.index.js.map