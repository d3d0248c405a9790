export const id = 250;
export const ids = [250];
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

/***/ 98250:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GcpKmsSigner: () => (/* binding */ GcpKmsSigner)
});

// UNUSED EXPORTS: parseGcpKmsUri

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/@noble/hashes/sha2.js + 2 modules
var sha2 = __webpack_require__(65108);
// EXTERNAL MODULE: ./node_modules/google-auth-library/build/src/index.js
var src = __webpack_require__(492);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/http/proxy.ts
var proxy = __webpack_require__(57856);
// EXTERNAL MODULE: ./src/tuf/keys.ts
var keys = __webpack_require__(95591);
// EXTERNAL MODULE: ./src/tuf/signatures.ts
var signatures = __webpack_require__(46360);
// EXTERNAL MODULE: ./node_modules/crc-32/crc32c.js
var crc32c = __webpack_require__(82782);
var crc32c_default = /*#__PURE__*/__webpack_require__.n(crc32c);
;// CONCATENATED MODULE: ./src/util/crc32c.ts

/**
 * CRC-32C (Castagnoli), the checksum Cloud KMS puts beside every byte string it takes and returns,
 * from SheetJS's pure-JS `crc-32`.
 */
function crc32c_crc32c(data) {
    // The library answers a signed 32-bit integer.
    return crc32c_default().buf(data) >>> 0;
}

// EXTERNAL MODULE: ./src/util/redact.ts
var redact = __webpack_require__(50767);
;// CONCATENATED MODULE: ./src/keys/gcp-kms.ts









/**
 * Resource IDs as Cloud KMS allows them: key ring and key IDs `[a-zA-Z0-9_-]{1,63}`; a project ID
 * (possibly domain-scoped, `example.com:proj`) or number; a location such as `global` or
 * `europe-west1`; a version number. Nothing else may reach a URL path.
 */
const KEY_NAME = /^projects\/([a-z0-9][a-z0-9.:-]{0,99})\/locations\/([a-z0-9-]{1,63})\/keyRings\/([A-Za-z0-9_-]{1,63})\/cryptoKeys\/([A-Za-z0-9_-]{1,63})\/cryptoKeyVersions\/([1-9][0-9]{0,18})$/;
function parseGcpKmsUri(uri) {
    const name = uri.startsWith('gcpkms://') ? uri.slice('gcpkms://'.length) : '';
    const m = KEY_NAME.exec(name);
    if (!m) {
        throw new errors/* KeyError */.eN('KEY_INVALID', `${(0,redact/* quoted */.T)(uri)} is not a Google Cloud KMS key URI; expected gcpkms://projects/<project>/locations/<location>/keyRings/<key ring>/cryptoKeys/<key>/cryptoKeyVersions/<version>`);
    }
    return { uri, name, project: m[1], location: m[2], keyRing: m[3], cryptoKey: m[4], version: m[5] };
}
const KMS_API = new URL('https://cloudkms.googleapis.com/v1/');
/** Cloud KMS accepts its own scope or cloud-platform; the narrower one is asked for. */
const KMS_SCOPES = ['https://www.googleapis.com/auth/cloudkms'];
/** Notary's keys are ECDSA P-256 over SHA-256 (notary: tuf/data/types.go ECDSASignature). */
const NOTARY_ALGORITHM = 'EC_SIGN_P256_SHA256';
/**
 * Google's data-integrity guidance: discard an answer whose checksums do not match and try again
 * "a limited number of times" (cloud.google.com/kms/docs/data-integrity-guidelines).
 */
const INTEGRITY_ATTEMPTS = 3;
/** A public key or a signature is a few hundred bytes; an answer past this is not one. */
const MAX_RESPONSE_BYTES = 1 << 20;
/** How much of a server's own words an error quotes. */
const MAX_REASON = 300;
/** 429 and 5xx are retried with the library's backoff; signing the same digest again is harmless. */
const KMS_RETRY = {
    retry: true,
    retryConfig: {
        retry: 3,
        noResponseRetries: 2,
        httpMethodsToRetry: ['GET', 'POST'],
        statusCodesToRetry: [
            [429, 429],
            [500, 599],
        ],
    },
};
class GcpKmsSigner {
    key;
    client;
    agent;
    signal;
    publicKey;
    description;
    constructor(key, client, agent, signal, publicKey) {
        this.key = key;
        this.client = client;
        this.agent = agent;
        this.signal = signal;
        this.publicKey = publicKey;
        this.description = `Google Cloud KMS ${key.name}`;
    }
    /**
     * Finds the credentials and reads the public key once; the key version must be
     * EC_SIGN_P256_SHA256. No project lookup is made: the key's project is given to the library,
     * which would otherwise ask gcloud, the metadata server or cloudresourcemanager for one.
     */
    static async open(uri, options) {
        const key = parseGcpKmsUri(uri);
        const agent = new proxy/* ProxyRoutingAgent */.Qr(options.proxy);
        try {
            // Defaults of every request the client makes: the token exchange, impersonation and KMS alike.
            const transporter = new src.gaxios.Gaxios({
                agent,
                maxContentLength: MAX_RESPONSE_BYTES,
                ...(options.requestTimeoutMs ? { timeout: options.requestTimeoutMs } : {}),
                ...(options.signal ? { signal: options.signal } : {}),
            });
            const auth = new src.GoogleAuth({ scopes: KMS_SCOPES, projectId: key.project, clientOptions: { transporter } });
            let client;
            try {
                client = await auth.getClient();
            }
            catch (error) {
                throw credentialsNotLoaded(key, error);
            }
            routeEveryRequest(client, transporter);
            const publicKey = await readPublicKey(key, client, options.signal);
            return new GcpKmsSigner(key, client, agent, options.signal, publicKey);
        }
        catch (error) {
            agent.destroy();
            throw error;
        }
    }
    /** The digest is computed here: the API takes at most 64 KiB of data, and metadata can be larger. */
    async sign(data) {
        const { key } = this;
        const digest = (0,sha2/* sha256 */.sc)(data);
        let failure = '';
        for (let attempt = 0; attempt < INTEGRITY_ATTEMPTS; attempt++) {
            const body = await call(key, this.client, this.signal, 'asymmetricSign', {
                url: new URL(`${key.name}:asymmetricSign`, KMS_API),
                method: 'POST',
                data: { digest: { sha256: Buffer.from(digest).toString('base64') }, digestCrc32c: String(crc32c_crc32c(digest)) },
            });
            const answer = signAnswerOf(body);
            if (!answer)
                throw new errors/* KeyError */.eN('KEY_SIGN_FAILED', `${key.uri}: Cloud KMS's answer to asymmetricSign is not a signature`);
            if (answer.name !== key.name)
                throw new errors/* KeyError */.eN('KEY_SIGN_FAILED', `${key.uri}: Cloud KMS signed with ${(0,redact/* quoted */.T)(answer.name)}, not the key version asked for`);
            // Integrity failures are the network's or the server's: the request is sent again.
            if (!answer.verifiedDigestCrc32c)
                failure = 'Cloud KMS did not confirm the digest checksum (verifiedDigestCrc32c)';
            else if (answer.signatureCrc32c !== crc32c_crc32c(answer.signature))
                failure = 'the signature does not match its checksum (signatureCrc32c)';
            else
                return this.rawSignature(answer.signature, data);
        }
        throw new errors/* KeyError */.eN('KEY_SIGN_FAILED', `${key.uri}: ${failure}, ${INTEGRITY_ATTEMPTS} times`);
    }
    /** Cloud KMS signs ECDSA as a DER ECDSA-Sig-Value; notary wants raw r||s, checked against the key read at open. */
    rawSignature(der, data) {
        const signature = (0,signatures/* p256DerToRaw */.a4)(der);
        if (!signature)
            throw new errors/* KeyError */.eN('KEY_SIGN_FAILED', `${this.key.uri}: Cloud KMS returned a signature that is not a DER P-256 ECDSA signature`);
        if (!(0,signatures/* verifySignature */.Od)(this.publicKey, 'ecdsa', signature, data))
            throw new errors/* KeyError */.eN('KEY_SIGN_FAILED', `${this.key.uri}: Cloud KMS returned a signature that does not verify with the key's public key`);
        return signature;
    }
    close() {
        this.agent.destroy();
        return Promise.resolve();
    }
}
async function readPublicKey(key, client, signal) {
    for (let attempt = 0; attempt < INTEGRITY_ATTEMPTS; attempt++) {
        const body = await call(key, client, signal, 'getPublicKey', { url: new URL(`${key.name}/publicKey`, KMS_API), method: 'GET' });
        const answer = publicKeyAnswerOf(body);
        if (!answer)
            throw new errors/* KeyError */.eN('KEY_STORE_ERROR', `${key.uri}: Cloud KMS's answer to getPublicKey is not a public key`);
        if (answer.name !== key.name)
            throw new errors/* KeyError */.eN('KEY_STORE_ERROR', `${key.uri}: Cloud KMS answered with the public key of ${(0,redact/* quoted */.T)(answer.name)}`);
        if (answer.pemCrc32c !== crc32c_crc32c(Buffer.from(answer.pem, 'utf8')))
            continue;
        if (answer.algorithm !== NOTARY_ALGORITHM) {
            throw new errors/* KeyError */.eN('KEY_INVALID', `${key.uri}: the key version's algorithm is ${(0,redact/* quoted */.T)(answer.algorithm, 60)}; notary needs ${NOTARY_ALGORITHM}`);
        }
        let keyObject;
        try {
            keyObject = (0,external_node_crypto_.createPublicKey)(answer.pem);
        }
        catch {
            throw new errors/* KeyError */.eN('KEY_STORE_ERROR', `${key.uri}: Cloud KMS returned a public key that does not parse`);
        }
        if (keyObject.asymmetricKeyType !== 'ec' || keyObject.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
            throw new errors/* KeyError */.eN('KEY_STORE_ERROR', `${key.uri}: Cloud KMS returned a public key that is not P-256 for an ${NOTARY_ALGORITHM} key`);
        return keys/* PublicKey */.J3.fromKeyObject(keyObject);
    }
    throw new errors/* KeyError */.eN('KEY_STORE_ERROR', `${key.uri}: the public key does not match its checksum (pemCrc32c), ${INTEGRITY_ATTEMPTS} times`);
}
/** One KMS call through the client (which adds and renews the access token); its failure becomes one line naming the key. */
async function call(key, client, signal, operation, request) {
    try {
        const response = await client.request({ ...request, responseType: 'json', ...KMS_RETRY });
        return response.data;
    }
    catch (error) {
        throw requestError(key, operation, error, signal);
    }
}
/** What each operation needs (cloud.google.com/kms/docs/reference/permissions-and-roles). */
const PERMISSION_HINT = {
    getPublicKey: 'cloudkms.cryptoKeyVersions.viewPublicKey: grant the identity roles/cloudkms.signerVerifier on the key, or roles/cloudkms.publicKeyViewer to read its public key only',
    asymmetricSign: 'cloudkms.cryptoKeyVersions.useToSign: grant the identity roles/cloudkms.signerVerifier on the key',
};
/** What to check when a token endpoint refuses, by host. */
const TOKEN_HINT = {
    'sts.googleapis.com': 'check the workload identity provider: its audience, issuer and attribute condition',
    'iamcredentials.googleapis.com': 'the federated identity needs roles/iam.workloadIdentityUser on the service account it impersonates',
    'oauth2.googleapis.com': 'check the service-account key, or run gcloud auth application-default login again',
};
function failureOf(error) {
    const record = isRecord(error) ? error : {};
    const config = isRecord(record.config) ? record.config : {};
    const response = isRecord(record.response) ? record.response : undefined;
    let url;
    try {
        url = config.url instanceof URL ? config.url : typeof config.url === 'string' ? new URL(config.url) : undefined;
    }
    catch {
        url = undefined;
    }
    const status = typeof response?.status === 'number' ? response.status : undefined;
    const code = typeof record.code === 'string' ? record.code : undefined;
    // node-fetch rejects an aborted request with its AbortError, which gaxios keeps as `error`.
    const cause = isRecord(record.error) ? record.error : isRecord(record.cause) ? record.cause : {};
    const aborted = code === 'TimeoutError' || code === 'AbortError' || cause.name === 'AbortError' || cause.name === 'TimeoutError';
    const message = error instanceof Error ? error.message : String(error);
    return {
        ...(url ? { url } : {}),
        ...(status !== undefined ? { status, body: response?.data } : {}),
        ...(code ? { code } : {}),
        aborted,
        message,
    };
}
function requestError(key, operation, error, signal) {
    const failure = failureOf(error);
    const fail = (code, text) => new errors/* KeyError */.eN(code, `${key.uri}: ${text}`);
    if (signal?.aborted)
        return fail('KEY_STORE_ERROR', `Cloud KMS ${operation} was stopped with the command (its deadline passed)`);
    if (failure.url?.host !== KMS_API.host)
        return tokenError(key, failure);
    if (failure.status === undefined)
        return fail('KEY_STORE_ERROR', `Cloud KMS ${operation}: ${unreachable(failure)}`);
    const api = apiErrorOf(failure.body);
    const words = api?.message ? `: ${api.message}` : '';
    switch (api?.status) {
        case 'NOT_FOUND':
            return fail('KEY_NOT_FOUND', `Cloud KMS has no such key version (${operation} answered NOT_FOUND${words})`);
        case 'PERMISSION_DENIED':
            return fail('KEY_ACCESS_DENIED', `Cloud KMS denied ${operation} (PERMISSION_DENIED${words}); it needs ${PERMISSION_HINT[operation]}`);
        case 'UNAUTHENTICATED':
            return fail('KEY_ACCESS_DENIED', `Cloud KMS refused the access token (UNAUTHENTICATED${words})`);
        case 'FAILED_PRECONDITION':
            return fail('KEY_NOT_FOUND', `the key version cannot be used in its current state (${operation} answered FAILED_PRECONDITION${words})`);
        default:
            return fail('KEY_STORE_ERROR', `Cloud KMS ${operation} failed: HTTP ${failure.status}${api?.status ? ` ${api.status}` : ''}${words}`);
    }
}
/** A failure before KMS answered: getting the access token (STS, impersonation, OAuth) or the subject token. */
function tokenError(key, failure) {
    const host = failure.url?.host;
    const fail = (code, text) => new errors/* KeyError */.eN(code, `${key.uri}: ${text}`);
    if (!host)
        return fail('KEY_ACCESS_DENIED', `the Google credentials could not be used: ${reason(failure.message)}`);
    if (failure.status === undefined)
        return fail('KEY_STORE_ERROR', `no access token: ${unreachable(failure)}`);
    const words = oauthErrorOf(failure.body) ?? apiErrorOf(failure.body)?.message ?? reason(failure.message);
    const hint = TOKEN_HINT[host];
    if (failure.status >= 400 && failure.status < 500)
        return fail('KEY_ACCESS_DENIED', `${host} refused the credentials (HTTP ${failure.status}: ${words})${hint ? `; ${hint}` : ''}`);
    return fail('KEY_STORE_ERROR', `${host} could not issue an access token (HTTP ${failure.status}: ${words})`);
}
function unreachable(failure) {
    const host = failure.url?.host ?? 'the server';
    if (failure.aborted)
        return `${host} did not answer in time`;
    return `could not reach ${host}: ${failure.code ?? reason(failure.message)}`;
}
/**
 * google-auth-library's words when it finds no credentials at all (googleauth.js
 * GoogleAuthExceptionMessages.NO_ADC_FOUND); the library exports no code for it.
 */
const NO_ADC_FOUND = 'Could not load the default credentials';
function credentialsNotLoaded(key, error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message.startsWith(NO_ADC_FOUND)) {
        return new errors/* KeyError */.eN('KEY_ACCESS_DENIED', `${key.uri}: no Google credentials found (use google-github-actions/auth, or set GOOGLE_APPLICATION_CREDENTIALS to a credential file)`);
    }
    // A JSON parser's message quotes the text around the fault, which may be a private key.
    if (error instanceof SyntaxError)
        return new errors/* KeyError */.eN('KEY_ACCESS_DENIED', `${key.uri}: the Google credential file is not JSON (GOOGLE_APPLICATION_CREDENTIALS or gcloud's ADC)`);
    return new errors/* KeyError */.eN('KEY_ACCESS_DENIED', `${key.uri}: the Google credentials could not be loaded: ${reason(message)}`);
}
/**
 * google-auth-library makes some requests with a Gaxios of its own, which reads HTTPS_PROXY by
 * itself and keeps neither our NO_PROXY rules nor the deadline: an external account's STS
 * exchange (baseexternalclient.js builds its StsCredentials without the transporter;
 * googleapis/google-cloud-node#8292), and every request of gcloud's impersonated_service_account
 * ADC (googleauth.js fromImpersonatedJSON passes no options to either client). Each is pointed
 * at ours; the fields are the library's, hence the structural checks.
 */
function routeEveryRequest(client, transporter, depth = 0) {
    client.transporter = transporter;
    const internals = { ...client };
    for (const field of ['stsCredential', 'supplierContext']) {
        const holder = internals[field];
        if (isRecord(holder) && 'transporter' in holder)
            holder.transporter = transporter;
    }
    if (internals.sourceClient instanceof src.AuthClient && depth < 3)
        routeEveryRequest(internals.sourceClient, transporter, depth + 1);
}
/** A Google API error body (AIP-193): `{"error": {"code", "message", "status"}}`. */
function apiErrorOf(body) {
    if (!isRecord(body) || !isRecord(body.error))
        return undefined;
    const { status, message } = body.error;
    return {
        ...(typeof status === 'string' && /^[A-Z_]{1,40}$/.test(status) ? { status } : {}),
        ...(typeof message === 'string' ? { message: reason(message) } : {}),
    };
}
/** An OAuth 2.0 error body (RFC 6749 5.2), as STS and the OAuth endpoint answer: `error`, `error_description`. */
function oauthErrorOf(body) {
    if (!isRecord(body) || typeof body.error !== 'string')
        return undefined;
    const description = typeof body.error_description === 'string' ? `: ${body.error_description}` : '';
    return reason(`${body.error}${description}`);
}
/** A server's or library's words, on one line and cut to a length a log line can hold. */
function reason(text) {
    const line = text.replace(/\p{Cc}+/gu, ' ').trim();
    return line.length > MAX_REASON ? `${line.slice(0, MAX_REASON)}…` : line;
}
/** `GET .../publicKey`'s PublicKey message (cloud.google.com/kms/docs/reference/rest/v1/PublicKey). */
function publicKeyAnswerOf(body) {
    if (!isRecord(body))
        return undefined;
    const { name, pem, algorithm } = body;
    const pemCrc32c = checksumOf(body.pemCrc32c);
    if (typeof name !== 'string' || typeof pem !== 'string' || typeof algorithm !== 'string' || pemCrc32c === undefined)
        return undefined;
    return { name, pem, algorithm, pemCrc32c };
}
/** `POST ...:asymmetricSign`'s AsymmetricSignResponse; `verifiedDigestCrc32c` is omitted when false (proto3 JSON). */
function signAnswerOf(body) {
    if (!isRecord(body))
        return undefined;
    const { name, signature } = body;
    const signatureCrc32c = checksumOf(body.signatureCrc32c);
    if (typeof name !== 'string' || typeof signature !== 'string' || signatureCrc32c === undefined)
        return undefined;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(signature))
        return undefined;
    const verified = body.verifiedDigestCrc32c;
    if (verified !== undefined && typeof verified !== 'boolean')
        return undefined;
    return { name, signature: new Uint8Array(Buffer.from(signature, 'base64')), signatureCrc32c, verifiedDigestCrc32c: verified === true };
}
/** An Int64Value checksum: a decimal string in proto3 JSON (a number is taken too), at most 2^32-1. */
function checksumOf(value) {
    const n = typeof value === 'string' && /^[0-9]{1,10}$/.test(value) ? Number(value) : value;
    return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : undefined;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
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

//# sourceMappingURL=250.index.js.map