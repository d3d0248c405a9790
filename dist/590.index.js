export const id = 590;
export const ids = [590];
export const modules = {

/***/ 47590:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VaultTransitSigner: () => (/* binding */ VaultTransitSigner)
/* harmony export */ });
/* unused harmony exports parseVaultUri, vaultReason */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(51455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _noble_hashes_sha2_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(65108);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _http_client_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(73329);
/* harmony import */ var _tuf_keys_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(95591);
/* harmony import */ var _tuf_signatures_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(46360);
/* harmony import */ var _util_hosts_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(82075);
/* harmony import */ var _util_redact_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(50767);









/**
 * A transit key name as Vault's router accepts it (vault: sdk/framework/path.go GenericNameRegex,
 * `\w(([\w-.@]+)?\w)?`, ASCII \w as in Go); cosign's hashivault URI takes the same.
 */
const KEY_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.@-]{0,254}[A-Za-z0-9_])?$/;
/** What a key's read and a signature may weigh: a key with many versions stays far below these. */
const MAX_KEY_RESPONSE = 1 << 20;
const MAX_SIGN_RESPONSE = 64 << 10;
/** How much of Vault's own words an error quotes. */
const MAX_REASON = 300;
function parseVaultUri(uri) {
    const name = uri.startsWith('hashivault://') ? uri.slice('hashivault://'.length) : '';
    if (!KEY_NAME.test(name)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyError */ .eN('KEY_INVALID', `${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_6__/* .quoted */ .T)(uri)} is not a Vault transit key URI; expected hashivault://<key name> (letters, digits, _ . @ -, starting and ending with a letter, digit or _)`);
    }
    return { uri, name };
}
/** A Vault signature is `vault:v<version>:<base64>` (vault: sdk/helper/keysutil/policy.go Sign). */
const SIGNATURE = /^vault:v([1-9][0-9]{0,9}):([A-Za-z0-9+/]+={0,2})$/;
/** Vault's error body: `{"errors": ["..."]}` (vault: sdk/logical/response_util.go RespondError). */
function errorsOf(body) {
    const value = parseJson(body);
    if (!isRecord(value) || !Array.isArray(value.errors))
        return [];
    return value.errors.filter((e) => typeof e === 'string');
}
/**
 * Vault's words, one line: multierror's "1 error occurred:\n\t* permission denied" becomes
 * "permission denied" (vault wraps errors with hashicorp/go-multierror), and the token, should a
 * server ever echo it, is replaced.
 */
function vaultReason(body, token) {
    const parts = errorsOf(body)
        .flatMap((text) => text.split('\n'))
        .map((line) => line.replace(/^\s*\*\s*/, '').trim())
        .filter((line) => line && !/^\d+ errors? occurred:?$/.test(line));
    let text = [...new Set(parts)].join('; ').replace(/[\p{Cc}\p{Zl}\p{Zp}]/gu, ' ');
    if (token)
        text = text.split(token).join('***');
    return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON)}…` : text;
}
/** `GET /v1/<mount>/keys/<name>`'s data, checked field by field (vault: builtin/logical/transit/path_keys.go formatKeyPolicy). */
function transitKeyOf(body) {
    const value = parseJson(body);
    if (!isRecord(value) || !isRecord(value.data))
        return undefined;
    const data = value.data;
    const latest = data.latest_version;
    if (typeof data.type !== 'string' || typeof data.supports_signing !== 'boolean')
        return undefined;
    if (typeof latest !== 'number' || !Number.isSafeInteger(latest) || latest < 1)
        return undefined;
    const keys = isRecord(data.keys) ? data.keys : undefined;
    const entry = keys?.[String(latest)];
    const publicKeyPem = isRecord(entry) && typeof entry.public_key === 'string' && entry.public_key ? entry.public_key : undefined;
    return { type: data.type, latestVersion: latest, supportsSigning: data.supports_signing, ...(publicKeyPem ? { publicKeyPem } : {}) };
}
function parseJson(body) {
    try {
        return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    }
    catch {
        return undefined;
    }
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
class VaultTransitSigner {
    target;
    http;
    version;
    publicKey;
    description;
    constructor(target, http, version, publicKey) {
        this.target = target;
        this.http = http;
        this.version = version;
        this.publicKey = publicKey;
        this.description = `Vault transit key ${target.mountPath}/${target.key.name} (version ${version})`;
    }
    /**
     * Reads the key once: it must be `ecdsa-p256` and able to sign; its latest version is the one
     * every signature of this run is asked for, so a rotation mid-run cannot mix keys.
     */
    static async open(uri, options) {
        const key = parseVaultUri(uri);
        const target = targetOf(key, options.vault);
        const extraCa = options.vault.caCertFile ? await readCaFile(key, options.vault.caCertFile) : undefined;
        const http = new _http_client_js__WEBPACK_IMPORTED_MODULE_3__/* .HttpClient */ .Q({
            ...(extraCa ? { extraCa } : {}),
            proxy: options.proxy,
            ...(options.requestTimeoutMs ? { requestDeadlineMs: options.requestTimeoutMs } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
            userAgent: 'dct-sign',
        });
        try {
            const response = await send(target, http, {
                method: 'GET',
                path: `keys/${encodeURIComponent(key.name)}`,
                maxBytes: MAX_KEY_RESPONSE,
            });
            if (response.status !== 200)
                throw vaultError(target, 'read', response);
            const transitKey = transitKeyOf(response.body);
            if (!transitKey)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyError */ .eN('KEY_STORE_ERROR', `${key.uri}: Vault's answer to reading the key is not a transit key`);
            if (transitKey.type !== 'ecdsa-p256') {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyError */ .eN('KEY_INVALID', `${key.uri}: Vault transit key ${key.name} is of type ${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_6__/* .quoted */ .T)(transitKey.type, 40)}; notary needs ecdsa-p256`);
            }
            if (!transitKey.supportsSigning)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyError */ .eN('KEY_INVALID', `${key.uri}: Vault says transit key ${key.name} does not support signing`);
            if (!transitKey.publicKeyPem) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyError */ .eN('KEY_STORE_ERROR', `${key.uri}: Vault listed no public key for version ${transitKey.latestVersion} (latest_version) of transit key ${key.name}`);
            }
            const publicKey = p256PublicKey(key, transitKey.latestVersion, transitKey.publicKeyPem);
            return new VaultTransitSigner(target, http, transitKey.latestVersion, publicKey);
        }
        catch (error) {
            http.close();
            throw error;
        }
    }
    /**
     * The digest is computed here and sent with `prehashed: true`: metadata files can be large, and
     * the digest is what ECDSA signs anyway (vault: builtin/logical/transit/path_sign_verify.go).
     */
    async sign(data) {
        const { key } = this.target;
        const request = {
            input: Buffer.from((0,_noble_hashes_sha2_js__WEBPACK_IMPORTED_MODULE_7__/* .sha256 */ .sc)(data)).toString('base64'),
            prehashed: true,
            key_version: this.version,
            marshaling_algorithm: 'asn1',
        };
        const response = await send(this.target, this.http, {
            method: 'POST',
            path: `sign/${encodeURIComponent(key.name)}/sha2-256`,
            body: new TextEncoder().encode(JSON.stringify(request)),
            maxBytes: MAX_SIGN_RESPONSE,
        });
        if (response.status !== 200)
            throw vaultError(this.target, 'sign', response, this.version);
        const value = parseJson(response.body);
        const signature = isRecord(value) && isRecord(value.data) && typeof value.data.signature === 'string' ? value.data.signature : undefined;
        const parts = signature ? SIGNATURE.exec(signature) : null;
        if (!parts)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyError */ .eN('KEY_SIGN_FAILED', `${key.uri}: Vault's answer to sign is not a vault:v<version>:<base64> signature`);
        // The version is Vault's statement of which key signed: another one would not verify below either, but this says why.
        if (Number(parts[1]) !== this.version) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyError */ .eN('KEY_SIGN_FAILED', `${key.uri}: Vault signed with key version ${parts[1]}, not the version ${this.version} asked for`);
        }
        // Transit's ECDSA signature (`marshaling_algorithm: asn1`) is DER.
        const raw = (0,_tuf_signatures_js__WEBPACK_IMPORTED_MODULE_5__/* .p256DerToRaw */ .a4)(Buffer.from(parts[2], 'base64'));
        if (!raw)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyError */ .eN('KEY_SIGN_FAILED', `${key.uri}: Vault returned a signature that is not a DER P-256 ECDSA signature`);
        // A signature by another key (a misconfigured mount, a proxy answering for Vault) fails here, not at the Notary server.
        if (!(0,_tuf_signatures_js__WEBPACK_IMPORTED_MODULE_5__/* .verifySignature */ .Od)(this.publicKey, 'ecdsa', raw, data)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyError */ .eN('KEY_SIGN_FAILED', `${key.uri}: Vault returned a signature that does not verify with version ${this.version}'s public key`);
        }
        return raw;
    }
    close() {
        this.http.close();
        return Promise.resolve();
    }
}
/** The settings a key needs, each missing one named with the variable to set. */
function targetOf(key, settings) {
    if (!settings.address) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyError */ .eN('KEY_STORE_ERROR', `${key.uri}: VAULT_ADDR is not set; set it to the Vault server's URL (https://vault.example.com:8200)`);
    }
    const token = settings.token?.trim();
    if (!token) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyError */ .eN('KEY_ACCESS_DENIED', `${key.uri}: VAULT_TOKEN is not set; log in first (hashicorp/vault-action with exportToken: true) or set VAULT_TOKEN`);
    }
    // A header value: anything else would be refused by node:http (or split a header).
    if (!/^[\x21-\x7e]+$/.test(token))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyError */ .eN('KEY_ACCESS_DENIED', `${key.uri}: VAULT_TOKEN has characters no Vault token has`);
    // As docker allows plain HTTP only to loopback registries: the token must not cross a network in clear.
    if (settings.address.protocol === 'http:' && !(0,_util_hosts_js__WEBPACK_IMPORTED_MODULE_8__/* .isLoopbackHost */ .cW)(settings.address.host)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyError */ .eN('KEY_STORE_ERROR', `${key.uri}: VAULT_ADDR ${settings.address.origin} is plain http to a host that is not loopback, which would send the token unencrypted; use https`);
    }
    return {
        key,
        address: settings.address,
        token,
        mountPath: settings.mountPath,
        ...(settings.namespace ? { namespace: settings.namespace } : {}),
    };
}
async function readCaFile(key, file) {
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(file, 'utf8');
    }
    catch (error) {
        const reason = error.code ?? 'unreadable';
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyError */ .eN('KEY_STORE_ERROR', `${key.uri}: VAULT_CACERT ${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_6__/* .quoted */ .T)(file)} cannot be read (${reason})`, { cause: error });
    }
    if (!text.includes('-----BEGIN CERTIFICATE-----')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyError */ .eN('KEY_STORE_ERROR', `${key.uri}: VAULT_CACERT ${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_6__/* .quoted */ .T)(file)} holds no PEM certificate`);
    }
    return text;
}
/** The key's public key, which must be P-256: Vault's type says so, but the key's own bytes decide. */
function p256PublicKey(key, version, pem) {
    let keyObject;
    try {
        keyObject = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)(pem);
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyError */ .eN('KEY_STORE_ERROR', `${key.uri}: the public key Vault lists for version ${version} does not parse`, { cause: error });
    }
    if (keyObject.asymmetricKeyType !== 'ec' || keyObject.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyError */ .eN('KEY_INVALID', `${key.uri}: the public key Vault lists for version ${version} is not a P-256 key`);
    }
    return _tuf_keys_js__WEBPACK_IMPORTED_MODULE_4__/* .PublicKey */ .J3.fromKeyObject(keyObject);
}
/** One call to Vault's API: the token and namespace as Vault's own client sends them (vault: api/client.go NewRequest). */
async function send(target, http, request) {
    const base = target.address.pathname.replace(/\/+$/, '');
    const mount = target.mountPath.split('/').map(encodeURIComponent).join('/');
    const url = new URL(target.address.href);
    url.pathname = `${base}/v1/${mount}/${request.path}`;
    url.search = '';
    url.hash = '';
    try {
        return await http.request({
            method: request.method,
            url: url.href,
            headers: {
                'x-vault-token': target.token,
                // Vault's own client sends it on every call, and a Vault Agent or Proxy listener with
                // require_request_header refuses calls without it (vault: api/client.go RequestHeaderName).
                'x-vault-request': 'true',
                accept: 'application/json',
                ...(request.body ? { 'content-type': 'application/json' } : {}),
                ...(target.namespace ? { 'x-vault-namespace': target.namespace } : {}),
            },
            ...(request.body ? { body: request.body } : {}),
            maxBytes: request.maxBytes,
        });
    }
    catch (error) {
        if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .HttpError */ .j$))
            throw error;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyError */ .eN('KEY_STORE_ERROR', `${target.key.uri}: Vault: ${error.message}`, { cause: error });
    }
}
/**
 * The ACL path of a sign call. The hash algorithm is part of it, as cosign sends it, so a policy
 * can allow SHA-256 alone; a policy path matches exactly unless it ends in `*` (vault:
 * website/content/docs/concepts/policies.mdx), so `<mount>/sign/<name>` alone does not allow it.
 */
function signPath(target) {
    return `${target.mountPath}/sign/${target.key.name}/sha2-256`;
}
/** One line for a refusal, naming the key, what Vault said, and for a denial the policy that would allow it. */
function vaultError(target, operation, response, version) {
    const { key, mountPath } = target;
    const reason = vaultReason(response.body, target.token);
    const said = `${response.status}${reason ? `: ${reason}` : ''}`;
    const where = `mount ${mountPath}${target.namespace ? `, namespace ${target.namespace}` : ''}`;
    const fail = (code, text) => new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .KeyError */ .eN(code, `${key.uri}: ${text}`);
    switch (response.status) {
        case 401:
        case 403:
            return fail('KEY_ACCESS_DENIED', `Vault refused the token (${said}); its policy needs "read" on ${mountPath}/keys/${key.name} and "update" on ${signPath(target)}${target.namespace ? ` in namespace ${target.namespace}` : ''}, and it must not have expired`);
        case 404:
            return fail('KEY_NOT_FOUND', `Vault has no transit key ${key.name} (${where}) (${said})`);
        case 400:
            if (operation === 'sign') {
                // The key was there when it was read: "encryption key not found" means it was deleted since.
                if (/key not found/i.test(reason))
                    return fail('KEY_NOT_FOUND', `Vault no longer has transit key ${key.name} (${where}) (${said})`);
                return fail('KEY_SIGN_FAILED', `Vault refused to sign with transit key ${key.name} version ${version ?? '?'} (${said})`);
            }
            return fail('KEY_STORE_ERROR', `Vault refused to read transit key ${key.name} (${said})`);
        case 301:
        case 302:
        case 307:
        case 308:
            // Vault's client follows one redirect (a standby naming the active node); ours follows none, so the token never goes where a response points.
            return fail('KEY_STORE_ERROR', `Vault at ${target.address.origin} redirected the ${operation} request (${response.status}); set VAULT_ADDR to the active node or the cluster's address`);
        case 503:
            return fail('KEY_STORE_ERROR', `Vault at ${target.address.origin} is unavailable (${said}); it may be sealed or in standby`);
        default:
            return fail('KEY_STORE_ERROR', `Vault at ${target.address.origin} answered ${operation === 'read' ? 'the key read' : 'the sign request'} with ${said}`);
    }
}


/***/ })

};

//# sourceMappingURL=590.index.js.map