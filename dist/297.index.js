export const id = 297;
export const ids = [297];
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

/***/ 36297:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AwsKmsSigner: () => (/* binding */ AwsKmsSigner)
/* harmony export */ });
/* unused harmony exports parseKmsUri, derToRawSignature */
/* harmony import */ var _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(92632);
/* harmony import */ var _noble_hashes_sha2_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(65108);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _tuf_keys_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(95591);
/* harmony import */ var _tuf_signatures_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(46360);
/* harmony import */ var _tuf_x509_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(64103);
/* harmony import */ var _util_hosts_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(82075);
/* harmony import */ var _http_proxy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(57856);
/* harmony import */ var _util_redact_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(50767);









const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias\/[A-Za-z0-9/_-]{1,250})$/;
const ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:(?:key\/[A-Za-z0-9-]+|alias\/[A-Za-z0-9/_-]+)$/;
function parseKmsUri(uri) {
    const rest = uri.slice('awskms://'.length);
    const slash = rest.indexOf('/');
    const endpoint = slash > 0 ? rest.slice(0, slash) : undefined;
    const keyId = slash >= 0 ? rest.slice(slash + 1) : rest;
    const arn = ARN.exec(keyId);
    if (!arn && !KEY_ID.test(keyId)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_INVALID', `${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_5__/* .quoted */ .T)(uri)} is not an AWS KMS key URI; expected awskms://[endpoint]/<key id, alias/name, key ARN or alias ARN>`);
    }
    return { uri, keyId, ...(endpoint ? { endpoint } : {}), ...(arn ? { region: arn[1] } : {}) };
}
/** KMS signs ECDSA as a DER ECDSA-Sig-Value; notary wants raw r||s, 32 bytes each for P-256. */
function derToRawSignature(der) {
    const raw = (0,_tuf_signatures_js__WEBPACK_IMPORTED_MODULE_2__/* .p256DerToRaw */ .a4)(der);
    if (!raw)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_SIGN_FAILED', 'AWS KMS returned a signature that is not a DER P-256 ECDSA signature');
    return raw;
}
/** One line naming the key, whatever the SDK threw. */
function kmsError(key, operation, error) {
    const name = error.name ?? '';
    const message = (error.message ?? String(error)).split('\n')[0];
    const subject = `AWS KMS key ${key.keyId}`;
    const fail = (code, text) => new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN(code, text, { cause: error });
    switch (name) {
        case 'AccessDeniedException':
            return fail('KEY_ACCESS_DENIED', `${subject}: access denied for kms:${operation} (grant kms:${operation} on this key): ${message}`);
        case 'NotFoundException':
            return fail('KEY_NOT_FOUND', `${subject} was not found (check the key ID, alias and region)`);
        case 'DisabledException':
            return fail('KEY_NOT_FOUND', `${subject} is disabled`);
        case 'KMSInvalidStateException':
            return fail('KEY_NOT_FOUND', `${subject} cannot be used in its current state: ${message}`);
        case 'CredentialsProviderError':
            return fail('KEY_ACCESS_DENIED', `${subject}: no AWS credentials found (use aws-actions/configure-aws-credentials, or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)`);
        case 'UnrecognizedClientException':
        case 'InvalidSignatureException':
            return fail('KEY_ACCESS_DENIED', `${subject}: AWS refused the credentials (${name})`);
        default:
            return fail('KEY_STORE_ERROR', `${subject}: kms:${operation} failed: ${name ? `${name}: ` : ''}${message}`);
    }
}
class AwsKmsSigner {
    key;
    client;
    publicKey;
    sendOptions;
    description;
    constructor(key, client, publicKey, sendOptions) {
        this.key = key;
        this.client = client;
        this.publicKey = publicKey;
        this.sendOptions = sendOptions;
        this.description = `AWS KMS ${key.keyId}`;
    }
    /**
     * Reads the public key once and checks the key can sign as notary needs (P-256, SIGN_VERIFY).
     * Every call has the command's deadline: the SDK sets no timeout of its own.
     */
    static async open(uri, limits = { proxy: _http_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .NO_PROXY_SETTINGS */ .JB }) {
        const key = parseKmsUri(uri);
        const endpoint = key.endpoint ? `${(0,_util_hosts_js__WEBPACK_IMPORTED_MODULE_6__/* .isLoopbackHost */ .cW)(key.endpoint) ? 'http' : 'https'}://${key.endpoint}` : undefined;
        // The SDK ignores HTTPS_PROXY; its own handler gets agents that go by our proxy settings, per
        // host, since the endpoint is resolved inside the SDK (region, AWS_ENDPOINT_URL_KMS).
        const proxied = limits.proxy.httpsProxy || limits.proxy.httpProxy;
        const agents = proxied ? { httpsAgent: new _http_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .ProxyRoutingAgent */ .Qr(limits.proxy), httpAgent: new _http_proxy_js__WEBPACK_IMPORTED_MODULE_4__/* .ProxyRoutingAgent */ .Qr(limits.proxy) } : {};
        const timeouts = limits.requestTimeoutMs
            ? { connectionTimeout: limits.requestTimeoutMs, requestTimeout: limits.requestTimeoutMs, throwOnRequestTimeout: true }
            : {};
        // Throttling and 5xx are retried by the SDK's standard strategy, with a bound.
        const client = new _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_7__/* .KMSClient */ .pgq({
            maxAttempts: 5,
            retryMode: 'standard',
            ...(key.region ? { region: key.region } : {}),
            ...(endpoint ? { endpoint } : {}),
            ...(proxied || limits.requestTimeoutMs ? { requestHandler: { ...agents, ...timeouts } } : {}),
        });
        const options = limits.signal ? { abortSignal: limits.signal } : {};
        try {
            const response = await client.send(new _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_7__/* .GetPublicKeyCommand */ .QSA({ KeyId: key.keyId }), options).catch((error) => {
                throw kmsError(key, 'GetPublicKey', error);
            });
            if (response.KeySpec !== 'ECC_NIST_P256') {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_INVALID', `AWS KMS key ${key.keyId} has KeySpec ${response.KeySpec ?? 'unknown'}; notary needs ECC_NIST_P256`);
            }
            if (response.KeyUsage !== 'SIGN_VERIFY') {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_INVALID', `AWS KMS key ${key.keyId} has KeyUsage ${response.KeyUsage ?? 'unknown'}; signing needs SIGN_VERIFY`);
            }
            if (!response.PublicKey)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_STORE_ERROR', `AWS KMS key ${key.keyId}: GetPublicKey returned no public key`);
            let publicKey;
            try {
                publicKey = _tuf_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .PublicKey */ .J3.fromKeyObject((0,_tuf_x509_js__WEBPACK_IMPORTED_MODULE_3__/* .publicKeyFromSpki */ .W8)(response.PublicKey));
            }
            catch (error) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_STORE_ERROR', `AWS KMS key ${key.keyId}: GetPublicKey returned a public key that does not parse`, {
                    cause: error,
                });
            }
            return new AwsKmsSigner(key, client, publicKey, options);
        }
        catch (error) {
            client.destroy();
            throw error;
        }
    }
    /** The digest is computed here: metadata outgrows KMS's 4096-byte message limit. */
    async sign(data) {
        const response = await this.client
            .send(new _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_7__/* .SignCommand */ .fJE({ KeyId: this.key.keyId, Message: (0,_noble_hashes_sha2_js__WEBPACK_IMPORTED_MODULE_8__/* .sha256 */ .sc)(data), MessageType: 'DIGEST', SigningAlgorithm: 'ECDSA_SHA_256' }), this.sendOptions)
            .catch((error) => {
            throw kmsError(this.key, 'Sign', error);
        });
        if (!response.Signature)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_SIGN_FAILED', `AWS KMS key ${this.key.keyId}: Sign returned no signature`);
        const signature = derToRawSignature(response.Signature);
        // A signature by another key (a misrouted alias) fails here, not at the server.
        if (!(0,_tuf_signatures_js__WEBPACK_IMPORTED_MODULE_2__/* .verifySignature */ .Od)(this.publicKey, 'ecdsa', signature, data))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_SIGN_FAILED', `AWS KMS key ${this.key.keyId} returned a signature that does not verify with its public key`);
        return signature;
    }
    close() {
        this.client.destroy();
        return Promise.resolve();
    }
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

//# sourceMappingURL=297.index.js.map