export const id = 574;
export const ids = [574];
export const modules = {

/***/ 15574:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(96421);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/tuf/guard.ts
var guard = __webpack_require__(78674);
// EXTERNAL MODULE: ./src/tuf/keys.ts
var keys = __webpack_require__(95591);
;// CONCATENATED MODULE: ./src/notary/client.ts




class NotaryClient {
    http;
    serverUrl;
    gun;
    base;
    requests = [];
    constructor(http, serverUrl, gun) {
        this.http = http;
        this.serverUrl = serverUrl;
        this.gun = gun;
        this.base = `${serverUrl.replace(/\/+$/, '')}/v2/${gun}/_trust/tuf/`;
    }
    async fetch(role, options) {
        const name = options.version
            ? `${options.version}.${role}.json`
            : options.checksum
                ? `${role}.${options.checksum}.json`
                : `${role}.json`;
        this.requests.push(name);
        const response = await this.call({ url: this.base + name, maxBytes: options.maxBytes, scope: `repository:${this.gun}:pull` }, `GET ${name}`);
        if (response.status === 404)
            return undefined;
        if (response.status !== 200)
            throw this.error(response, `GET ${name}`);
        return response.body;
    }
    /**
     * One atomic update: every changed role in one multipart POST (notary: storage/httpstore.go
     * NewMultiPartMetaRequest). The server stores all or nothing, and generates the timestamp
     * (and the snapshot when it holds the snapshot key).
     */
    async publish(files) {
        const boundary = `dct-sign-${(0,external_node_crypto_.randomBytes)(12).toString('hex')}`;
        const parts = [];
        for (const file of files) {
            parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.role}"\r\nContent-Type: application/octet-stream\r\n\r\n`), Buffer.from(file.bytes), Buffer.from('\r\n'));
        }
        parts.push(Buffer.from(`--${boundary}--\r\n`));
        const response = await this.call({
            method: 'POST',
            url: this.base,
            headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
            body: new Uint8Array(Buffer.concat(parts)),
            maxBytes: 1 << 20,
            scope: `repository:${this.gun}:push,pull`,
            // A 5xx after the server committed would make a retry fail as a stale version; the
            // caller re-reads and decides instead.
            retry: false,
        }, 'publish');
        if (response.status !== 200)
            throw this.error(response, 'publish');
    }
    /**
     * The public key the server holds for its role (notary: server/handlers/default.go getKeyHandler):
     * GET returns (and first creates) it; `rotate` POSTs for a new one (needs `*` access).
     */
    async serverKey(role, rotate = false) {
        const what = `${rotate ? 'POST' : 'GET'} ${role}.key`;
        const response = await this.call({
            method: rotate ? 'POST' : 'GET',
            url: `${this.base}${role}.key`,
            maxBytes: 1 << 16,
            scope: `repository:${this.gun}:${rotate ? '*' : 'push,pull'}`,
            retry: !rotate,
        }, what);
        if (response.status !== 200)
            throw this.error(response, what);
        try {
            return keys/* PublicKey */.J3.fromJSON(new guard/* JsonReader */.O(`${role}.key`), (0,guard/* parseJsonObject */.d)(response.body, `${role}.key`), 'key');
        }
        catch (error) {
            throw new errors/* NotaryError */.Wl('NOTARY_BAD_RESPONSE', `${this.where(what)}: ${error.message}`, { server: this.serverUrl });
        }
    }
    where(what) {
        return `Notary server ${this.serverUrl}, ${this.gun} ${what}`;
    }
    async call(request, what) {
        try {
            return await this.http.request(request);
        }
        catch (error) {
            if (!(error instanceof errors/* HttpError */.j$))
                throw error;
            const code = error.code === 'HTTP_CONNECTION'
                ? 'NOTARY_UNREACHABLE'
                : error.code === 'HTTP_TIMEOUT'
                    ? 'NOTARY_TIMEOUT'
                    : error.code === 'HTTP_AUTH'
                        ? 'NOTARY_ACCESS_DENIED'
                        : 'NOTARY_HTTP_ERROR';
            throw new errors/* NotaryError */.Wl(code, `${this.where(what)}: ${error.message}`, { server: this.serverUrl, ...(error.details.reason ? { reason: error.details.reason } : {}) }, { cause: error });
        }
    }
    error(response, what) {
        const { code, detail } = parseErrorBody(response.body);
        const text = [code, detail].filter(Boolean).join(': ') || Buffer.from(response.body.subarray(0, 200)).toString('utf8').trim();
        return new errors/* NotaryError */.Wl(errorCode(response.status, code, detail), `${this.where(what)}: HTTP ${response.status}${text ? ` ${text}` : ''}`, {
            server: this.serverUrl,
            status: response.status,
            serverCode: code,
        });
    }
}
function errorCode(status, serverCode, detail) {
    if (status === 400 && serverCode === 'VERSION')
        return 'NOTARY_STALE_VERSION';
    if (status === 401 || status === 403)
        return 'NOTARY_ACCESS_DENIED';
    // The server's own words for an update without a snapshot it cannot make (notary: server/handlers/validation.go).
    if (/does not hold current snapshot key/i.test(detail))
        return 'NOTARY_SNAPSHOT_KEY_MISSING';
    return 'NOTARY_HTTP_ERROR';
}
/** `{"errors":[{"code","message","detail":{"Name","Error":{...}}}]}` (notary: server/errors/errors.go). */
function parseErrorBody(body) {
    try {
        const value = JSON.parse(Buffer.from(body.subarray(0, 1 << 16)).toString('utf8'));
        const first = value.errors?.[0];
        if (!first)
            return { code: '', detail: '' };
        const code = typeof first.code === 'string' ? first.code : '';
        const parts = [typeof first.message === 'string' ? first.message : ''];
        if (first.detail !== undefined && first.detail !== null)
            parts.push(JSON.stringify(first.detail));
        return { code, detail: parts.filter(Boolean).join(' ').slice(0, 500) };
    }
    catch {
        return { code: '', detail: '' };
    }
}

// EXTERNAL MODULE: ./src/registry/reference.ts
var registry_reference = __webpack_require__(79310);
// EXTERNAL MODULE: ./node_modules/@noble/hashes/utils.js
var utils = __webpack_require__(42565);
// EXTERNAL MODULE: ./src/tuf/metadata.ts
var metadata = __webpack_require__(83518);
// EXTERNAL MODULE: ./node_modules/@noble/hashes/sha2.js + 2 modules
var sha2 = __webpack_require__(65108);
// EXTERNAL MODULE: ./src/util/der.ts
var util_der = __webpack_require__(75255);
// EXTERNAL MODULE: ./src/tuf/encoding.ts
var encoding = __webpack_require__(44778);
// EXTERNAL MODULE: ./src/tuf/x509.ts
var x509 = __webpack_require__(64103);
;// CONCATENATED MODULE: ./src/tuf/root-certificates.ts




const SHA1_SIGNATURES = new Set(['1.2.840.10045.4.1', '1.2.840.113549.1.1.5', '1.3.14.3.2.29']);
const DAY_MS = 86_400_000;
/**
 * Root keys are self-signed certificates; notary accepts a root only if every root key passes
 * notary: trustpinning/certs.go validRootLeafCerts and notary: tuf/utils/x509.go ValidateCertificate:
 * leaf first, CN = GUN (or a `prefix*` wildcard), NotBefore at most a day ahead, not expired,
 * no SHA-1, RSA >= 2048 bits. Notary also re-encodes the PEM with Go's pem.Encode and recomputes
 * key IDs, so any other PEM layout (76 columns, CRLF) makes the root unusable: refuse it here.
 */
function checkRootCertificate(key, gun, now, checkExpiry) {
    try {
        checkCertificate(key, gun, now, checkExpiry);
    }
    catch (error) {
        // OpenSSL and DER errors of a hostile certificate fail this root, like any other defect.
        if (error instanceof errors/* VerificationError */.mk)
            throw error;
        const reason = (0,errors/* isDctError */.AE)(error) ? error.message : 'OpenSSL cannot read it';
        throw new errors/* VerificationError */.mk('CERTIFICATE_INVALID', `root key ${key.id.slice(0, 12)}: certificate does not parse (${reason})`, {
            cause: error,
        });
    }
}
function checkCertificate(key, gun, now, checkExpiry) {
    const where = `root key ${key.id.slice(0, 12)}`;
    const invalid = (message) => new errors/* VerificationError */.mk('CERTIFICATE_INVALID', `${where}${message}`);
    if (!key.isCertificate)
        throw invalid(` is a bare ${key.keytype} key; notary requires root keys to be certificates`);
    const pem = (0,encoding/* utf8Text */.Hp)(key.publicBytes);
    const blocks = (0,x509/* parsePemBlocks */.Sq)(pem);
    if (blocks.length === 0 || blocks.map((b) => (0,x509/* encodePem */.TS)(b.type, b.der)).join('') !== pem) {
        throw invalid(`: certificate PEM is not in Go's pem.Encode layout, so notary computes another key ID`);
    }
    const cert = key.certificate();
    if (!cert)
        throw invalid(': certificate does not parse');
    if (cert.ca)
        throw invalid(': the first certificate must be a leaf (CA=false)');
    const cn = (0,x509/* commonName */.LS)(cert) ?? '';
    const matches = cn === gun || (cn.endsWith('*') && gun.startsWith(cn.slice(0, -1)));
    if (!matches)
        throw invalid(`: certificate CN "${cn}" does not match the repository ${gun}`);
    const notBefore = Date.parse(cert.validFrom);
    const notAfter = Date.parse(cert.validTo);
    if (notBefore > now + DAY_MS)
        throw invalid(`: certificate is not valid before ${cert.validFrom}`);
    if (checkExpiry && notAfter < now)
        throw invalid(`: certificate expired on ${cert.validTo}`);
    const [, sigAlg] = (0,util_der/* children */.Y_)((0,util_der/* expectTag */.yi)((0,util_der/* readTlv */.pw)(blocks[0].der).tlv, util_der/* TAG */.Dk.SEQUENCE, 'certificate').value);
    const sigOid = (0,util_der/* decodeOid */.FK)((0,util_der/* expectTag */.yi)((0,util_der/* children */.Y_)((0,util_der/* expectTag */.yi)(sigAlg, util_der/* TAG */.Dk.SEQUENCE, 'signatureAlgorithm').value)[0], util_der/* TAG */.Dk.OID, 'OID').value);
    if (SHA1_SIGNATURES.has(sigOid))
        throw invalid(': certificate is signed with SHA-1');
    const bits = cert.publicKey.asymmetricKeyDetails?.modulusLength;
    if (cert.publicKey.asymmetricKeyType === 'rsa' && (bits ?? 0) < 2048)
        throw invalid(': RSA key shorter than 2048 bits');
}

// EXTERNAL MODULE: ./src/tuf/signatures.ts
var signatures = __webpack_require__(46360);
;// CONCATENATED MODULE: ./src/tuf/trusted-repository.ts
/** A repository's trust data after a complete, verified update (made by TrustedStore.result). */
class TrustedRepository {
    gun;
    root;
    timestamp;
    snapshot;
    roles;
    invalidRoles;
    warnings;
    trustedOnFirstUse;
    expired;
    constructor(gun, root, timestamp, snapshot, 
    /** Verified targets roles, in notary's pre-order walk order. */
    roles, 
    /** Delegations that were published but did not verify (expired, threshold): skipped, as notary does. */
    invalidRoles, warnings, trustedOnFirstUse, 
    /** Roles past their expiry: empty unless loaded to be renewed (every other check passed). */
    expired = []) {
        this.gun = gun;
        this.root = root;
        this.timestamp = timestamp;
        this.snapshot = snapshot;
        this.roles = roles;
        this.invalidRoles = invalidRoles;
        this.warnings = warnings;
        this.trustedOnFirstUse = trustedOnFirstUse;
        this.expired = expired;
    }
    get targets() {
        return this.roles.get('targets');
    }
    /** Role metadata as published: listed in the snapshot, whether or not it verified. */
    isPublished(role) {
        return this.snapshot.signed.meta.has(role);
    }
    /**
     * The version of every trusted role (root, timestamp, snapshot, targets, each trusted
     * delegation): the rollback floors a later run starts from (TUF spec 5.4.3, 5.5.5).
     */
    versions() {
        const versions = new Map([
            ['root', this.root.signed.version],
            ['timestamp', this.timestamp.signed.version],
            ['snapshot', this.snapshot.signed.version],
        ]);
        for (const [name, role] of this.roles)
            versions.set(name, role.file.signed.version);
        return versions;
    }
    rootKeyIds() {
        return this.root.signed.role('root').keyids;
    }
    /** Does the role's effective paths allow this target name? (notary: tuf/data/roles.go CheckPaths: prefixes.) */
    static allows(role, name) {
        return role.paths.some((p) => name.startsWith(p));
    }
}
/** The key IDs (TUF IDs as listed) of a role's keys that equal a given public key. */
function roleKeyIdsFor(role, keys, key) {
    return role.keyids.filter((id) => {
        const listed = keys.get(id);
        return listed !== undefined && (listed.id === key.id || listed.canonicalId === key.canonicalId);
    });
}

;// CONCATENATED MODULE: ./src/tuf/trusted-store.ts







/**
 * The client's trusted metadata for one repository, in the manner of tuf-js's
 * TrustedMetadataStore: each step takes the bytes served for one role, checks them against what
 * is already trusted, and only then trusts them. Steps follow the client workflow of the TUF
 * specification (version 1.0.34, section 5) as notary 0.7 implements it (notary: tuf/builder.go;
 * notary: client/tufclient.go); where notary differs from the spec, notary wins, since its clients
 * must accept what we accept. No I/O here: load-repository.ts fetches and feeds the steps in order.
 */
/** Delegation roles trusted at most, so a hostile tree cannot keep a client busy (TUF spec 5.6.7.1). */
const MAX_DELEGATIONS = 1000;
function rootRoleKeys(root, role) {
    return { name: role, ...root.role(role), keys: root.keys };
}
/** undefined when the bytes match the listed length and every listed sha256/sha512 (notary: tuf/data/types.go CheckHashes). */
function fileHashesMatch(bytes, meta) {
    if (bytes.length !== meta.length)
        return `length ${bytes.length} differs from the listed ${meta.length}`;
    let checked = 0;
    for (const [alg, fn] of [
        ['sha256', sha2/* sha256 */.sc],
        ['sha512', sha2/* sha512 */.Zf],
    ]) {
        const expected = meta.hashes[alg];
        if (!expected)
            continue;
        checked++;
        if ((0,utils/* bytesToHex */.My)(fn(bytes)) !== (0,utils/* bytesToHex */.My)(expected))
            return `${alg} differs from the listed hash`;
    }
    return checked === 0 ? 'no sha256 or sha512 hash is listed' : undefined;
}
/** Metadata past its expiry: `role` says which key can renew it. */
class ExpiredError extends errors/* VerificationError */.mk {
    role;
    constructor(role, message) {
        super('EXPIRED', message);
        this.role = role;
    }
}
class TrustedStore {
    options;
    trustedRoot;
    trustedOnFirstUse = false;
    /** Pins no root of the chain has met yet (recorded root with pins); finishRoot refuses the root while set. */
    unmetPins;
    recordedVersion;
    trustedTimestamp;
    trustedSnapshot;
    /** Verified targets roles, in notary's pre-order walk order. */
    roles = new Map();
    invalidRoles = new Map();
    /** Roles past their expiry, when allowExpired; refused otherwise. */
    expired = [];
    warnings = [];
    constructor(options) {
        this.options = options;
    }
    get gun() {
        return this.options.gun;
    }
    get root() {
        if (!this.trustedRoot)
            throw new errors/* InternalError */.Gd('TrustedStore: no trusted root yet');
        return this.trustedRoot;
    }
    get rootVersion() {
        return this.trustedRoot?.signed.version;
    }
    // --- root ---
    /**
     * TUF spec 5.2, load the trusted root: the first root this run trusts, whose expiry does not
     * matter yet (5.3.10 checks the final one). Its certificates must be valid for the GUN and it
     * must sign itself to its threshold (notary: trustpinning/certs.go ValidateRoot); with pins,
     * pinned keys alone must meet its threshold, else ROOT_NOT_TRUSTED (the loader may try an older
     * version, from which a rotation chain leads here).
     */
    trustRoot(bytes, source, trust) {
        const file = this.parseRoot(bytes, source);
        this.checkRootSelf(file, false);
        if ('recorded' in trust) {
            this.recordedVersion = file.signed.version;
            if (trust.pins && trust.pins.size > 0 && !this.meetsPins(file, trust.pins))
                this.unmetPins = trust.pins;
        }
        else if ('pins' in trust) {
            if (!this.meetsPins(file, trust.pins))
                throw this.notPinned(file, `root of ${this.gun} does not match trusted-root-keys`);
        }
        else {
            this.trustedOnFirstUse = true;
            this.warnings.push(`${this.gun}: no trusted-root-keys given, so the root was trusted on first use. Pin it with trusted-root-keys: ${file.signed.role('root').keyids.join(', ')}`);
        }
        this.trustedRoot = file;
        return file;
    }
    /**
     * TUF spec 5.3.4-5.3.7, the next root: version N+1 exactly (5.3.5), signed to the threshold of
     * the trusted root N and to its own (5.3.4); its certificates valid for the GUN
     * (notary: tuf/builder.go loadRoot via trustpinning/certs.go ValidateRoot with prevRoot).
     */
    updateRoot(bytes, source) {
        const trusted = this.root;
        const file = this.parseRoot(bytes, source);
        const expected = trusted.signed.version + 1;
        if (file.signed.version !== expected)
            throw new errors/* VerificationError */.mk('ROLLBACK', `${source}.json holds version ${file.signed.version}, expected ${expected}`);
        (0,signatures/* verifyThreshold */.VH)(`${source}.json`, rootRoleKeys(trusted.signed, 'root'), file.signedBytes, file.signatures);
        this.checkRootSelf(file, false);
        if (this.unmetPins && this.meetsPins(file, this.unmetPins))
            this.unmetPins = undefined;
        this.trustedRoot = file;
        return file;
    }
    /**
     * TUF spec 5.3.10, after the last root: the trusted root must not have expired (a freeze attack),
     * nor its certificates; it must not be older than one seen earlier; and, from a recorded root
     * with pins, some root of the chain must have met the pins.
     */
    finishRoot() {
        const root = this.root;
        if (this.unmetPins) {
            const chain = `no root of ${this.gun} from the recorded version ${this.recordedVersion} to version ${root.signed.version}`;
            throw this.notPinned(root, `${chain} matches trusted-root-keys`);
        }
        for (const id of root.signed.role('root').keyids)
            checkRootCertificate(root.signed.keys.get(id), this.gun, this.options.now, true);
        this.checkExpiry('root', root.signed.expiresMs, root.signed.expires);
        this.checkVersion('root', root.signed.version);
    }
    // --- timestamp, snapshot, targets ---
    /**
     * TUF spec 5.4, the timestamp: signed to the timestamp role's threshold (5.4.2), not older than
     * seen (5.4.3.1; notary accepts an equal version), not expired (5.4.4) (notary: tuf/builder.go
     * loadTimestamp).
     */
    updateTimestamp(bytes) {
        const root = this.root.signed;
        const file = (0,metadata/* parseSignedFile */.mV)('timestamp', bytes, (r, o) => metadata/* Timestamp */.Dc.fromJSON(r, o));
        (0,signatures/* verifyThreshold */.VH)('timestamp.json', rootRoleKeys(root, 'timestamp'), file.signedBytes, file.signatures);
        this.checkExpiry('timestamp', file.signed.expiresMs, file.signed.expires);
        this.checkVersion('timestamp', file.signed.version);
        this.trustedTimestamp = file;
        return file;
    }
    /** What the trusted timestamp lists for the snapshot: the length and hash to fetch it by. */
    get snapshotMeta() {
        if (!this.trustedTimestamp)
            throw new errors/* InternalError */.Gd('TrustedStore: no trusted timestamp yet');
        return this.trustedTimestamp.signed.meta.get('snapshot');
    }
    /**
     * TUF spec 5.5, the snapshot: its hashes and length as the timestamp lists them (5.5.2), signed to
     * the snapshot role's threshold (5.5.3), not expired (5.5.6), not older than seen; and the root
     * it lists must be the root trusted (notary: tuf/builder.go loadSnapshot,
     * validateChecksumsFromSnapshot). Notary pins versions by hash, not by number (5.5.4 and 5.5.5
     * have no counterpart there).
     */
    updateSnapshot(bytes) {
        const root = this.root.signed;
        this.checkListed('snapshot', bytes, this.snapshotMeta, 'timestamp');
        const file = (0,metadata/* parseSignedFile */.mV)('snapshot', bytes, (r, o) => metadata/* Snapshot */.Fm.fromJSON(r, o));
        (0,signatures/* verifyThreshold */.VH)('snapshot.json', rootRoleKeys(root, 'snapshot'), file.signedBytes, file.signatures);
        this.checkExpiry('snapshot', file.signed.expiresMs, file.signed.expires);
        this.checkVersion('snapshot', file.signed.version);
        const rootMismatch = fileHashesMatch(this.root.bytes, file.signed.meta.get('root'));
        if (rootMismatch)
            throw new errors/* VerificationError */.mk('HASH_MISMATCH', `root.json does not match snapshot.json: ${rootMismatch} (root changed during the update, or the server is inconsistent)`);
        this.trustedSnapshot = file;
        return file;
    }
    /** What the trusted snapshot lists for a targets role; undefined when it was never published. */
    metaOf(role) {
        if (!this.trustedSnapshot)
            throw new errors/* InternalError */.Gd('TrustedStore: no trusted snapshot yet');
        return this.trustedSnapshot.signed.meta.get(role);
    }
    /**
     * TUF spec 5.6, top-level targets: hashes and length as the snapshot lists them (5.6.2), signed
     * to the targets role's threshold (5.6.3), not expired (5.6.5), not older than seen
     * (notary: tuf/builder.go loadTargets).
     */
    updateTargets(bytes) {
        const root = this.root.signed;
        this.checkListed('targets', bytes, this.requireMeta('targets'), 'snapshot');
        const file = (0,metadata/* parseSignedFile */.mV)('targets', bytes, (r, o) => metadata/* Targets */.Ht.fromJSON(r, o, 'targets'));
        const keys = rootRoleKeys(root, 'targets');
        (0,signatures/* verifyThreshold */.VH)('targets.json', keys, file.signedBytes, file.signatures);
        this.checkExpiry('targets', file.signed.expiresMs, file.signed.expires);
        this.checkVersion('targets', file.signed.version);
        const loaded = { name: 'targets', file, keys, paths: [''] };
        this.roles.set('targets', loaded);
        return loaded;
    }
    /**
     * TUF spec 5.6.7, one delegation of the pre-order walk, delegated by `parent`: hashes as the
     * snapshot lists them, and no rollback, are fatal; a threshold or expiry failure only sets the
     * role (and so its subtree) aside, as notary does (notary: tuf/builder.go loadDelegation;
     * client/tufclient.go downloadTargets). Returns the role when it is trusted.
     */
    updateDelegation(delegation, parent, bytes) {
        if (this.roles.size + this.invalidRoles.size >= MAX_DELEGATIONS)
            throw new errors/* VerificationError */.mk('TOO_MANY_DELEGATIONS', `${this.gun} has more than ${MAX_DELEGATIONS} delegations`);
        const name = delegation.name;
        this.checkListed(name, bytes, this.requireMeta(name), 'snapshot');
        const file = (0,metadata/* parseSignedFile */.mV)(name, bytes, (r, o) => metadata/* Targets */.Ht.fromJSON(r, o, name));
        const keys = { name, keyids: delegation.keyids, threshold: delegation.threshold, keys: parent.file.signed.delegationKeys };
        this.checkVersion(name, file.signed.version);
        // A child keeps only the paths its parent was granted (notary: tuf/data/roles.go RestrictDelegationPathPrefixes).
        const paths = delegation.paths.filter((p) => parent.paths.some((granted) => p.startsWith(granted)));
        const loaded = { name, file, keys, paths };
        try {
            (0,signatures/* verifyThreshold */.VH)(`${name}.json`, keys, file.signedBytes, file.signatures);
        }
        catch (error) {
            if (!(error instanceof errors/* VerificationError */.mk))
                throw error;
            return this.setAside(name, { reason: error.message });
        }
        if (file.signed.expiresMs <= this.options.now) {
            if (!this.options.allowExpired)
                return this.setAside(name, {
                    reason: `${name}.json expired at ${file.signed.expires}; its tags are not trusted until it is re-signed (renew or sign with its key), which keeps its earlier tags`,
                    expired: loaded,
                });
            this.expired.push({ role: name, expires: file.signed.expires });
        }
        this.roles.set(name, loaded);
        return loaded;
    }
    /** The verified repository; records every trusted version as seen (the run's rollback floor). */
    result() {
        if (!this.trustedTimestamp || !this.trustedSnapshot || !this.roles.has('targets'))
            throw new errors/* InternalError */.Gd('TrustedStore: the update is not complete');
        const seen = this.options.seenVersions;
        const repository = new TrustedRepository(this.gun, this.root, this.trustedTimestamp, this.trustedSnapshot, this.roles, this.invalidRoles, this.warnings, this.trustedOnFirstUse, this.expired);
        if (seen)
            for (const [role, version] of repository.versions())
                seen.set(role, version);
        return repository;
    }
    // --- the checks every step shares ---
    setAside(name, invalid) {
        this.invalidRoles.set(name, invalid);
        this.warnings.push(`${this.gun}: ignoring ${name}: ${invalid.reason}`);
        return undefined;
    }
    parseRoot(bytes, source) {
        return (0,metadata/* parseSignedFile */.mV)(source, bytes, (r, o) => metadata/* Root */.bL.fromJSON(r, o));
    }
    /** A root is acceptable in itself: certificates valid for this GUN, self-signed to threshold. Returns its valid signers. */
    checkRootSelf(file, checkExpiry) {
        for (const id of file.signed.role('root').keyids)
            checkRootCertificate(file.signed.keys.get(id), this.gun, this.options.now, checkExpiry);
        return (0,signatures/* verifyThreshold */.VH)(`${file.role}.json`, rootRoleKeys(file.signed, 'root'), file.signedBytes, file.signatures);
    }
    /**
     * Pinned keys alone meet the root's own threshold: notary prunes the root's certificates to the
     * pinned ones, then verifies to the root threshold (notary: trustpinning/certs.go ValidateRoot).
     * A pin is a TUF (certificate) ID or a canonical public key ID.
     */
    meetsPins(file, pins) {
        const { keyids, threshold } = file.signed.role('root');
        const pinned = keyids.filter((id) => {
            const key = file.signed.keys.get(id);
            return key !== undefined && (pins.has(key.id) || pins.has(key.canonicalId));
        });
        try {
            (0,signatures/* verifyThreshold */.VH)(`${file.role}.json`, { name: 'root', keyids: pinned, threshold, keys: file.signed.keys }, file.signedBytes, file.signatures);
            return true;
        }
        catch (error) {
            if (error instanceof errors/* VerificationError */.mk && error.code === 'THRESHOLD_NOT_MET')
                return false;
            throw error;
        }
    }
    notPinned(file, what) {
        const { keyids, threshold } = file.signed.role('root');
        const keys = keyids.map((id) => `${id} (public key ${file.signed.keys.get(id)?.canonicalId ?? '?'})`).join(', ');
        const needed = threshold > 1 ? `; pinned keys must sign it to its root threshold of ${threshold}` : '';
        return new errors/* VerificationError */.mk('ROOT_NOT_TRUSTED', `${what}: its root keys are ${keys}${needed}`);
    }
    requireMeta(role) {
        const meta = this.metaOf(role);
        if (!meta?.hashes.sha256)
            throw new errors/* VerificationError */.mk('METADATA_MISSING', `snapshot.json does not list ${role} with a sha256 hash`);
        return meta;
    }
    checkListed(role, bytes, meta, listedIn) {
        const mismatch = fileHashesMatch(bytes, meta);
        if (mismatch)
            throw new errors/* VerificationError */.mk('HASH_MISMATCH', `${role}.json does not match ${listedIn}.json: ${mismatch}`);
    }
    checkExpiry(role, expiresMs, expires) {
        if (expiresMs > this.options.now)
            return;
        if (this.options.allowExpired)
            this.expired.push({ role, expires });
        else
            throw new ExpiredError(role, `${this.gun}: ${role}.json expired at ${expires}`);
    }
    checkVersion(role, version) {
        const seen = this.options.seenVersions?.get(role);
        if (seen !== undefined && version < seen) {
            throw new errors/* VerificationError */.mk('ROLLBACK', `${role}.json version ${version} is older than version ${seen} seen earlier (rollback)`);
        }
    }
}

;// CONCATENATED MODULE: ./src/tuf/load-repository.ts




/** Caps for the files no trusted metadata lists a length for: root (notary allows 100 MiB, const.go MaxDownloadSize; no root comes near 5) and the timestamp (notary: MaxTimestampSize, 1 MiB). */
const MAX_ROOT_BYTES = 5 << 20;
const MAX_TIMESTAMP_BYTES = 1 << 20;
/**
 * Ceiling per snapshot, targets or delegation file, whatever length is listed: the listing is
 * signed by the server whenever it holds the snapshot key (the default), so it bounds nothing by
 * itself (TUF spec 5.5.1, 5.6.1: "or some Y/Z number of bytes"). A 10,000-tag targets file is about 2 MB.
 */
const MAX_METADATA_BYTES = 32 << 20;
/** Ceiling for all files of one repository load together. */
const MAX_REPOSITORY_BYTES = 256 << 20;
/** Root versions one load may walk (TUF spec 5.3.3 bounds the root files downloaded, e.g. 2^10; notary has no bound). */
const MAX_ROOT_VERSIONS_WALKED = 1024;
/** Loads and verifies a whole repository: root, timestamp, snapshot, targets and every delegation. */
async function loadTrustedRepository(source, options) {
    const store = new TrustedStore({
        gun: options.gun,
        now: options.now ?? Date.now(),
        seenVersions: options.seenVersions,
        allowExpired: options.allowExpired ?? false,
    });
    const downloads = new Downloads(source, options);
    await loadRoot(downloads, store, options);
    const timestamp = await downloads.unlisted('timestamp', {}, MAX_TIMESTAMP_BYTES);
    if (!timestamp)
        throw new errors/* VerificationError */.mk('METADATA_MISSING', `${options.gun} has no timestamp.json on the Notary server`);
    store.updateTimestamp(timestamp);
    store.updateSnapshot(await downloads.listed('snapshot', store.snapshotMeta, 'timestamp'));
    const targets = store.updateTargets(await downloads.listed('targets', store.metaOf('targets'), 'snapshot'));
    // Pre-order walk, children in listed order (notary: client/tufclient.go downloadTargets).
    const stack = [targets];
    while (stack.length > 0) {
        const parent = stack.pop();
        const children = [];
        for (const delegation of parent.file.signed.delegations) {
            const meta = store.metaOf(delegation.name);
            if (!meta)
                continue; // delegated but never published: nothing to load
            const child = store.updateDelegation(delegation, parent, await downloads.listed(delegation.name, meta, 'snapshot'));
            if (child)
                children.push(child);
        }
        stack.push(...children.reverse());
    }
    return store.result();
}
/**
 * Every download of one load: each file capped by its ceiling, all of them together by the
 * repository budget, since a hostile server may stream as much as it likes (TUF spec 5.5.1, 5.6.1).
 */
class Downloads {
    source;
    options;
    used = 0;
    fileCeiling;
    budget;
    constructor(source, options) {
        this.source = source;
        this.options = options;
        this.fileCeiling = options.maxMetadataBytes ?? MAX_METADATA_BYTES;
        this.budget = options.maxRepositoryBytes ?? MAX_REPOSITORY_BYTES;
    }
    /** A file no trusted metadata lists a length for (root, timestamp): its own ceiling, and what the budget has left. */
    async unlisted(role, options, ceiling) {
        const left = this.budget - this.used;
        if (left <= 0)
            throw this.overBudget(role, undefined);
        return this.fetch(role, { ...options, maxBytes: Math.min(ceiling, left) });
    }
    /** A file the timestamp or snapshot lists by hash and length; a listed length over a ceiling fails before any request. */
    async listed(role, meta, listedIn) {
        if (!meta?.hashes.sha256)
            throw new errors/* VerificationError */.mk('METADATA_MISSING', `${listedIn}.json does not list ${role} with a sha256 hash`);
        if (meta.length > this.fileCeiling)
            throw new errors/* VerificationError */.mk('METADATA_TOO_LARGE', `${role}.json is listed in ${listedIn}.json at ${meta.length} bytes, more than the ceiling of ${this.fileCeiling} bytes per file`);
        if (meta.length > this.budget - this.used)
            throw this.overBudget(role, meta.length);
        const checksum = (0,utils/* bytesToHex */.My)(meta.hashes.sha256);
        const bytes = await this.fetch(role, { checksum, maxBytes: Math.min(meta.length, this.fileCeiling) });
        if (!bytes)
            throw new errors/* VerificationError */.mk('METADATA_MISSING', `${role}.json listed in ${listedIn}.json (sha256 ${checksum.slice(0, 12)}) is missing on the server`);
        return bytes;
    }
    async fetch(role, options) {
        const bytes = await this.source.fetch(role, options);
        if (!bytes)
            return undefined;
        // A source is asked to enforce maxBytes; one that does not is still held to it.
        if (bytes.length > options.maxBytes)
            throw new errors/* VerificationError */.mk('METADATA_TOO_LARGE', `${role}.json is ${bytes.length} bytes, more than the ${options.maxBytes} allowed`);
        this.used += bytes.length;
        return bytes;
    }
    overBudget(role, listed) {
        const size = listed === undefined ? '' : ` (listed at ${listed} bytes)`;
        return new errors/* VerificationError */.mk('METADATA_TOO_LARGE', `${this.options.gun}: ${role}.json${size} would take this load past its ceiling of ${this.budget} bytes for all files (${this.used} downloaded)`);
    }
}
/**
 * The root (TUF spec 5.3): from the recorded root when there is one; else with pins, the newest
 * root if pinned keys sign it, otherwise the rotation chain from the oldest pinned version; else on
 * first use. Then the final root's own checks (5.3.10).
 */
async function loadRoot(downloads, store, options) {
    const latest = await downloads.unlisted('root', {}, MAX_ROOT_BYTES);
    if (!latest)
        throw new errors/* VerificationError */.mk('METADATA_MISSING', `${store.gun} has no trust data on the Notary server (no root.json)`);
    const pins = options.pinnedRootKeyIds && options.pinnedRootKeyIds.size > 0 ? options.pinnedRootKeyIds : undefined;
    if (options.trustedRoot)
        await walkFromRecorded(downloads, store, latest, options.trustedRoot, pins);
    else if (!pins)
        store.trustRoot(latest, 'root', { firstUse: true });
    else if (!tryTrustRoot(store, latest, 'root', { pins }))
        await walkFromPinned(downloads, store, latest, pins);
    store.finishRoot();
}
/**
 * Pins refuse the newest root: walk `1.root.json` upwards to the first version pinned keys sign,
 * then each version signed by the one before (notary: client/tufclient.go updateRootVersions).
 */
async function walkFromPinned(downloads, store, latest, pins) {
    const latestVersion = rootVersion(latest);
    const chain = `root rotation chain of ${store.gun}`;
    checkWalkLength(store.gun, 0, latestVersion);
    for (let version = 1; version < latestVersion; version++) {
        const older = await fetchRootVersion(downloads, version, chain);
        if (store.rootVersion !== undefined)
            stepRoot(store, older, version, `${version}.root`, chain);
        else if (tryTrustRoot(store, older, `${version}.root`, { pins }) && store.rootVersion !== version)
            throw new errors/* VerificationError */.mk('ROLLBACK', `${version}.root.json holds version ${store.rootVersion}`);
    }
    if (store.rootVersion === undefined)
        store.trustRoot(latest, 'root', { pins }); // throws, naming the root keys
    stepRoot(store, latest, latestVersion, 'root', chain);
}
/**
 * From the root an earlier run trusted (TUF spec 5.2) to the newest: each `<v>.root.json` signed
 * by the one before (5.3.3-5.3.7), as notary does from its cached root (notary: client/tufclient.go updateRoot).
 */
async function walkFromRecorded(downloads, store, latest, recordedBytes, pins) {
    const recorded = store.trustRoot(recordedBytes, 'recorded root', { recorded: true, pins }).signed.version;
    const latestVersion = rootVersion(latest);
    if (latestVersion < recorded)
        throw new errors/* VerificationError */.mk('ROLLBACK', `root.json of ${store.gun} holds version ${latestVersion}, older than the recorded root version ${recorded} (rollback)`);
    const chain = `root rotation chain of ${store.gun} from the recorded root version ${recorded}`;
    if (latestVersion === recorded) {
        if (Buffer.compare(Buffer.from(latest), Buffer.from(recordedBytes)) !== 0)
            throw new errors/* VerificationError */.mk('ROOT_CHAIN_BROKEN', `${chain} is broken: root.json holds version ${recorded} with other content`);
        return;
    }
    checkWalkLength(store.gun, recorded, latestVersion);
    for (let version = recorded + 1; version < latestVersion; version++)
        stepRoot(store, await fetchRootVersion(downloads, version, chain), version, `${version}.root`, chain);
    stepRoot(store, latest, latestVersion, 'root', chain);
}
/** Refuses a walk longer than the bound before any request (TUF spec 5.3.3). */
function checkWalkLength(gun, from, latestVersion) {
    if (latestVersion - from > MAX_ROOT_VERSIONS_WALKED)
        throw new errors/* VerificationError */.mk('TOO_MANY_ROOT_VERSIONS', `root.json of ${gun} holds version ${latestVersion}: reaching it from version ${from} takes ${latestVersion - from} root versions, more than the ${MAX_ROOT_VERSIONS_WALKED} allowed`);
}
/** `<version>.root.json`; the latest version is known, so any version missing below it breaks the chain. */
async function fetchRootVersion(downloads, version, chain) {
    const bytes = await downloads.unlisted('root', { version }, MAX_ROOT_BYTES);
    if (!bytes)
        throw new errors/* VerificationError */.mk('ROOT_CHAIN_BROKEN', `${chain} is broken: version ${version} of root.json is missing`);
    return bytes;
}
/** One step of the chain (TUF spec 5.3.4, 5.3.5); a root that does not follow from the trusted one breaks the chain. */
function stepRoot(store, bytes, version, source, chain) {
    try {
        store.updateRoot(bytes, source);
    }
    catch (error) {
        if (error instanceof errors/* VerificationError */.mk && (error.code === 'THRESHOLD_NOT_MET' || error.code === 'ROLLBACK'))
            throw new errors/* VerificationError */.mk('ROOT_CHAIN_BROKEN', `${chain} is broken at version ${version}: ${error.message}`, { cause: error });
        throw error;
    }
}
/** Trusts this root as the first one, or returns false when pinned keys do not sign it to its threshold. */
function tryTrustRoot(store, bytes, source, trust) {
    try {
        store.trustRoot(bytes, source, trust);
        return true;
    }
    catch (error) {
        if (error instanceof errors/* VerificationError */.mk && error.code === 'ROOT_NOT_TRUSTED')
            return false;
        throw error;
    }
}
function rootVersion(bytes) {
    return (0,metadata/* parseSignedFile */.mV)('root', bytes, (r, o) => metadata/* Root */.bL.fromJSON(r, o)).signed.version;
}

// EXTERNAL MODULE: ./src/tuf/time.ts
var time = __webpack_require__(99130);
;// CONCATENATED MODULE: ./src/util/concurrency.ts
/** Maps with at most `limit` calls in flight, keeping the input order; the first failure rejects. */
async function mapLimit(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await fn(items[index], index);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}

;// CONCATENATED MODULE: ./src/commands/context.ts







const RETIRED_SERVER = 'notary.docker.io';
/** Docker's default: notary.docker.io for Docker Hub, else https://<registry host> (docker/cli: cli/trust/trust.go Server). */
function notaryServerFor(ctx, ref) {
    if (ctx.notaryServer)
        return ctx.notaryServer.replace(/\/+$/, '');
    return ref.registry === registry_reference/* DOCKER_HUB */.Xb ? `https://${RETIRED_SERVER}` : `https://${(0,registry_reference/* registryApiHost */.Mb)(ref.registry)}`;
}
function notaryClientFor(ctx, ref) {
    return new NotaryClient(ctx.http, notaryServerFor(ctx, ref), (0,registry_reference/* gunOf */.qu)(ref));
}
/** Registry look-ups in flight at once: enough to hide latency, few enough to be polite. */
const REGISTRY_CONCURRENCY = 16;
/** Repositories handled at once: they share nothing, so a batch over many repositories overlaps its waits. */
const REPOSITORY_CONCURRENCY = 4;
/**
 * Runs `fn` once per repository, in parallel up to REPOSITORY_CONCURRENCY, results in input
 * order. One repository gets a collapsible log group; several running at once get their lines
 * prefixed with the repository instead (groups would interleave).
 */
async function forEachRepository(ctx, images, title, fn) {
    const groups = [...groupByRepository(images)];
    if (groups.length === 1) {
        const [gun, refs] = groups[0];
        return [await ctx.reporter.group(`${title} ${gun}`, () => fn(ctx, gun, refs))];
    }
    return mapLimit(groups, REPOSITORY_CONCURRENCY, ([gun, refs]) => {
        const prefixed = {
            info: (m) => ctx.reporter.info(`[${gun}] ${m}`),
            warning: (m) => ctx.reporter.warning(m.startsWith(gun) ? m : `${gun}: ${m}`),
            error: (m) => ctx.reporter.error(m),
            group: (_name, inner) => inner(),
        };
        return fn({ ...ctx, reporter: prefixed }, gun, refs);
    });
}
/** Groups references by repository (GUN), keeping first-seen order: one metadata load and publish each. */
function groupByRepository(images) {
    const groups = new Map();
    for (const image of images) {
        const gun = (0,registry_reference/* gunOf */.qu)(image);
        const group = groups.get(gun);
        if (group)
            group.push(image);
        else
            groups.set(gun, [image]);
    }
    return groups;
}
/**
 * Expiry of the roles a person must re-sign (root, targets, snapshot, delegations). The timestamp
 * is left out: the server re-signs it on demand (notary: server/timestamp/timestamp.go).
 */
function roleExpiries(repo, now) {
    const out = [
        { role: 'root', expires: repo.root.signed.expires, days: (0,time/* daysUntil */.AQ)(repo.root.signed.expiresMs, now) },
        { role: 'snapshot', expires: repo.snapshot.signed.expires, days: (0,time/* daysUntil */.AQ)(repo.snapshot.signed.expiresMs, now) },
    ];
    for (const [name, role] of repo.roles)
        out.push({ role: name, expires: role.file.signed.expires, days: (0,time/* daysUntil */.AQ)(role.file.signed.expiresMs, now) });
    return out;
}
/** Which key re-signs each role once it nears expiry: what expiry messages tell the user to give `renew`. */
function renewedBy(role) {
    if (role === 'root')
        return 'command: renew with root-key';
    if (role === 'targets')
        return 'command: renew with repository-key';
    if (role === 'snapshot')
        return 'command: renew (the server re-signs it with any publish), or snapshot-key when the key is yours';
    if (role === 'timestamp')
        return 'the Notary server re-signs it on demand';
    return `command: renew (or sign) with the signer-key of ${role}`;
}
/** Expired metadata, with the way back, the image it was asked for named first when given; any other error as it was. */
function withRenewHint(error, image) {
    if (!(error instanceof ExpiredError))
        return error;
    const message = `${image ? `${image}: ` : ''}${error.message}; re-sign it: ${renewedBy(error.role)}`;
    return new errors/* VerificationError */.mk('EXPIRED', message, { cause: error });
}
function warnAboutExpiry(ctx, repo, now) {
    for (const e of roleExpiries(repo, now)) {
        if (e.days < ctx.expiryWarningDays) {
            ctx.reporter.warning(`${repo.gun}: ${e.role} expires in ${Math.max(0, Math.floor(e.days))} days (${e.expires}); re-sign it before then: ${renewedBy(e.role)}`);
        }
    }
}
/** Docker retires notary.docker.io on 2026-12-08; say so wherever it is used. */
function warnIfRetiredServer(ctx, server) {
    if (server.includes(RETIRED_SERVER)) {
        ctx.reporter.warning(`${RETIRED_SERVER} closes on 2026-12-08 (Docker retires content trust on Docker Hub); run your own Notary server and set notary-server`);
    }
}
/**
 * A repository's trust data, verified: chained from the root the trust state recorded (when kept)
 * and no role older than recorded, then recorded for the next run once the command succeeds.
 */
async function loadVerified(ctx, ref, options) {
    const server = notaryServerFor(ctx, ref);
    const gun = (0,registry_reference/* gunOf */.qu)(ref);
    const state = options.useState === false ? undefined : await ctx.trustState?.read(server, gun);
    if (state)
        for (const [role, version] of state.versions)
            options.seenVersions.set(role, Math.max(version, options.seenVersions.get(role) ?? 0));
    else if (ctx.trustState && options.useState !== false && !options.trustedRoot)
        ctx.reporter.info(`${gun}: the trust state has no record of it on ${server} yet; it is recorded from this run on`);
    const trustedRoot = options.trustedRoot ?? state?.root;
    const repo = await loadTrustedRepository(notaryClientFor(ctx, ref), {
        gun,
        now: options.now,
        pinnedRootKeyIds: options.trustedRoot ? new Set() : (options.pins ?? ctx.pinnedRootKeyIds),
        seenVersions: options.seenVersions,
        ...(trustedRoot ? { trustedRoot } : {}),
        ...(options.allowExpired ? { allowExpired: true } : {}),
    });
    const record = { root: repo.root.bytes, timestamp: repo.timestamp.bytes, snapshot: repo.snapshot.bytes, versions: repo.versions() };
    ctx.trustState?.record(server, gun, record, { ...(state ? { base: state.root } : {}), replace: options.useState === false });
    return repo;
}
/** The repository's current trust data, verified; an unreachable server is named as the option it came from. */
async function loadCurrent(ctx, ref, now, seenVersions) {
    warnIfRetiredServer(ctx, notaryServerFor(ctx, ref));
    try {
        const repo = await loadVerified(ctx, ref, { now, seenVersions });
        repo.warnings.forEach((warning) => ctx.reporter.warning(warning));
        return repo;
    }
    catch (error) {
        // The repository is in the message already; the image the user asked about goes first.
        throw unreachableServer(withRenewHint(error, ref.original));
    }
}
/** A Notary server that cannot be reached at all: the fix is the `notaryServer` option; anything else stays as it was. */
function unreachableServer(error) {
    if (error instanceof errors/* NotaryError */.Wl && error.code === 'NOTARY_UNREACHABLE') {
        const { server, reason } = error.details;
        return new errors/* NotaryError */.Wl('NOTARY_UNREACHABLE', `${server} is not reachable (${reason ?? 'no answer'}); expected a running Notary server`, error.details, { option: 'notaryServer', cause: error });
    }
    return error;
}

// EXTERNAL MODULE: ./src/http/auth.ts
var auth = __webpack_require__(29168);
// EXTERNAL MODULE: ./src/util/hosts.ts
var hosts = __webpack_require__(82075);
;// CONCATENATED MODULE: ./src/action/credentials.ts




/** The hosts a registry's credentials belong to: the registry (and its API host) and its Notary server. */
function hostsOf(settings, registry) {
    const notary = new URL(notaryServerFor({ notaryServer: settings.notaryServer }, { registry })).host;
    return [registry, (0,registry_reference/* registryApiHost */.Mb)(registry), notary];
}
/**
 * Credentials by server, each offered only to the hosts it belongs to: the inputs for the
 * registries the images name and their Notary servers (docker uses registry credentials for the
 * Notary server's token auth), else the docker config entry of that registry. Any other host gets
 * none, and so does plain HTTP, except to a loopback server or a registry listed as insecure (the
 * user's own choice of plain HTTP, as with docker's --insecure-registry).
 */
function credentialsFor(settings, config) {
    const registryOf = new Map();
    for (const registry of new Set(settings.images.map((i) => i.registry)))
        for (const host of hostsOf(settings, registry))
            if (!registryOf.has(host))
                registryOf.set(host, registry);
    const given = settings.registryCredentials;
    // Looked up once per registry: a credential helper is a process to start.
    const cache = new Map();
    return (target) => {
        const host = target.host;
        const registry = registryOf.get(host);
        if (!registry)
            return Promise.resolve(undefined);
        if (target.protocol !== 'https:' && !(0,hosts/* isLoopbackHost */.cW)(host) && !settings.insecureRegistries.includes(host))
            return Promise.resolve(undefined);
        if (given)
            return Promise.resolve((0,auth/* withIdentityToken */.Ah)(given));
        let credentials = cache.get(registry);
        if (!credentials) {
            credentials = config.credentials(registry).then((found) => (found ? (0,auth/* withIdentityToken */.Ah)(found) : undefined));
            cache.set(registry, credentials);
        }
        return credentials;
    };
}

;// CONCATENATED MODULE: ./src/action/describe-error.ts


/** The input each command option comes from: the one table that ties errors below to input names. */
const INPUT_OF_OPTION = {
    images: 'images',
    notaryServer: 'notary-server',
    ociLayout: 'oci-layout',
    signer: 'signer',
    role: 'role',
    signerKey: 'signer-key',
    rootKey: 'root-key',
    repositoryKey: 'repository-key',
    newKey: 'new-key',
    snapshotKey: 'snapshot-key',
    signerPublicKey: 'signer-public-key',
    trustState: 'trust-state',
    policy: 'policy',
    manifests: 'manifests',
    trustedRootKeys: 'trusted-root-keys',
};
/** What to do next, for errors whose fix is an input the lower layers cannot name. */
const HINTS = {
    REGISTRY_ACCESS_DENIED: 'set registry-username/registry-password or docker login',
    NOTARY_ACCESS_DENIED: 'set registry-username/registry-password, or docker login to the registry',
    NOTARY_SNAPSHOT_KEY_MISSING: 'the snapshot key of this repository is not held by the server: give it as snapshot-key, or move it to the server with command: rotate-key, role: snapshot, server-managed: true',
};
const ACR_LOGIN = 'log in with azure/login then az acr login, or set registry-username/registry-password to a service principal (or 00000000-0000-0000-0000-000000000000 and an az acr login --expose-token token); repository-scoped tokens cannot use content trust';
/**
 * Azure Container Registry's refusals, by what the identity probably lacks: AcrPull to read,
 * AcrPush to push, AcrImageSigner (with content trust enabled, Premium tier) to sign.
 */
const ACR_HINTS = {
    REGISTRY_ACCESS_DENIED: `Azure Container Registry: the identity needs the AcrPull role to read (AcrPush to push); ${ACR_LOGIN}`,
    NOTARY_ACCESS_DENIED: `Azure Container Registry: signing needs the AcrImageSigner role beside AcrPush, and content trust enabled on the registry (Premium tier: az acr config content-trust update --status enabled); ${ACR_LOGIN}`,
};
/** The host an error is about: the one it names, or a Notary error's server. */
function hostOf(error) {
    if (error.host)
        return error.host;
    if (error instanceof errors/* NotaryError */.Wl && error.details.server) {
        try {
            return new URL(error.details.server).host;
        }
        catch {
            return undefined;
        }
    }
    return undefined;
}
function hintFor(error) {
    const code = error.code;
    const host = hostOf(error);
    return (host && (0,hosts/* isAzureContainerRegistry */.U7)(host) ? ACR_HINTS[code] : undefined) ?? HINTS[code];
}
/** One line for the job log, whatever was thrown: the input at fault first, then the cause and the fix. */
function describeError(error) {
    if (error instanceof errors/* InputError */.dz)
        return (0,errors/* oneLine */.TN)(`input '${error.input}': ${error.message}`);
    if ((0,errors/* isDctError */.AE)(error)) {
        const hint = hintFor(error);
        const text = `${error.message}${hint ? ` (${hint})` : ''}`;
        return (0,errors/* oneLine */.TN)(error.option ? `input '${INPUT_OF_OPTION[error.option]}': ${text}` : text);
    }
    const text = error instanceof Error ? error.message : String(error);
    return (0,errors/* oneLine */.TN)(text) || 'unknown error';
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: ./src/keys/generate.ts + 1 modules
var generate = __webpack_require__(69490);
// EXTERNAL MODULE: ./src/util/redact.ts
var redact = __webpack_require__(50767);
;// CONCATENATED MODULE: ./src/action/generate-key.ts





/** generate-key: the key made, its public key written if asked, `key-id` and `public-key` out. */
async function runGenerateKey(settings, runtime) {
    const { destination, role } = settings;
    let key;
    try {
        if (destination.kind === 'file') {
            key = (0,generate/* generateKeyFile */.pL)({ path: destination.path, role, passphrase: settings.secret });
        }
        else {
            // Loaded only when used: the native addon is needed for nothing else.
            const { generateTokenKey } = await __webpack_require__.e(/* import() */ 163).then(__webpack_require__.bind(__webpack_require__, 55163));
            key = await generateTokenKey(destination.uri, { pin: settings.secret.toString('utf8'), role, ...runtime.pkcs11 });
        }
    }
    catch (error) {
        if (!(error instanceof errors/* KeyError */.eN))
            throw error;
        const input = error.code === 'KEY_WRONG_PASSPHRASE' || error.code === 'KEY_PASSPHRASE_REQUIRED' || error.code === 'KEY_PIN_LOCKED'
            ? 'new-key-passphrase'
            : destination.kind === 'file'
                ? 'key-file'
                : 'new-key';
        throw new errors/* InputError */.dz(input, error.message);
    }
    finally {
        settings.secret.fill(0);
    }
    if (destination.publicKeyFile)
        writePublicKey(destination.publicKeyFile, key.publicPem);
    core/* setOutput */.uH('key-id', key.keyId);
    core/* setOutput */.uH('public-key', key.publicPem);
    const where = destination.kind === 'file' ? destination.path : 'the token';
    core/* info */.pq(`Generated a ${role} key ${key.keyId} in ${where}.`);
    if (role === 'root')
        core/* info */.pq(`Pin it from day one with trusted-root-keys: ${key.keyId} (its public-key ID; init also prints the certificate ID)`);
}
/** The public key next to it, as docker writes NAME.pub; never over an existing file. */
function writePublicKey(path, pem) {
    try {
        (0,external_node_fs_.writeFileSync)(path, pem, { flag: 'wx', mode: 0o644 });
    }
    catch (error) {
        const exists = error.code === 'EEXIST';
        throw new errors/* InputError */.dz('public-key-file', `${(0,redact/* quoted */.T)(path)} ${exists ? 'exists and is never overwritten' : 'cannot be written'}; the key itself was generated`);
    }
}

;// CONCATENATED MODULE: ./src/action/environment.ts

/** `scheme://...` or, as curl reads a proxy variable without one, host[:port] meaning http://. */
function proxyUrl(env, name) {
    // `||`: an empty lowercase variable does not hide a set uppercase one.
    const value = (env[name.toLowerCase()] || env[name] || '').trim();
    if (!value)
        return undefined;
    let url;
    try {
        url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
    }
    catch {
        url = undefined;
    }
    // The value is not echoed: it may carry the proxy's password.
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname)
        throw new errors/* SettingError */.L_(name, 'expected an http:// or https:// proxy URL (http://host:port)');
    return url;
}
/**
 * The proxy variables, as curl and Go read them: the lowercase name wins over the uppercase one;
 * `NO_PROXY` is a comma- or space-separated list.
 */
function readProxySettings(env) {
    const httpsProxy = proxyUrl(env, 'HTTPS_PROXY');
    const httpProxy = proxyUrl(env, 'HTTP_PROXY');
    const noProxy = (env.no_proxy || env.NO_PROXY || '').split(/[\s,]+/).filter(Boolean);
    return { ...(httpsProxy ? { httpsProxy } : {}), ...(httpProxy ? { httpProxy } : {}), noProxy };
}
/**
 * Vault's own variables (as the vault CLI and hashicorp/vault-action set them) and cosign's
 * `TRANSIT_SECRET_ENGINE_PATH`. Read only when a `hashivault://` key is used.
 */
function readVaultSettings(env) {
    const address = (env.VAULT_ADDR ?? '').trim();
    let url;
    if (address) {
        try {
            url = new URL(address);
        }
        catch {
            url = undefined;
        }
        if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
            throw new errors/* SettingError */.L_('VAULT_ADDR', 'expected the Vault server URL (https://vault.example.com:8200)');
    }
    const mountPath = (env.TRANSIT_SECRET_ENGINE_PATH ?? '').trim().replace(/^\/+|\/+$/g, '') || 'transit';
    return {
        ...(url ? { address: url } : {}),
        ...(env.VAULT_TOKEN ? { token: env.VAULT_TOKEN } : {}),
        ...(env.VAULT_NAMESPACE?.trim() ? { namespace: env.VAULT_NAMESPACE.trim() } : {}),
        ...(env.VAULT_CACERT?.trim() ? { caCertFile: env.VAULT_CACERT.trim() } : {}),
        mountPath,
    };
}

// EXTERNAL MODULE: ./src/action/inputs.ts + 1 modules
var inputs = __webpack_require__(76947);
// EXTERNAL MODULE: ./src/keys/open.ts
var keys_open = __webpack_require__(80134);
;// CONCATENATED MODULE: ./src/action/keys.ts


/** Key errors that mean the passphrase or PIN is at fault, not the key input itself. */
const SECRET_CODES = ['KEY_PASSPHRASE_REQUIRED', 'KEY_WRONG_PASSPHRASE', 'KEY_PIN_LOCKED'];
/**
 * The keys a command signs with, opened from their settings and all closed at the end of the run.
 * A key that fails to open fails naming its input (or its passphrase input), which only this layer
 * knows; each secret is zeroed once its key is open.
 */
class KeyRing {
    options;
    open = [];
    closed = false;
    /** `vault` is read when a `hashivault://` key is opened, so a bad VAULT_ADDR fails only runs that use Vault. */
    constructor(options) {
        this.options = options;
    }
    async signer(setting) {
        if (!setting)
            return undefined;
        try {
            const { vault, ...options } = this.options;
            const signer = await (0,keys_open/* openSigner */.Hs)(setting.source, {
                ...options,
                ...(setting.source.kind === 'hashivault' && vault ? { vault: vault() } : {}),
                secret: setting.secret,
            });
            // A key that finished opening after the run ended (its deadline passed) is closed at once.
            if (this.closed) {
                await signer.close();
                throw new errors/* InputError */.dz(setting.input, 'the command ended before this key was open');
            }
            this.open.push(signer);
            if (signer.publicKey.keytype !== 'ecdsa')
                throw new errors/* InputError */.dz(setting.input, `expected an ECDSA P-256 key, got ${signer.publicKey.keytype}`);
            return signer;
        }
        catch (error) {
            if (!(error instanceof errors/* KeyError */.eN))
                throw error;
            if (!SECRET_CODES.includes(error.code))
                throw new errors/* InputError */.dz(setting.input, error.message);
            // A file key's passphrase names the key it belongs to; a token's PIN error names the token already.
            const suffix = setting.source.kind === 'pem' ? ` for '${setting.input}'` : '';
            throw new errors/* InputError */.dz(setting.secretInput, `${error.message}${suffix}`);
        }
        finally {
            setting.secret.fill(0);
        }
    }
    /** The public key of `signer-public-key`: as given, or read from its key store (closed with the other keys). */
    async publicKey(setting) {
        if (setting.kind === 'pem')
            return setting.key;
        const signer = await this.signer(setting.key);
        return signer.publicKey;
    }
    async close() {
        this.closed = true;
        await Promise.all(this.open.splice(0).map((signer) => signer.close()));
    }
}

;// CONCATENATED MODULE: ./src/action/verify-files.ts

/**
 * verify's files, read before anything is sent: the policy (when the `policy` input names one) and
 * the manifests. Their modules, and the YAML and glob libraries under them, load only for runs
 * that use them: a plain verify or a sign does not pay for them at start-up.
 */
async function readVerifyFiles(settings) {
    const policy = 'policy' in settings.trust ? settings.trust.policy : (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(729)]).then(__webpack_require__.bind(__webpack_require__, 6729))).readPolicyFile(settings.trust.policyFile);
    if (!settings.manifests.trim())
        return { policy, images: settings.images };
    const manifests = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(6), __webpack_require__.e(786)]).then(__webpack_require__.bind(__webpack_require__, 95786));
    const files = manifests.readManifests(settings.manifests);
    const { images, foundIn, refOf } = manifests.imagesToVerify(settings.images, files);
    const pin = (results) => {
        // One digest per tag of a repository: what its one registry look-up answered, and its signers signed.
        const digests = new Map(results.map((r) => [`${r.repository}:${r.tag}`, r.digest]));
        return manifests.pinManifests(files, refOf, (ref) => digests.get(`${(0,registry_reference/* gunOf */.qu)(ref)}:${ref.tag}`));
    };
    return { policy, images, foundIn, pin };
}

;// CONCATENATED MODULE: ./src/util/go-format.ts
/**
 * How Go programs print what they print, where a peer's scripts may parse our output byte for byte:
 * natural sort (github.com/fvbommel/sortorder, which docker sorts tags with) and encoding/json's
 * json.Marshal + json.Indent. By hand: no npm package reproduces either to the byte.
 */
/** sortorder.NaturalLess (github.com/fvbommel/sortorder v1.1.0) as a comparator. */
function naturalCompare(a, b) {
    if (naturalLess(a, b))
        return -1;
    return naturalLess(b, a) ? 1 : 0;
}
const isDigit = (c) => c >= 0x30 && c <= 0x39;
/**
 * Bytewise over UTF-8, runs of ASCII digits compared as numbers; digits sort before other bytes;
 * of equal numbers the one with fewer leading zeros first ("2" < "02").
 */
function naturalLess(s1, s2) {
    const a = Buffer.from(s1);
    const b = Buffer.from(s2);
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
        const c1 = a[i];
        const c2 = b[j];
        const d1 = isDigit(c1);
        const d2 = isDigit(c2);
        if (d1 !== d2)
            return d1;
        if (!d1) {
            if (c1 !== c2)
                return c1 < c2;
            i++;
            j++;
            continue;
        }
        while (i < a.length && a[i] === 0x30)
            i++;
        while (j < b.length && b[j] === 0x30)
            j++;
        const nonZero1 = i;
        const nonZero2 = j;
        while (i < a.length && isDigit(a[i]))
            i++;
        while (j < b.length && isDigit(b[j]))
            j++;
        const len1 = i - nonZero1;
        const len2 = j - nonZero2;
        if (len1 !== len2)
            return len1 < len2;
        const cmp = Buffer.compare(a.subarray(nonZero1, i), b.subarray(nonZero2, j));
        if (cmp !== 0)
            return cmp < 0;
        if (nonZero1 !== nonZero2)
            return nonZero1 < nonZero2;
    }
    // Identical so far (i === j here: both sides advance alike until one differs); the shorter is less.
    return a.length < b.length;
}
/** json.Marshal then json.Indent(dst, src, "", "    "): empty arrays and objects stay `[]` and `{}`. */
function goIndent(value, depth = 0) {
    if (typeof value === 'string')
        return goString(value);
    const pad = '    '.repeat(depth + 1);
    const items = Array.isArray(value)
        ? value.map((v) => pad + goIndent(v, depth + 1))
        : Object.entries(value).map(([k, v]) => `${pad}${goString(k)}: ${goIndent(v, depth + 1)}`);
    const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
    if (items.length === 0)
        return open + close;
    return `${open}\n${items.join(',\n')}\n${'    '.repeat(depth)}${close}`;
}
const SHORT_ESCAPES = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
/**
 * A string as Go's encoding/json writes it with HTML escaping on (encode.go appendString): `"` `\`
 * and \b \f \n \r \t by short escapes, other control bytes and `<` `>` `&` as \u00xx (lowercase
 * hex), U+2028 and U+2029 escaped, everything else as is. A lone surrogate, which a Go string
 * cannot hold (its decoder makes it U+FFFD), is written as U+FFFD.
 */
function goString(s) {
    let out = '"';
    for (const ch of s) {
        const cp = ch.codePointAt(0);
        const short = SHORT_ESCAPES[ch];
        if (short !== undefined)
            out += short;
        else if (cp < 0x20 || ch === '<' || ch === '>' || ch === '&' || cp === 0x2028 || cp === 0x2029)
            out += `\\u${cp.toString(16).padStart(4, '0')}`;
        else if (cp >= 0xd800 && cp <= 0xdfff)
            out += '\ufffd';
        else
            out += ch;
    }
    return `${out}"`;
}

;// CONCATENATED MODULE: ./src/commands/inspect.ts



/** helpers.go releasedRoleName: what a tag signed only by `targets` or `targets/releases` shows. */
const REPO_ADMIN = 'Repo Admin';
const RELEASES = 'targets/releases';
const BASE_ROLE_NAMES = new Set(['root', 'targets', 'snapshot', 'timestamp']);
/** helpers.go isReleasedTarget. */
function isReleased(role) {
    return role === 'targets' || role === RELEASES;
}
/** helpers.go notaryRoleToSigner (never called with a released role where it matters). */
function signerName(role) {
    return isReleased(role) ? REPO_ADMIN : role.replace(/^targets\//, '');
}
/**
 * The verified targets roles in the order notary's tuf/tuf.go WalkTargets visits them: breadth
 * first from `targets`, children in listed order (GetValidDelegations). Roles that did not verify
 * are not in the walk, nor is anything below them.
 */
function walkOrder(repo) {
    const order = [];
    const seen = new Set();
    const queue = [repo.targets];
    while (queue.length > 0) {
        const role = queue.shift();
        if (seen.has(role.name))
            continue;
        seen.add(role.name);
        order.push(role);
        for (const delegation of role.file.signed.delegations) {
            const child = repo.roles.get(delegation.name);
            if (child)
                queue.push(child);
        }
    }
    return order;
}
/**
 * notary client/reader.go GetAllTargetMetadataByName: every (role, tag) in walk order; with a tag
 * name, only that tag. Unlike notary with an empty name, a target outside its role's delegated
 * paths is left out (as WalkTargets leaves it out for a named tag, and as a content-trust pull
 * refuses it): listing it would call a tag signed that docker's own pull rejects.
 */
function signedTargets(roles, tag) {
    const out = [];
    for (const role of roles) {
        const entries = tag === undefined ? [...role.file.signed.targets] : [[tag, role.file.signed.targets.get(tag)]];
        for (const [name, meta] of entries) {
            if (!meta || !TrustedRepository.allows(role, name))
                continue;
            // hex.EncodeToString(Hashes["sha256"]): empty when the target has no sha256 hash.
            const sha = meta.hashes.sha256;
            out.push({ role: role.name, tag: name, digest: sha ? Buffer.from(sha).toString('hex') : '' });
        }
    }
    return out;
}
/**
 * common.go matchReleasedSignatures: a row per (tag, digest) signed into `targets` or
 * `targets/releases`; its signers are the other roles that signed the same tag with the same digest,
 * in walk order, else "Repo Admin" (inspect.go getRepoTrustInfo). Rows are in natural order of tag;
 * Go's sort.Slice over a map leaves rows of one tag (targets and releases disagreeing on its digest)
 * in no fixed order, and here they keep the order the walk first met them.
 */
function signedTagRows(targets) {
    const rows = new Map();
    const keyOf = (t) => JSON.stringify([t.tag, t.digest]);
    for (const t of targets) {
        if (isReleased(t.role) && !rows.has(keyOf(t)))
            rows.set(keyOf(t), { SignedTag: t.tag, Digest: t.digest, Signers: [] });
    }
    for (const t of targets) {
        const row = rows.get(keyOf(t));
        if (row && !isReleased(t.role))
            row.Signers.push(signerName(t.role));
    }
    const out = [...rows.values()];
    for (const row of out)
        if (row.Signers.length === 0)
            row.Signers = [REPO_ADMIN];
    return out.sort((a, b) => naturalCompare(a.SignedTag, b.SignedTag));
}
/**
 * inspect.go getRepoTrustInfo over notary's GetDelegationRoles: every delegation listed by a role
 * in the walk (published or not), except targets/releases, keys as canonical public-key IDs in the
 * role's key order (delegations.go translateDelegationsToCanonicalIDs); one entry per name (a map
 * in Go), sorted by name descending.
 */
function signerRows(roles) {
    const byName = new Map();
    for (const role of roles) {
        const { delegations, delegationKeys } = role.file.signed;
        for (const d of delegations) {
            if (d.name === RELEASES || BASE_ROLE_NAMES.has(d.name))
                continue;
            const name = signerName(d.name);
            byName.set(name, { Name: name, Keys: d.keyids.map((id) => ({ ID: delegationKeys.get(id).canonicalId })) });
        }
    }
    return [...byName.values()].sort((a, b) => Buffer.compare(Buffer.from(b.Name), Buffer.from(a.Name)));
}
/** The verified trust data as `docker trust inspect` shows it; `tag` limits SignedTags to that tag. */
function trustDataOf(repo, name, tag) {
    const roles = walkOrder(repo);
    const root = repo.root.signed;
    const expires = {
        root: root.expires,
        targets: repo.targets.file.signed.expires,
        snapshot: repo.snapshot.signed.expires,
        timestamp: repo.timestamp.signed.expires,
    };
    for (const role of roles)
        expires[role.name] = role.file.signed.expires;
    return {
        Name: name,
        SignedTags: signedTagRows(signedTargets(roles, tag || undefined)),
        Signers: signerRows(roles),
        // ListRoles: the root role's key IDs as root.json lists them (certificate IDs), then targets';
        // sorted by Name descending, which puts "Root" before "Repository".
        AdministrativeKeys: [
            { Name: 'Root', Keys: root.role('root').keyids.map((ID) => ({ ID })) },
            { Name: 'Repository', Keys: root.role('targets').keyids.map((ID) => ({ ID })) },
        ],
        Expires: expires,
    };
}
/**
 * The tag docker filters on (cli/trust/trust.go getTag): a reference with a digest, or none at
 * all, shows every tag.
 */
function tagFilterOf(ref) {
    return ref.digest || !ref.tag ? undefined : ref.tag;
}
/**
 * One entry per image, in the order given (docker prints one object per argument, a repeated
 * argument twice); each repository's trust data is loaded and verified once, with the pins.
 */
async function inspect(ctx, options) {
    const now = ctx.now?.() ?? Date.now();
    const perRepository = await forEachRepository(ctx, options.images, 'Inspect', async (repoCtx, _gun, refs) => {
        const repo = await loadCurrent(repoCtx, refs[0], now, new Map());
        warnAboutExpiry(repoCtx, repo, now);
        return refs.map((ref) => [ref, trustDataOf(repo, ref.original, tagFilterOf(ref))]);
    });
    const byReference = new Map(perRepository.flat());
    return options.images.map((ref) => byReference.get(ref));
}
/**
 * Exactly what `docker trust inspect` prints (cli/command/inspect/inspector.go jsonInspector.Flush):
 * the objects json.Marshal'ed, joined into an array, json.Indent'ed with four spaces, then "\n";
 * no object at all prints "[]\n". `Expires` comes last, its roles in the order they are given.
 */
function formatTrustData(data) {
    if (data.length === 0)
        return '[]\n';
    return `${goIndent(data.map(wireForm), 0)}\n`;
}
/** The fields json.Marshal writes: trustSigner's Name and Keys and trustKey's ID are `omitempty` (common.go). */
function wireForm(d) {
    const signer = (s) => {
        const out = {};
        if (s.Name)
            out.Name = s.Name;
        if (s.Keys.length > 0)
            out.Keys = s.Keys.map((k) => (k.ID ? { ID: k.ID } : {}));
        return out;
    };
    return {
        Name: d.Name,
        SignedTags: d.SignedTags.map((t) => ({ SignedTag: t.SignedTag, Digest: t.Digest, Signers: [...t.Signers] })),
        Signers: d.Signers.map(signer),
        AdministrativeKeys: d.AdministrativeKeys.map(signer),
        Expires: { ...d.Expires },
    };
}

;// CONCATENATED MODULE: ./src/action/report.ts




/** The Reporter on a runner: log lines, `::warning::` annotations and collapsible groups. */
const actionsReporter = {
    info: (message) => core/* info */.pq(message),
    warning: (message) => core/* warning */.$e(message),
    error: (message) => core/* error */.z3(message),
    group: (name, fn) => core/* group */.Os(name, fn),
};
/** `digests` and `result` outputs (action-interface.md). */
function setOutputs(results) {
    core/* setOutput */.uH('digests', [...new Set(results.map((r) => `${r.repository}@${r.digest}`))].join('\n'));
    core/* setOutput */.uH('result', JSON.stringify(results.map((r) => ({ image: r.image, tag: r.tag, digest: r.digest, size: r.size, roles: r.roles, notaryServer: r.notaryServer }))));
}
/** A titled table in the job's step summary (nothing outside a runner). */
async function writeTable(title, headers, rows) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    await core/* summary */.z
        .addHeading(title, 3)
        .addTable([headers.map((data) => ({ data, header: true })), ...rows])
        .write();
}
async function writeSummary(title, results) {
    await writeTable(title, ['Image', 'Tag', 'Digest', 'Signers', 'Expires'], results.map((r) => [r.repository, r.tag, `<code>${r.digest}</code>`, r.roles.join(', '), r.expires ?? '']));
}
/** Verify's table, one row per image: what to deploy, the rule that admitted it, who vouched for it, and when its repository first needs re-signing. */
async function writeVerifySummary(results) {
    await writeTable('dct-sign: verified', ['Image', 'Rule', 'Signers', 'Digest', 'Earliest expiry'], results.map((r) => {
        const earliest = r.expiries.reduce((a, e) => (!a || e.days < a.days ? e : a), undefined);
        return [
            `${r.repository}:${r.tag}`,
            r.rule ?? 'inputs',
            r.roles.join(', '),
            `<code>${r.digest}</code>`,
            earliest ? `${earliest.role}: ${earliest.expires} (${Math.floor(earliest.days)} days)` : '',
        ];
    }));
}
/** renew's table: each role re-signed, its new version and expiry; or that nothing needed it. */
async function writeRenewSummary(renewed) {
    if (renewed.length === 0) {
        if (process.env.GITHUB_STEP_SUMMARY)
            await core/* summary */.z.addHeading('dct-sign: renew', 3).addRaw('Nothing needed renewing; nothing was published.').write();
        return;
    }
    await writeTable('dct-sign: renewed', ['Repository', 'Role', 'Version', 'Expires'], renewed.map((r) => [r.repository, r.role, String(r.version), r.expires]));
}
/** Lifecycle commands: each repository's root, repository and signer keys after the change. */
async function writeRepositorySummary(title, results) {
    for (const r of results)
        core/* info */.pq(`${r.repository}: root key ${r.rootKeyIds.join(', ')} (public key ${r.rootPublicKeyIds.join(', ')})`);
    await writeTable(title, ['Repository', 'Root key (certificate / public key)', 'Repository key', 'Signers'], results.map((r) => [
        r.repository,
        r.rootKeyIds.map((id, i) => `<code>${id}</code> / <code>${r.rootPublicKeyIds[i]}</code>`).join('<br>'),
        r.repositoryKeyIds.map((id) => `<code>${id}</code>`).join('<br>'),
        r.signers.map((s) => `${s.name}: ${s.keyIds.map((k) => k.slice(0, 12)).join(', ')}`).join('<br>'),
    ]));
}
/**
 * inspect's outputs: `trust-data` in the bytes `docker trust inspect` prints (scripts that parse
 * it keep working), also written to `trust-data-file`; `root-key-id`, one line per repository.
 */
function writeTrustData(data, file) {
    const text = formatTrustData(data);
    if (file) {
        try {
            (0,external_node_fs_.writeFileSync)(file, text);
        }
        catch (error) {
            throw new errors/* InputError */.dz('trust-data-file', `cannot write it: ${error.message.split(',')[0]}`);
        }
    }
    core/* setOutput */.uH('trust-data', text);
    core/* setOutput */.uH('root-key-id', data
        .map((d) => d.AdministrativeKeys.find((k) => k.Name === 'Root')
        ?.Keys.map((k) => k.ID)
        .join(',') ?? '')
        .join('\n'));
    for (const d of data)
        core/* info */.pq(`${d.Name}: ${d.SignedTags.length} signed tag(s), root key ${d.AdministrativeKeys[0]?.Keys.map((k) => k.ID).join(', ')}`);
}
/** inspect's tables: per repository its signed tags, its signers, its administrative keys and expiries. */
async function writeInspectSummary(data) {
    for (const d of data) {
        await writeTable(`dct-sign: ${d.Name}: signed tags`, ['Tag', 'Digest', 'Signers'], d.SignedTags.map((t) => [t.SignedTag, `<code>sha256:${t.Digest}</code>`, t.Signers.join(', ')]));
        await writeTable(`${d.Name}: signers and keys`, ['Signer', 'Keys'], [
            ...d.Signers.map((s) => [s.Name, s.Keys.map((k) => `<code>${k.ID}</code>`).join('<br>')]),
            ...d.AdministrativeKeys.map((a) => [`${a.Name} (administrative)`, a.Keys.map((k) => `<code>${k.ID}</code>`).join('<br>')]),
        ]);
        await writeTable(`${d.Name}: expiry`, ['Role', 'Expires'], Object.entries(d.Expires).map(([role, expires]) => [role, expires]));
    }
}

// EXTERNAL MODULE: ./src/action/secret-inputs.ts
var secret_inputs = __webpack_require__(44688);
// EXTERNAL MODULE: ./src/tuf/canonical-json.ts
var canonical_json = __webpack_require__(1568);
// EXTERNAL MODULE: ./node_modules/@noble/curves/nist.js + 3 modules
var nist = __webpack_require__(90895);
;// CONCATENATED MODULE: ./src/tuf/certificate.ts







/**
 * The self-signed root certificate notary makes for each repository (notary:
 * cryptoservice/certificate.go, tuf/utils/x509.go NewCertificate): CN = GUN as subject and issuer,
 * a random 128-bit serial, validity from now for 10 x 365 days, keyUsage
 * digitalSignature|keyEncipherment, extKeyUsage codeSigning, basicConstraints CA=false,
 * ecdsa-with-SHA256. Written by hand on our DER writer because the signature may come from a KMS or
 * a token, which no certificate library here drives. In two steps, so this stays pure: the
 * to-be-signed bytes, then the certificate around a signature made elsewhere.
 */
const OID = {
    commonName: '2.5.4.3',
    ecdsaWithSha256: '1.2.840.10045.4.3.2',
    keyUsage: '2.5.29.15',
    extKeyUsage: '2.5.29.37',
    basicConstraints: '2.5.29.19',
    codeSigning: '1.3.6.1.5.5.7.3.3',
};
function oid(value) {
    const parts = value.split('.').map(Number);
    const bytes = [40 * parts[0] + parts[1]];
    for (const part of parts.slice(2)) {
        const chunk = [part & 0x7f];
        for (let n = Math.floor(part / 128); n > 0; n = Math.floor(n / 128))
            chunk.unshift((n & 0x7f) | 0x80);
        bytes.push(...chunk);
    }
    return (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.OID, Uint8Array.from(bytes));
}
const seq = (...items) => (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.SEQUENCE, ...items);
function positiveInteger(bytes) {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0)
        start++;
    const trimmed = bytes.subarray(start);
    return (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.INTEGER, trimmed[0] & 0x80 ? Uint8Array.of(0, ...trimmed) : trimmed);
}
/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 4.1.2.5), as Go writes them. */
function certificate_time(ms) {
    const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString();
    const digits = iso.replace(/[-:T]/g, '').slice(0, 14);
    const year = Number(digits.slice(0, 4));
    return year < 2050 ? (0,util_der/* encodeTlv */.H)(0x17, (0,encoding/* utf8Bytes */.dy)(`${digits.slice(2)}Z`)) : (0,util_der/* encodeTlv */.H)(0x18, (0,encoding/* utf8Bytes */.dy)(`${digits}Z`));
}
function certificate_name(commonName) {
    return seq((0,util_der/* encodeTlv */.H)(0x31, seq(oid(OID.commonName), (0,util_der/* encodeTlv */.H)(0x0c, (0,encoding/* utf8Bytes */.dy)(commonName)))));
}
function extension(id, critical, value) {
    return seq(oid(id), ...(critical ? [(0,util_der/* encodeTlv */.H)(0x01, Uint8Array.of(0xff))] : []), (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.OCTET_STRING, value));
}
const ROOT_CERT_DAYS = 10 * 365;
const SIGNATURE_ALGORITHM = seq(oid(OID.ecdsaWithSha256));
/** The TBSCertificate of a root certificate for `gun` over a bare P-256 key: the bytes to sign. */
function rootCertificateTbs(gun, key, now = Date.now(), days = ROOT_CERT_DAYS) {
    if (key.keytype !== 'ecdsa')
        throw new errors/* KeyError */.eN('KEY_INVALID', `root keys must be ECDSA, got ${key.keytype}`);
    return seq((0,util_der/* encodeTlv */.H)(0xa0, (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.INTEGER, Uint8Array.of(2))), positiveInteger((0,external_node_crypto_.randomBytes)(16)), SIGNATURE_ALGORITHM, certificate_name(gun), seq(certificate_time(now), certificate_time(now + days * 86_400_000)), certificate_name(gun), key.publicBytes, // SubjectPublicKeyInfo DER
    (0,util_der/* encodeTlv */.H)(0xa3, seq(extension(OID.keyUsage, true, (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.BIT_STRING, Uint8Array.of(5, 0xa0))), extension(OID.extKeyUsage, false, seq(oid(OID.codeSigning))), extension(OID.basicConstraints, true, seq()))));
}
/** The root key as metadata lists it (`ecdsa-x509`, public = the certificate's PEM), from the TBS and its raw r||s signature. */
function rootCertificateKey(tbs, rawSignature) {
    // X.509 carries the DER ECDSA-Sig-Value, our signers return raw r||s.
    const signature = nist/* p256 */.s9.Signature.fromBytes(rawSignature, 'compact').toBytes('der');
    const der = seq(tbs, SIGNATURE_ALGORITHM, (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.BIT_STRING, Uint8Array.of(0), signature));
    return new keys/* PublicKey */.J3('ecdsa-x509', (0,encoding/* utf8Bytes */.dy)((0,x509/* encodePem */.TS)('CERTIFICATE', der)));
}

;// CONCATENATED MODULE: ./src/keys/signer.ts
/** The notary signature method of every Signer (notary: tuf/data/types.go ECDSASignature). */
const SIGNATURE_METHOD = 'ecdsa';

;// CONCATENATED MODULE: ./src/keys/signing.ts




/** A metadata file signed by each signer over its canonical bytes, in Go's byte layout. */
async function signMetadata(body, by) {
    const signed = body.toJSON();
    const message = (0,canonical_json/* canonicalBytes */.Mr)(signed);
    const signatures = [];
    for (const { signer, keyid } of by)
        signatures.push({ keyid, method: SIGNATURE_METHOD, sig: await signer.sign(message) });
    return (0,metadata/* serializeSignedFile */.P6)(signed, signatures);
}
/** A new root certificate for `gun`, self-signed by the signer's key, as notary's init and root rotation make it. */
async function createRootCertificate(gun, signer, now = Date.now()) {
    const tbs = rootCertificateTbs(gun, signer.publicKey, now);
    return rootCertificateKey(tbs, await signer.sign(tbs));
}

;// CONCATENATED MODULE: ./src/commands/repository-result.ts
function describeRepository(repo, ref, server) {
    const root = repo.root.signed;
    const top = repo.targets.file.signed;
    return {
        image: ref.original,
        repository: repo.gun,
        notaryServer: server,
        rootKeyIds: root.role('root').keyids,
        rootPublicKeyIds: root.role('root').keyids.map((id) => root.keys.get(id).canonicalId),
        repositoryKeyIds: root.role('targets').keyids,
        signers: top.delegations.map((d) => ({
            name: d.name.replace(/^targets\//, ''),
            keyIds: d.keyids.map((id) => top.delegationKeys.get(id).canonicalId),
        })),
    };
}

;// CONCATENATED MODULE: ./src/commands/repository-update.ts







/**
 * One atomic change to a repository's trust data, as notary's client makes it (notary:
 * client/client.go publish): the roles that change, each re-signed with a new version and expiry;
 * a snapshot when its key is ours (else the server makes it); all of it checked against the keys
 * it must verify with before the server sees it, published in one POST, then read back and verified.
 */
class RepositoryUpdate {
    gun;
    before;
    now;
    root;
    rootSigners = [];
    targets;
    targetsSigners = [];
    delegations = new Map();
    /** Set when the snapshot key is local: we sign the snapshot ourselves. */
    snapshotSigner;
    constructor(gun, 
    /** The verified state this update starts from; undefined for `init`. */
    before, now) {
        this.gun = gun;
        this.before = before;
        this.now = now;
    }
    /** The root after this update. */
    get effectiveRoot() {
        return this.root ?? this.before.root.signed;
    }
    get effectiveTargets() {
        return this.targets ?? this.before.targets.file.signed;
    }
    /** A copy of the current root with the next version and a fresh 10-year expiry, to edit. */
    editRoot() {
        if (!this.root) {
            const current = this.before.root.signed;
            const roles = new Map([...current.roles].map(([name, spec]) => [name, { keyids: [...spec.keyids], threshold: spec.threshold }]));
            this.root = new metadata/* Root */.bL(current.version + 1, (0,time/* expiryFromNow */.SR)(time/* DEFAULT_EXPIRY_DAYS */.M0.root, this.now), new Map(current.keys), roles, current.consistentSnapshot);
        }
        return this.root;
    }
    /** A copy of the current targets with the next version and a fresh expiry, to edit. */
    editTargets() {
        this.targets ??= nextTargets(this.before.targets.file.signed, this.now);
        return this.targets;
    }
    get isEmpty() {
        return !this.root && !this.targets && this.delegations.size === 0;
    }
}
/** The next version of a targets role: same content, version + 1, notary's default expiry. */
function nextTargets(current, now) {
    return new metadata/* Targets */.Ht((current?.version ?? 0) + 1, (0,time/* expiryFromNow */.SR)(time/* DEFAULT_EXPIRY_DAYS */.M0.targets, now), new Map(current?.targets ?? []), new Map(current?.delegationKeys ?? []), current?.delegations.map((d) => ({ ...d, keyids: [...d.keyids], paths: [...d.paths] })) ?? []);
}
/** Points a base role at one new key, dropping keys no role uses any more. */
function setRoleKey(root, role, key) {
    root.keys.set(key.id, key);
    root.roles.set(role, { keyids: [key.id], threshold: 1 });
    const used = new Set([...root.roles.values()].flatMap((r) => r.keyids));
    for (const id of [...root.keys.keys()])
        if (!used.has(id))
            root.keys.delete(id);
}
/** Drops delegation keys that no delegation lists any more. */
function pruneDelegationKeys(targets) {
    const used = new Set(targets.delegations.flatMap((d) => d.keyids));
    for (const id of [...targets.delegationKeys.keys()])
        if (!used.has(id))
            targets.delegationKeys.delete(id);
}
/**
 * The signature of `signer` for a base role, under the ID the root lists for its key (matching a
 * certificate by its public key); a key the role does not list fails naming the option it came from.
 */
function signatureForRole(root, role, signer, option, gun) {
    const key = signer.publicKey;
    const spec = root.role(role);
    const [keyid] = roleKeyIdsFor(spec, root.keys, key);
    if (!keyid) {
        const expected = spec.keyids.map((kid) => root.keys.get(kid)?.canonicalId ?? kid).join(', ');
        throw new errors/* KeyError */.eN('KEY_NOT_IN_ROLE', `key ${key.canonicalId} is not the ${role} key of ${gun} (its ${role} key is ${expected})`, {
            option,
        });
    }
    return { signer, keyid };
}
/** A signature filed under the key's own ID: for a role whose key this update sets. */
function ownSignature(signer) {
    return { signer, keyid: signer.publicKey.id };
}
function checkOwnFiles(update, files) {
    const root = update.effectiveRoot;
    const rootBytes = files.get('root');
    if (rootBytes) {
        const file = (0,metadata/* parseSignedFile */.mV)('root', rootBytes, (r, o) => metadata/* Root */.bL.fromJSON(r, o));
        (0,signatures/* verifyThreshold */.VH)('new root.json', { name: 'root', ...root.role('root'), keys: root.keys }, file.signedBytes, file.signatures);
        const previous = update.before?.root.signed;
        if (previous) {
            (0,signatures/* verifyThreshold */.VH)('new root.json (by the previous root keys)', { name: 'root', ...previous.role('root'), keys: previous.keys }, file.signedBytes, file.signatures);
        }
    }
    const targetsBytes = files.get('targets');
    if (targetsBytes) {
        const file = (0,metadata/* parseSignedFile */.mV)('targets', targetsBytes, (r, o) => metadata/* Targets */.Ht.fromJSON(r, o, 'targets'));
        (0,signatures/* verifyThreshold */.VH)('new targets.json', { name: 'targets', ...root.role('targets'), keys: root.keys }, file.signedBytes, file.signatures);
    }
    const targets = update.effectiveTargets;
    for (const [name] of update.delegations) {
        const delegation = targets.delegations.find((d) => d.name === name);
        if (!delegation)
            throw new errors/* VerificationError */.mk('ROLE_MISSING', `${name} is not delegated by targets`);
        const file = (0,metadata/* parseSignedFile */.mV)(name, files.get(name), (r, o) => metadata/* Targets */.Ht.fromJSON(r, o, name));
        (0,signatures/* verifyThreshold */.VH)(`new ${name}.json`, { ...delegation, keys: targets.delegationKeys }, file.signedBytes, file.signatures);
    }
}
/** The next snapshot, when its key is ours: every changed file listed, roles no one delegates any more dropped. */
function nextSnapshot(update, files) {
    const previous = update.before?.snapshot.signed;
    const meta = new Map(previous?.meta ?? []);
    for (const [name, bytes] of files)
        meta.set(name, (0,metadata/* fileMetaOf */.fu)(bytes));
    // Roles no longer delegated by anyone leave the snapshot with their delegation.
    const delegated = new Set(update.effectiveTargets.delegations.map((d) => d.name));
    for (const [name, role] of update.before?.roles ?? []) {
        if (name !== 'targets' && delegated.has(name))
            role.file.signed.delegations.forEach((d) => delegated.add(d.name));
    }
    for (const name of [...meta.keys()])
        if (name.startsWith('targets/') && !delegated.has(name))
            meta.delete(name);
    return new metadata/* Snapshot */.Fm((previous?.version ?? 0) + 1, (0,time/* expiryFromNow */.SR)(time/* DEFAULT_EXPIRY_DAYS */.M0.snapshot, update.now), meta);
}
/** Every changed role signed, then checked against the keys it must verify with; the snapshot last, over the others. */
async function signUpdate(update) {
    const files = new Map();
    const versions = new Map();
    const add = async (role, body, signers) => {
        files.set(role, await signMetadata(body, signers));
        versions.set(role, body.version);
    };
    if (update.root)
        await add('root', update.root, update.rootSigners);
    if (update.targets)
        await add('targets', update.targets, update.targetsSigners);
    for (const [name, d] of update.delegations)
        await add(name, d.targets, d.signers);
    checkOwnFiles(update, files);
    if (update.snapshotSigner) {
        await add('snapshot', nextSnapshot(update, files), [update.snapshotSigner]);
        const file = (0,metadata/* parseSignedFile */.mV)('snapshot', files.get('snapshot'), (r, o) => metadata/* Snapshot */.Fm.fromJSON(r, o));
        const root = update.effectiveRoot;
        (0,signatures/* verifyThreshold */.VH)('new snapshot.json', { name: 'snapshot', ...root.role('snapshot'), keys: root.keys }, file.signedBytes, file.signatures);
    }
    return { files, versions };
}
/**
 * A publish whose answer was lost may have been committed: the server answered 5xx after its
 * commit (a proxy's 502), or the connection died after the request was sent. Only a re-read tells.
 */
function mayHaveCommitted(error) {
    if (!(error instanceof errors/* NotaryError */.Wl))
        return false;
    return (error.code === 'NOTARY_UNREACHABLE' ||
        error.code === 'NOTARY_TIMEOUT' ||
        (error.code === 'NOTARY_HTTP_ERROR' && (error.details.status ?? 0) >= 500));
}
/** A role's version in a repository: 0 when it has none (a delegation not published yet). */
function versionIn(repo, role) {
    if (role === 'root')
        return repo.root.signed.version;
    return (repo.roles.get(role) ?? repo.invalidRoles.get(role)?.expired)?.file.signed.version ?? 0;
}
/**
 * Another publisher wrote a role this update changes since it was read: their version of it is on
 * the server now. The snapshot alone tells nothing (the server re-signs an expired one on read).
 */
function overtaken(files, before, after) {
    return [...files.keys()].some((role) => role !== 'snapshot' && versionIn(after, role) > versionIn(before, role));
}
/** The first role whose file the server does not serve exactly as we signed it (the snapshot may be re-made). */
function firstUnpublished(files, after) {
    for (const [role, bytes] of files) {
        if (role === 'snapshot')
            continue;
        const served = role === 'root' ? after.root.bytes : after.roles.get(role)?.file.bytes;
        if (!served || Buffer.compare(Buffer.from(served), Buffer.from(bytes)) !== 0)
            return role;
    }
    return undefined;
}
function raiseVersions(seen, versions) {
    for (const [role, version] of versions)
        seen.set(role, Math.max(version, seen.get(role) ?? 0));
    return seen;
}
/**
 * Signs, checks, publishes and reads back. `pins` are the root key IDs the read-back of a new
 * repository (`init`) must chain from; any other read-back chains from the root trusted before.
 */
async function publishUpdate(ctx, ref, update, pins, seenVersions, 
/** `allowExpired`: the read-back may hold roles this update did not renew (renew reports them). */
readBack = {}) {
    const { files, versions } = await signUpdate(update);
    const client = notaryClientFor(ctx, ref);
    const published = [...files].map(([role, bytes]) => ({ role, bytes }));
    ctx.reporter.info(`Publishing ${published.map((f) => f.role).join(', ')} to ${client.serverUrl}`);
    let lost;
    try {
        await client.publish(published);
    }
    catch (error) {
        if (!mayHaveCommitted(error))
            throw error;
        lost = error;
    }
    // Read back with fresh client state: chained from the root trusted before the update (init: pinned to its new root).
    const after = await loadVerified(ctx, ref, {
        now: update.now,
        // Until the re-read shows our versions, a lost publish may not have raised them.
        seenVersions: lost ? new Map(seenVersions) : raiseVersions(seenVersions, versions),
        ...(readBack.allowExpired ? { allowExpired: true } : {}),
        ...(update.before ? { trustedRoot: update.before.root.bytes } : { pins, useState: false }),
    });
    const unpublished = firstUnpublished(files, after);
    if (lost) {
        if (unpublished && update.before && overtaken(files, update.before, after))
            // Another publisher's update landed in between: on SQL storage notary-server answers the
            // collision with `500 UPDATING` after rolling back, where the memory store says `400 VERSION`.
            // Either way the update was built on a stale read: the caller re-reads, re-applies, re-signs.
            throw new errors/* NotaryError */.Wl('NOTARY_STALE_VERSION', `${update.gun}: ${lost.message}; the re-read shows another publisher's update of a role this one changes, so this one was built on a stale read`, lost.details, { cause: lost });
        if (unpublished)
            throw new errors/* NotaryError */.Wl(lost.code, `${lost.message}; re-read the repository: the update was not published`, lost.details, {
                cause: lost,
            });
        ctx.reporter.warning(`${update.gun}: the server's answer to the publish was lost (${lost.message}), but the re-read shows the update published`);
        raiseVersions(seenVersions, versions);
    }
    else if (unpublished) {
        throw new errors/* VerificationError */.mk('PUBLISHED_MISMATCH', `${update.gun}: ${unpublished}.json on the server is not the file just published`);
    }
    return after;
}

;// CONCATENATED MODULE: ./src/commands/init.ts








/** A new trusted repository, as `notary init` + publish does (notary: client/client.go initialize). */
function init(ctx, options) {
    const now = ctx.now?.() ?? Date.now();
    return forEachRepository(ctx, options.images, 'Initialize', async (ctx, gun, refs) => {
        const ref = refs[0];
        const server = notaryServerFor(ctx, ref);
        warnIfRetiredServer(ctx, server);
        const client = notaryClientFor(ctx, ref);
        const existing = await client.fetch('root', { maxBytes: MAX_ROOT_BYTES }).catch((error) => {
            throw unreachableServer(error);
        });
        if (existing)
            throw new errors/* NotaryError */.Wl('NOTARY_REPOSITORY_EXISTS', `${gun} already has trust data on ${server}; init only creates new repositories`, {
                server,
            }, { option: 'images' });
        const rootCert = await createRootCertificate(gun, options.rootKey, now);
        const timestampKey = await client.serverKey('timestamp');
        const snapshotKey = options.snapshotKey ? options.snapshotKey.publicKey : await client.serverKey('snapshot');
        const keys = new Map();
        const roles = new Map();
        const assign = (role, key) => {
            keys.set(key.id, key);
            roles.set(role, { keyids: [key.id], threshold: 1 });
        };
        assign('root', rootCert);
        assign('snapshot', snapshotKey);
        assign('targets', options.repositoryKey.publicKey);
        assign('timestamp', timestampKey);
        const update = new RepositoryUpdate(gun, undefined, now);
        update.root = new metadata/* Root */.bL(1, (0,time/* expiryFromNow */.SR)(time/* DEFAULT_EXPIRY_DAYS */.M0.root, now), keys, roles);
        update.rootSigners = [{ signer: options.rootKey, keyid: rootCert.id }];
        update.targets = nextTargets(undefined, now);
        update.targetsSigners = [ownSignature(options.repositoryKey)];
        if (options.snapshotKey)
            update.snapshotSigner = ownSignature(options.snapshotKey);
        const after = await publishUpdate(ctx, ref, update, new Set([rootCert.id]), new Map());
        ctx.reporter.info(`Initialized ${gun}: root key ${rootCert.id} (public key ${rootCert.canonicalId}); pin either with trusted-root-keys`);
        return describeRepository(after, ref, server);
    });
}

;// CONCATENATED MODULE: ./src/commands/rotate-key.ts





function isDelegationRotation(rotation) {
    return rotation.role.startsWith('targets/');
}
function rotateKey(ctx, options) {
    const now = ctx.now?.() ?? Date.now();
    return forEachRepository(ctx, options.images, `Rotate the ${options.role} key of`, async (ctx, gun, refs) => {
        const ref = refs[0];
        const seen = new Map();
        const before = await loadCurrent(ctx, ref, now, seen);
        const update = new RepositoryUpdate(gun, before, now);
        if (isDelegationRotation(options)) {
            update.targetsSigners = [signatureForRole(before.root.signed, 'targets', options.repositoryKey, 'repositoryKey', gun)];
            rotateDelegation(update, options.role, options.newKey, ctx);
        }
        else {
            await rotateBaseRole(ctx, ref, update, options);
        }
        // A snapshot rotated to the server is made by the server from now on.
        const serverMakesSnapshot = options.role === 'snapshot' && !options.newKey;
        if (options.snapshotKey && !update.snapshotSigner && !serverMakesSnapshot)
            update.snapshotSigner = signatureForRole(before.root.signed, 'snapshot', options.snapshotKey, 'snapshotKey', gun);
        const after = await publishUpdate(ctx, ref, update, new Set(before.rootKeyIds()), seen);
        warnAboutExpiry(ctx, after, now);
        return describeRepository(after, ref, notaryServerFor(ctx, ref));
    });
}
/** Root lists the new key for the role and is re-signed by the root key (and, for root, by the new one too). */
async function rotateBaseRole(ctx, ref, update, rotation) {
    const before = update.before;
    const root = update.editRoot();
    update.rootSigners = [signatureForRole(before.root.signed, 'root', rotation.rootKey, 'rootKey', update.gun)];
    switch (rotation.role) {
        case 'root': {
            const cert = await createRootCertificate(update.gun, rotation.newKey, update.now);
            setRoleKey(root, 'root', cert);
            // Signed by the old root too, so clients that trust it follow the rotation.
            update.rootSigners.push({ signer: rotation.newKey, keyid: cert.id });
            return;
        }
        case 'targets':
            setRoleKey(root, 'targets', rotation.newKey.publicKey);
            update.editTargets();
            update.targetsSigners = [ownSignature(rotation.newKey)];
            return;
        case 'snapshot':
            if (rotation.newKey) {
                setRoleKey(root, 'snapshot', rotation.newKey.publicKey);
                update.snapshotSigner = ownSignature(rotation.newKey);
            }
            else {
                setRoleKey(root, 'snapshot', await notaryClientFor(ctx, ref).serverKey('snapshot', true));
            }
            return;
        case 'timestamp':
            setRoleKey(root, 'timestamp', await notaryClientFor(ctx, ref).serverKey('timestamp', true));
            return;
    }
}
/**
 * A delegation's keys replaced by one new key, its content re-signed by that key, in one atomic
 * publish (never unsignable). The old keys are also replaced in targets/releases, where docker
 * puts every signer's key, and releases is re-signed too.
 */
function rotateDelegation(update, role, newKey, ctx) {
    const before = update.before;
    const targets = update.editTargets();
    const delegation = targets.delegations.find((d) => d.name === role);
    if (!delegation)
        throw new errors/* VerificationError */.mk('ROLE_MISSING', `${update.gun} has no ${role} delegation`, { option: 'role' });
    const canonical = (id) => targets.delegationKeys.get(id)?.canonicalId ?? id;
    const oldKeys = new Set(delegation.keyids.map(canonical));
    const key = newKey.publicKey;
    targets.delegationKeys.set(key.id, key);
    const affected = targets.delegations.filter((d) => d.name === role || (d.name === 'targets/releases' && d.keyids.some((id) => oldKeys.has(canonical(id)))));
    for (const d of affected) {
        const kept = d.name === role ? [] : d.keyids.filter((id) => !oldKeys.has(canonical(id)));
        d.keyids = [...kept, key.id];
        if (!before.isPublished(d.name))
            continue;
        const current = before.roles.get(d.name) ?? before.invalidRoles.get(d.name)?.expired;
        if (!current) {
            throw new errors/* VerificationError */.mk('ROLE_INVALID', `${d.name} of ${update.gun} does not verify (${before.invalidRoles.get(d.name)?.reason ?? 'unknown'}); refusing to re-sign content that is not authentic`);
        }
        update.delegations.set(d.name, { targets: nextTargets(current.file.signed, update.now), signers: [ownSignature(newKey)] });
    }
    ctx.reporter.info(`${role}: key(s) ${[...oldKeys].join(', ')} replaced by ${key.canonicalId} in ${affected.map((d) => d.name).join(' and ')}`);
    pruneDelegationKeys(targets);
}

;// CONCATENATED MODULE: ./src/commands/publish-retry.ts

/** Attempts at one publish when other jobs publish to the same repository at the same time: with N publishers racing, the last may need N (each loss means another won). */
const MAX_PUBLISH_ATTEMPTS = 10;
/** The server's answer to a stale update: someone published a newer version first (notary: server/errors/errors.go ErrOldVersion). */
function isStaleVersion(error) {
    return error instanceof errors/* NotaryError */.Wl && error.code === 'NOTARY_STALE_VERSION';
}
/**
 * Runs `attempt` (read, change, publish) until it succeeds. When another publisher wins the race,
 * the next attempt starts from a fresh read, so the other job's changes are kept; jittered backoff
 * spreads the retries of jobs that collided.
 */
async function withPublishRetries(ctx, gun, attempt) {
    for (let n = 1;; n++) {
        try {
            return await attempt();
        }
        catch (error) {
            if (!isStaleVersion(error) || n >= MAX_PUBLISH_ATTEMPTS)
                throw error;
            ctx.reporter.info(`${gun}: another publisher updated the repository first; re-reading and signing again (attempt ${n + 1} of ${MAX_PUBLISH_ATTEMPTS})`);
            await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200 * n));
        }
    }
}

;// CONCATENATED MODULE: ./src/commands/renew.ts






/** Roles a person re-signs (the timestamp is the server's), due when they expire within the warning window or already have. */
function dueRoles(repo, now, warningDays) {
    return roleExpiries(repo, now).filter((d) => d.days <= 0 || d.days < warningDays);
}
function describeDue(d) {
    return d.days <= 0 ? `${d.role} expired at ${d.expires}` : `${d.role} expires in ${Math.floor(d.days)} days (${d.expires})`;
}
/**
 * What each key given signs in this repository. Every key must be a key of its role: a key that
 * cannot sign is an input error, found before anything is sent.
 */
function signaturesOf(repo, options) {
    const { gun } = repo;
    const root = repo.root.signed;
    return {
        rootSignature: options.rootKey && signatureForRole(root, 'root', options.rootKey, 'rootKey', gun),
        targetsSignature: options.repositoryKey && signatureForRole(root, 'targets', options.repositoryKey, 'repositoryKey', gun),
        snapshotSignature: options.snapshotKey && signatureForRole(root, 'snapshot', options.snapshotKey, 'snapshotKey', gun),
        signerRoles: options.signerKey ? delegationsOf(repo, options.signerKey) : [],
    };
}
/**
 * The update that renews what the keys can sign, or undefined when nothing they sign is due. A due
 * role no key given can sign is left as it is, with a warning naming the key that would renew it.
 */
function planRenewal(ctx, repo, options, now) {
    const gun = repo.gun;
    const update = new RepositoryUpdate(gun, repo, now);
    const { rootSignature, targetsSignature, snapshotSignature, signerRoles } = signaturesOf(repo, options);
    if (snapshotSignature)
        update.snapshotSigner = snapshotSignature;
    const renewRoot = () => {
        update.editRoot();
        update.rootSigners = [rootSignature];
    };
    const renewTargets = () => {
        update.editTargets();
        update.targetsSigners = [targetsSignature];
    };
    const renewDelegation = (name, keyid) => {
        update.delegations.set(name, {
            targets: nextTargets(repo.roles.get(name).file.signed, now),
            signers: [{ signer: options.signerKey, keyid }],
        });
    };
    const due = dueRoles(repo, now, ctx.expiryWarningDays);
    let snapshotDue = false;
    for (const d of due) {
        if (d.role === 'root' && rootSignature)
            renewRoot();
        else if (d.role === 'targets' && targetsSignature)
            renewTargets();
        else if (d.role === 'snapshot')
            snapshotDue = true;
        else {
            const signer = signerRoles.find((r) => r.name === d.role);
            if (signer)
                renewDelegation(signer.name, signer.keyid);
            else
                ctx.reporter.warning(`${gun}: ${describeDue(d)}, and no key given can re-sign it: ${renewedBy(d.role)}`);
        }
    }
    // Any publish makes the server re-sign its snapshot; with nothing else due, one role we can sign is re-signed to make it.
    if (snapshotDue && update.isEmpty && !update.snapshotSigner) {
        const [firstSigner] = signerRoles;
        if (targetsSignature)
            renewTargets();
        else if (firstSigner)
            renewDelegation(firstSigner.name, firstSigner.keyid);
        else if (rootSignature)
            renewRoot();
        else
            ctx.reporter.warning(`${gun}: ${describeDue(due.find((d) => d.role === 'snapshot'))}; ${renewedBy('snapshot')}`);
    }
    // A snapshot of our own key that is due is published alone.
    return update.isEmpty && !(snapshotDue && update.snapshotSigner) ? undefined : update;
}
/** The repository with its expired metadata, every signature checked. */
async function load(ctx, ref, now, seen) {
    try {
        return await loadVerified(ctx, ref, { now, seenVersions: seen, allowExpired: true });
    }
    catch (error) {
        throw unreachableServer(error);
    }
}
/**
 * renew signs what the server serves, so that must chain from a root the user pinned (or an
 * earlier run recorded): on first use, a hostile server's root listing the user's key beside its
 * own would pass its self-check, and renew would sign it, or expired content it chose.
 */
function trusted(repo) {
    if (repo.trustedOnFirstUse)
        throw new errors/* VerificationError */.mk('ROOT_NOT_TRUSTED', `${repo.gun}: renew re-signs what the server serves, so the root must be pinned (or recorded by the trust state of an earlier run); its root keys are ${repo.rootKeyIds().join(', ')}`, { option: 'trustedRootKeys' });
    return repo;
}
/** The delegations whose keys include this one; a key no delegation lists cannot renew anything. */
function delegationsOf(repo, key) {
    const found = [];
    for (const [name, role] of repo.roles) {
        if (name === 'targets')
            continue;
        const [keyid] = roleKeyIdsFor(role.keys, role.keys.keys, key.publicKey);
        if (keyid)
            found.push({ name, keyid });
    }
    if (found.length === 0)
        throw new errors/* KeyError */.eN('KEY_NOT_IN_ROLE', `key ${key.publicKey.canonicalId} is not a key of any delegation of ${repo.gun}`, {
            option: 'signerKey',
        });
    return found;
}
/**
 * Re-signs, with fresh expiry dates, every role of each repository that the keys given can sign
 * and that expires within the warning window or has expired. The repository is loaded with its
 * expired metadata (everything else checked as always), published once, and read back.
 */
async function renew(ctx, options) {
    const now = ctx.now?.() ?? Date.now();
    // Over several repositories, every key is checked against every one before any is published:
    // a key that cannot sign fails the run with all of them as they were.
    if (new Set(options.images.map(registry_reference/* gunOf */.qu)).size > 1)
        await forEachRepository(ctx, options.images, 'Check the keys for', async (ctx, _gun, refs) => {
            signaturesOf(trusted(await load(ctx, refs[0], now, new Map())), options);
        });
    const perRepository = await forEachRepository(ctx, options.images, 'Renew', (ctx, gun, refs) => {
        const ref = refs[0];
        warnIfRetiredServer(ctx, notaryServerFor(ctx, ref));
        const seen = new Map();
        return withPublishRetries(ctx, gun, async () => {
            const before = trusted(await load(ctx, ref, now, seen));
            before.warnings.forEach((w) => ctx.reporter.warning(w));
            const update = planRenewal(ctx, before, options, now);
            if (!update) {
                ctx.reporter.info(`${gun}: nothing the keys given can sign expires within ${ctx.expiryWarningDays} days; nothing was published`);
                return [];
            }
            const after = await publishUpdate(ctx, ref, update, new Set(before.rootKeyIds()), seen, { allowExpired: true });
            const renewed = [];
            const report = (role, version, expires) => {
                renewed.push({ repository: gun, role, version, expires });
                ctx.reporter.info(`${gun}: ${role} renewed: version ${version}, expires ${expires}`);
            };
            if (update.root)
                report('root', after.root.signed.version, after.root.signed.expires);
            if (update.targets)
                report('targets', after.targets.file.signed.version, after.targets.file.signed.expires);
            for (const name of update.delegations.keys()) {
                const role = after.roles.get(name);
                report(name, role.file.signed.version, role.file.signed.expires);
            }
            if (after.snapshot.signed.version > before.snapshot.signed.version)
                report('snapshot', after.snapshot.signed.version, after.snapshot.signed.expires);
            for (const e of after.expired)
                ctx.reporter.warning(`${gun}: ${e.role} is still expired (${e.expires}): ${renewedBy(e.role)}`);
            return renewed;
        });
    });
    return perRepository.flat();
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./src/registry/oci-layout.ts





const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];
const REF_NAME = 'org.opencontainers.image.ref.name';
const DIGEST = /^sha256:[a-f0-9]{64}$/;
function isDescriptor(value) {
    const d = value;
    return (typeof d === 'object' &&
        d !== null &&
        typeof d.mediaType === 'string' &&
        typeof d.digest === 'string' &&
        DIGEST.test(d.digest) &&
        Number.isSafeInteger(d.size) &&
        d.size >= 0);
}
function layoutError(message) {
    return new errors/* RegistryError */.gl('OCI_LAYOUT_INVALID', message, { option: 'ociLayout' });
}
class OciLayout {
    dir;
    manifests;
    constructor(dir, manifests) {
        this.dir = dir;
        this.manifests = manifests;
    }
    static open(dir) {
        const fail = (why) => {
            throw layoutError(`${(0,redact/* quoted */.T)(dir)} is not an OCI image layout: ${why}`);
        };
        if (!(0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, 'oci-layout')) || !(0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, 'index.json')))
            fail('expected the files oci-layout and index.json');
        let index;
        try {
            index = JSON.parse((0,external_node_fs_.readFileSync)((0,external_node_path_.join)(dir, 'index.json'), 'utf8'));
        }
        catch {
            return fail('index.json is not JSON');
        }
        if (!Array.isArray(index.manifests) || !index.manifests.every(isDescriptor))
            fail('index.json must list manifests as descriptors');
        return new OciLayout(dir, index.manifests);
    }
    /** The descriptor a tag names: ref.name equal to the tag, or a full reference ending in `:tag`. */
    find(tag) {
        const match = this.manifests.find((d) => {
            const name = d.annotations?.[REF_NAME];
            return name === tag || (name !== undefined && name.endsWith(`:${tag}`) && !name.includes('@'));
        });
        if (!match) {
            const names = this.manifests.map((d) => d.annotations?.[REF_NAME]).filter(Boolean);
            throw layoutError(`${this.dir} has no image named ${tag} (its ${REF_NAME} values: ${names.join(', ') || 'none'})`);
        }
        return match;
    }
    blobPath(digest) {
        const [alg, hex] = digest.split(':');
        return (0,external_node_path_.join)(this.dir, 'blobs', alg, hex);
    }
    /** A manifest or config, read whole and checked against its digest and size. */
    readBlob(descriptor) {
        const path = this.blobPath(descriptor.digest);
        if (!(0,external_node_fs_.existsSync)(path))
            throw layoutError(`${this.dir} lacks blob ${descriptor.digest}`);
        const bytes = new Uint8Array((0,external_node_fs_.readFileSync)(path));
        const digest = `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
        if (digest !== descriptor.digest || bytes.length !== descriptor.size) {
            throw layoutError(`${this.dir}: blob ${descriptor.digest} does not match its digest or size (corrupt layout)`);
        }
        return bytes;
    }
    blobSize(descriptor) {
        const path = this.blobPath(descriptor.digest);
        if (!(0,external_node_fs_.existsSync)(path))
            throw layoutError(`${this.dir} lacks blob ${descriptor.digest}`);
        return (0,external_node_fs_.statSync)(path).size;
    }
}
/** Children of a manifest: an index's manifests, or an image's config and layers. */
function childrenOf(descriptor, bytes) {
    let body;
    try {
        body = JSON.parse(Buffer.from(bytes).toString('utf8'));
    }
    catch {
        throw layoutError(`manifest ${descriptor.digest} is not JSON`);
    }
    const fields = typeof body === 'object' && body !== null ? body : {};
    const list = (value) => (Array.isArray(value) ? value : []);
    if (INDEX_TYPES.includes(descriptor.mediaType))
        return { manifests: list(fields.manifests).filter(isDescriptor), blobs: [] };
    return { manifests: [], blobs: [fields.config, ...list(fields.layers)].filter(isDescriptor) };
}

;// CONCATENATED MODULE: ./src/registry/push.ts





/**
 * Daemonless push through the registry API (distribution spec "push"): blobs are checked with
 * HEAD and uploaded only when missing (a cross-repository mount first when this run already put
 * the blob in another repository of the registry), then child manifests by digest, then the
 * tagged manifest. Large blobs go up in chunks so memory stays flat.
 */
const CHUNK_BYTES = 8 << 20;
/** Blob uploads and manifest PUTs in flight at once, per tag. */
const UPLOAD_CONCURRENCY = 6;
class LayoutPusher {
    http;
    registry;
    layout;
    /**
     * Where this run has put (or is putting) each blob, per registry: the repository to mount it
     * from. Kept as promises so a second repository waits for the first upload, then mounts.
     */
    blobHomes = new Map();
    constructor(http, registry, layout) {
        this.http = http;
        this.registry = registry;
        this.layout = layout;
    }
    async push(ref) {
        const top = this.layout.find(ref.tag);
        const base = await this.registry.baseUrl(ref.registry);
        const name = ref.repository;
        const scope = `repository:${name}:pull,push`;
        // The manifest graph, children before parents, each manifest once.
        const manifests = [];
        const blobs = new Map();
        const seen = new Set();
        const walk = (descriptor) => {
            if (seen.has(descriptor.digest))
                return;
            seen.add(descriptor.digest);
            const bytes = this.layout.readBlob(descriptor);
            const children = childrenOf(descriptor, bytes);
            children.manifests.forEach(walk);
            for (const blob of children.blobs)
                blobs.set(blob.digest, blob);
            manifests.push({ descriptor, bytes });
        };
        walk(top);
        await mapLimit([...blobs.values()], UPLOAD_CONCURRENCY, (blob) => this.pushBlob(base, ref, blob, scope));
        // Child manifests by digest (in parallel), then the tag's own manifest.
        const children = manifests.slice(0, -1);
        await mapLimit(children, UPLOAD_CONCURRENCY, (m) => this.putManifest(base, ref, m.descriptor.digest, m.descriptor.mediaType, m.bytes, scope));
        const topBytes = manifests[manifests.length - 1].bytes;
        const digest = await this.putManifest(base, ref, ref.tag, top.mediaType, topBytes, scope);
        if (digest !== top.digest)
            throw new errors/* RegistryError */.gl('REGISTRY_DIGEST_MISMATCH', `${(0,registry_reference/* gunOf */.qu)(ref)}:${ref.tag}: the registry stored ${digest} for the manifest ${top.digest} we pushed`);
        return { digest: top.digest, size: topBytes.length, mediaType: top.mediaType };
    }
    async call(what, request) {
        try {
            return await this.http.request(request);
        }
        catch (error) {
            if (!(error instanceof errors/* HttpError */.j$))
                throw error;
            throw new errors/* RegistryError */.gl('REGISTRY_PUSH_FAILED', `${what}: ${error.message}`, { cause: error });
        }
    }
    fail(what, response) {
        const body = Buffer.from(response.body.subarray(0, 300)).toString('utf8').trim();
        throw new errors/* RegistryError */.gl('REGISTRY_PUSH_FAILED', `${what}: the registry answered HTTP ${response.status}${body ? ` ${body}` : ''}`);
    }
    pushBlob(base, ref, blob, scope) {
        const home = `${ref.registry}|${blob.digest}`;
        const earlier = this.blobHomes.get(home);
        const upload = (async () => {
            const from = earlier ? await earlier.catch(() => undefined) : undefined;
            await this.uploadBlob(base, ref, blob, scope, from);
            return ref.repository;
        })();
        // Later repositories mount from here once this upload (or mount) has finished.
        this.blobHomes.set(home, upload.catch(() => undefined));
        return upload.then(() => undefined);
    }
    async uploadBlob(base, ref, blob, scope, from) {
        const name = ref.repository;
        const what = `push blob ${blob.digest.slice(0, 19)} to ${(0,registry_reference/* gunOf */.qu)(ref)}`;
        const head = await this.call(what, { method: 'HEAD', url: `${base}/v2/${name}/blobs/${blob.digest}`, maxBytes: 0, scope });
        if (head.status === 200)
            return;
        const size = this.layout.blobSize(blob);
        if (size !== blob.size)
            throw new errors/* RegistryError */.gl('OCI_LAYOUT_INVALID', `${what}: the layout's blob is ${size} bytes, its descriptor says ${blob.size}`);
        let start;
        if (from && from !== name) {
            start = await this.call(what, {
                method: 'POST',
                url: `${base}/v2/${name}/blobs/uploads/?mount=${encodeURIComponent(blob.digest)}&from=${encodeURIComponent(from)}`,
                maxBytes: 1 << 16,
                scope,
                retry: false,
            });
            if (start.status === 201)
                return; // mounted: the registry offered it
        }
        else {
            start = await this.call(what, { method: 'POST', url: `${base}/v2/${name}/blobs/uploads/`, maxBytes: 1 << 16, scope, retry: false });
        }
        if (start.status !== 202)
            this.fail(what, start);
        let location = this.location(base, start, what);
        const fd = (0,external_node_fs_.openSync)(this.layout.blobPath(blob.digest), 'r');
        try {
            if (size <= CHUNK_BYTES) {
                const body = readChunk(fd, 0, size);
                const put = await this.call(what, {
                    method: 'PUT',
                    url: withDigest(location, blob.digest),
                    headers: { 'content-type': 'application/octet-stream' },
                    body,
                    maxBytes: 1 << 16,
                    scope,
                    retry: false,
                });
                if (put.status !== 201)
                    this.fail(what, put);
            }
            else {
                for (let offset = 0; offset < size; offset += CHUNK_BYTES) {
                    const body = readChunk(fd, offset, Math.min(CHUNK_BYTES, size - offset));
                    const patch = await this.call(what, {
                        method: 'PATCH',
                        url: location,
                        headers: { 'content-type': 'application/octet-stream', 'content-range': `${offset}-${offset + body.length - 1}` },
                        body,
                        maxBytes: 1 << 16,
                        scope,
                        retry: false,
                    });
                    if (patch.status !== 202)
                        this.fail(what, patch);
                    location = this.location(base, patch, what);
                }
                const put = await this.call(what, {
                    method: 'PUT',
                    url: withDigest(location, blob.digest),
                    maxBytes: 1 << 16,
                    scope,
                    retry: false,
                });
                if (put.status !== 201)
                    this.fail(what, put);
            }
        }
        finally {
            (0,external_node_fs_.closeSync)(fd);
        }
    }
    location(base, response, what) {
        const location = response.headers.location;
        if (typeof location !== 'string' || !location)
            throw new errors/* RegistryError */.gl('REGISTRY_PUSH_FAILED', `${what}: the registry gave no upload location`);
        const url = new URL(location, base);
        // The blob goes where the registry says (another host is common), but never down from https to http.
        if (new URL(base).protocol === 'https:' && url.protocol !== 'https:')
            throw new errors/* RegistryError */.gl('REGISTRY_PUSH_FAILED', `${what}: the registry sent the upload to ${url.protocol}//${url.host}, not over HTTPS`);
        return url.toString();
    }
    /** PUT a manifest by tag or digest; returns the digest the registry says it stored. */
    async putManifest(base, ref, reference, mediaType, bytes, scope) {
        const what = `push manifest ${reference} to ${(0,registry_reference/* gunOf */.qu)(ref)}`;
        const response = await this.call(what, {
            method: 'PUT',
            url: `${base}/v2/${ref.repository}/manifests/${encodeURIComponent(reference)}`,
            headers: { 'content-type': mediaType },
            body: bytes,
            maxBytes: 1 << 16,
            scope,
        });
        if (response.status !== 201)
            this.fail(what, response);
        return String(response.headers['docker-content-digest'] ?? '');
    }
}
function readChunk(fd, offset, length) {
    const buffer = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
        const n = (0,external_node_fs_.readSync)(fd, buffer, read, length - read, offset + read);
        if (n === 0)
            throw new errors/* RegistryError */.gl('OCI_LAYOUT_INVALID', 'the layout blob ended early');
        read += n;
    }
    return new Uint8Array(buffer);
}
function withDigest(location, digest) {
    const url = new URL(location);
    url.searchParams.set('digest', digest);
    return url.toString();
}

;// CONCATENATED MODULE: ./src/commands/sign.ts










/** The target entry docker writes for a pushed tag: sha256 only, length = manifest size (docker/cli: cli/trust/trust_push.go). */
function targetFor(manifest) {
    return { length: manifest.size, hashes: { sha256: new Uint8Array(Buffer.from(manifest.digest.slice('sha256:'.length), 'hex')) } };
}
function sameTarget(a, b) {
    return !!a && a.length === b.length && !!a.hashes.sha256 && Buffer.from(a.hashes.sha256).equals(Buffer.from(b.hashes.sha256));
}
/**
 * The delegations to write: among targets/releases and targets/<signer>, those whose keys include
 * the signing key, as `docker trust sign` does (docker/cli: cli/command/trust/sign.go).
 */
function signingRoles(repo, signer, signerKey, tags) {
    const candidates = [...new Set(['targets/releases', `targets/${signer}`])];
    const top = repo.targets.file.signed;
    const roles = [];
    for (const name of candidates) {
        const delegation = top.delegations.find((d) => d.name === name);
        if (!delegation)
            continue;
        const [keyid] = roleKeyIdsFor(delegation, top.delegationKeys, signerKey.publicKey);
        if (!keyid)
            continue;
        const outside = tags.filter((tag) => !delegation.paths.some((p) => tag.startsWith(p)));
        if (outside.length > 0)
            throw new errors/* KeyError */.eN('KEY_NOT_IN_ROLE', `${name} of ${repo.gun} may not sign ${outside.join(', ')}: its paths are ${JSON.stringify(delegation.paths)}`);
        const invalid = repo.invalidRoles.get(name);
        if (invalid && !invalid.expired) {
            throw new errors/* VerificationError */.mk('ROLE_INVALID', `${name} of ${repo.gun} does not verify (${invalid.reason}); refusing to re-sign content that is not authentic`);
        }
        roles.push({ name, keyid, current: repo.roles.get(name) ?? invalid?.expired });
    }
    if (roles.length === 0) {
        const present = candidates.filter((n) => top.delegations.some((d) => d.name === n));
        const why = present.length === 0
            ? `${repo.gun} has neither delegation; add the signer first (command: add-signer)`
            : `the key is not listed in ${present.join(' or ')}`;
        throw new errors/* KeyError */.eN('KEY_NOT_IN_ROLE', `key ID ${signerKey.publicKey.canonicalId} cannot sign ${candidates.join(' or ')}: ${why}`, {
            option: 'signerKey',
        });
    }
    return roles;
}
/** The next version of a delegation with these targets added; undefined when nothing would change. */
function nextRoleVersion(role, targets, now, warningDays) {
    const current = role.current?.file.signed;
    const unchanged = [...targets].every(([tag, meta]) => sameTarget(current?.targets.get(tag), meta));
    // Re-signed anyway when it nears expiry, so signing keeps the delegation alive.
    if (current && unchanged && (0,time/* daysUntil */.AQ)(current.expiresMs, now) >= warningDays)
        return undefined;
    const next = nextTargets(current, now);
    for (const [tag, meta] of targets)
        next.targets.set(tag, meta);
    return next;
}
/** Pushes (optionally), resolves and signs every image; one publish per repository; then verifies it all from the server. */
async function sign(ctx, options) {
    const now = ctx.now?.() ?? Date.now();
    // One pusher for the run: blobs it placed in one repository can be mounted into the next.
    const pusher = options.ociLayout ? new LayoutPusher(ctx.http, ctx.registry, OciLayout.open(options.ociLayout)) : undefined;
    ctx.reporter.info(`Signing key ${options.signerKey.publicKey.canonicalId} (${options.signerKey.description})`);
    const perRepository = await forEachRepository(ctx, options.images, 'Sign', (repoCtx, gun, refs) => new RepositorySigning(repoCtx, options, pusher, now, gun, refs).run());
    return perRepository.flat();
}
/** Tags pushed from an OCI layout at once (each pushes its blobs with its own bound). */
const LAYOUT_TAG_CONCURRENCY = 4;
/** Past this many tags, one summary line per repository instead of one per tag. */
const LOG_EACH_TAG_UP_TO = 50;
/** The signing of one repository's tags: resolve, sign into the delegations, publish once, read back. */
class RepositorySigning {
    ctx;
    options;
    pusher;
    now;
    gun;
    refs;
    constructor(ctx, options, pusher, now, gun, refs) {
        this.ctx = ctx;
        this.options = options;
        this.pusher = pusher;
        this.now = now;
        this.gun = gun;
        this.refs = refs;
    }
    async run() {
        const built = await this.pushImages();
        const seenVersions = new Map();
        let manifests;
        let targets;
        // Each attempt starts from what the server holds now, so another job's tags are kept; the
        // registry is asked once per tag, on the first attempt, after the key was found fit to sign.
        const { after, roles } = await withPublishRetries(this.ctx, this.gun, () => this.publishOnce(seenVersions, async () => {
            manifests ??= await this.lookUpTags(built);
            targets ??= new Map([...manifests].map(([tag, manifest]) => [tag, targetFor(manifest)]));
            return targets;
        }));
        warnAboutExpiry(this.ctx, after, this.now);
        return this.results(after, roles, manifests, targets);
    }
    async publishOnce(seenVersions, tagTargets) {
        const { ctx, options, gun, refs } = this;
        const before = await loadCurrent(ctx, refs[0], this.now, seenVersions);
        const roles = signingRoles(before, options.signer, options.signerKey, [...new Set(refs.map((r) => r.tag))]);
        const targets = await tagTargets();
        const update = new RepositoryUpdate(gun, before, this.now);
        for (const role of roles) {
            const next = nextRoleVersion(role, targets, this.now, ctx.expiryWarningDays);
            if (next)
                update.delegations.set(role.name, { targets: next, signers: [{ signer: options.signerKey, keyid: role.keyid }] });
        }
        if (options.snapshotKey)
            update.snapshotSigner = signatureForRole(before.root.signed, 'snapshot', options.snapshotKey, 'snapshotKey', gun);
        if (update.isEmpty) {
            ctx.reporter.info(`${gun}: every tag is already signed with these digests in ${roles.map((r) => r.name).join(', ')}; nothing to publish`);
            return { after: before, roles };
        }
        // Read back with fresh client state, chained from the root trusted above.
        return { after: await publishUpdate(ctx, refs[0], update, new Set(before.rootKeyIds()), seenVersions), roles };
    }
    /**
     * What the build says each tag is, before the registry is asked: the manifest pushed from the
     * layout, the digest docker pushed, or the digest given in the reference (`name:tag@sha256:...`).
     */
    async pushImages() {
        const { refs } = this;
        const built = new Map();
        const record = (ref, next) => {
            const name = `${(0,registry_reference/* gunOf */.qu)(ref)}:${ref.tag}`;
            const earlier = built.get(ref.tag);
            if (earlier && earlier.digest !== next.digest)
                throw new errors/* RegistryError */.gl('REGISTRY_DIGEST_MISMATCH', `${name} is ${earlier.digest} (${earlier.source}) and ${next.digest} (${next.source}) in one run`);
            built.set(ref.tag, earlier?.size !== undefined ? earlier : next);
        };
        if (this.pusher) {
            const pusher = this.pusher;
            const pushed = await mapLimit(refs, LAYOUT_TAG_CONCURRENCY, (ref) => pusher.push(ref));
            refs.forEach((ref, i) => {
                const m = pushed[i];
                if (refs.length <= LOG_EACH_TAG_UP_TO)
                    this.ctx.reporter.info(`${this.gun}:${ref.tag} pushed from the OCI layout -> ${m.digest} (${m.size} bytes, ${m.mediaType})`);
                record(ref, { ...m, source: 'pushed from the OCI layout' });
            });
        }
        else if (this.options.push) {
            // docker pushes one tag at a time (its own output stays readable).
            for (const ref of refs)
                record(ref, { ...(await this.dockerPush(ref)), source: 'pushed by docker' });
        }
        for (const ref of refs)
            if (ref.digest)
                record(ref, { digest: ref.digest, source: 'given in the reference' });
        return built;
    }
    /**
     * The one registry look-up per tag, right before signing and publishing: what gets signed is
     * what the tag points at now. When the build named a digest (its push, or the reference), the
     * tag must still point at it: a tag moved since is refused, naming both digests.
     */
    async lookUpTags(built) {
        const { ctx, refs } = this;
        const tags = [...new Map(refs.map((ref) => [ref.tag, ref])).values()];
        const found = await mapLimit(tags, REGISTRY_CONCURRENCY, (ref) => this.lookUp(ref));
        const manifests = new Map();
        tags.forEach((ref, i) => {
            const manifest = found[i];
            const expected = built.get(ref.tag);
            const name = `${(0,registry_reference/* gunOf */.qu)(ref)}:${ref.tag}`;
            if (expected && expected.digest !== manifest.digest)
                throw new errors/* RegistryError */.gl('REGISTRY_TAG_MOVED', `${name} moved while signing: it was ${expected.digest} (${expected.source}), the registry now serves ${manifest.digest}; nothing was published`);
            if (expected?.size !== undefined && expected.size !== manifest.size)
                throw new errors/* RegistryError */.gl('REGISTRY_DIGEST_MISMATCH', `${name}: ${expected.digest} was ${expected.size} bytes (${expected.source}) but the registry serves ${manifest.size} bytes`);
            manifests.set(ref.tag, manifest);
            if (tags.length <= LOG_EACH_TAG_UP_TO)
                ctx.reporter.info(`${name} -> ${manifest.digest} (${manifest.size} bytes, ${manifest.mediaType})`);
        });
        if (tags.length > LOG_EACH_TAG_UP_TO)
            ctx.reporter.info(`Looked up ${tags.length} tags of ${this.gun} in the registry`);
        return manifests;
    }
    dockerPush(ref) {
        if (!this.ctx.docker)
            throw new errors/* RegistryError */.gl('REGISTRY_PUSH_FAILED', 'no docker CLI to push with');
        return this.ctx.docker.push(`${(0,registry_reference/* gunOf */.qu)(ref)}:${ref.tag}`);
    }
    lookUp(ref) {
        return this.ctx.registry.head(ref).catch((error) => {
            if (error instanceof errors/* RegistryError */.gl && error.code === 'REGISTRY_TAG_NOT_FOUND') {
                const expected = this.options.push ? 'a tag the registry holds' : 'a tag the registry holds, or one to push first';
                throw new errors/* RegistryError */.gl(error.code, `${error.message}; expected ${expected}`, { option: 'images', cause: error });
            }
            throw error;
        });
    }
    /** What the server holds now must be what was signed, in every role that signed it. */
    results(after, roles, manifests, targets) {
        const server = notaryServerFor(this.ctx, this.refs[0]);
        return this.refs.map((ref) => {
            const expected = targets.get(ref.tag);
            for (const role of roles) {
                const published = after.roles.get(role.name);
                if (!published)
                    throw new errors/* VerificationError */.mk('ROLE_INVALID', `${this.gun}: ${role.name} does not verify after publishing`);
                if (!sameTarget(published.file.signed.targets.get(ref.tag), expected)) {
                    throw new errors/* VerificationError */.mk('PUBLISHED_MISMATCH', `${this.gun}:${ref.tag}: ${role.name} on the server does not hold the digest and size just signed`);
                }
            }
            const signed = manifests.get(ref.tag);
            const earliest = roles.map((r) => after.roles.get(r.name).file.signed).reduce((a, b) => (a.expiresMs <= b.expiresMs ? a : b));
            return {
                image: ref.original,
                repository: this.gun,
                tag: ref.tag,
                digest: signed.digest,
                size: signed.size,
                roles: roles.map((r) => r.name),
                notaryServer: server,
                expires: earliest.expires,
            };
        });
    }
}

;// CONCATENATED MODULE: ./src/commands/signers.ts




/**
 * A change to targets signed with the repository key: load and verify, let `edit` change a copy of
 * targets (returning false when there is nothing to change), publish, read back.
 */
function changeTargets(ctx, options, title, edit) {
    const now = ctx.now?.() ?? Date.now();
    return forEachRepository(ctx, options.images, title, async (ctx, gun, refs) => {
        const ref = refs[0];
        const seen = new Map();
        const before = await loadCurrent(ctx, ref, now, seen);
        const update = new RepositoryUpdate(gun, before, now);
        update.targetsSigners = [signatureForRole(before.root.signed, 'targets', options.repositoryKey, 'repositoryKey', gun)];
        if (options.snapshotKey)
            update.snapshotSigner = signatureForRole(before.root.signed, 'snapshot', options.snapshotKey, 'snapshotKey', gun);
        if (!edit(update.editTargets(), gun, ctx))
            return describeRepository(before, ref, notaryServerFor(ctx, ref));
        const after = await publishUpdate(ctx, ref, update, new Set(before.rootKeyIds()), seen);
        warnAboutExpiry(ctx, after, now);
        return describeRepository(after, ref, notaryServerFor(ctx, ref));
    });
}
/** Adds the key to targets/<signer> and targets/releases, as `docker trust signer add` does. */
function addSigner(ctx, options) {
    const key = options.signerPublicKey;
    return changeTargets(ctx, options, 'Add signer to', (targets, gun, ctx) => {
        let changed = false;
        for (const name of [`targets/${options.signer}`, 'targets/releases']) {
            const existing = targets.delegations.find((d) => d.name === name);
            if (!existing) {
                targets.delegations.push({ name, keyids: [key.id], threshold: 1, paths: [''] });
                changed = true;
            }
            else if (!existing.keyids.some((id) => targets.delegationKeys.get(id)?.canonicalId === key.canonicalId)) {
                existing.keyids.push(key.id);
                changed = true;
            }
        }
        targets.delegationKeys.set(key.id, key);
        if (!changed)
            ctx.reporter.info(`${gun}: signer ${options.signer} already has key ${key.canonicalId}; nothing to publish`);
        return changed;
    });
}
/**
 * Removes targets/<signer> and its keys from targets/releases, as `docker trust signer remove`.
 * If that leaves targets/releases without keys it is removed too (with a warning), so nobody is
 * locked out: the next add-signer creates it again.
 */
function removeSigner(ctx, options) {
    const name = `targets/${options.signer}`;
    return changeTargets(ctx, options, 'Remove signer from', (targets, gun, ctx) => {
        const role = targets.delegations.find((d) => d.name === name);
        if (!role)
            throw new errors/* VerificationError */.mk('ROLE_MISSING', `${gun} has no signer ${options.signer} (no ${name} delegation)`, { option: 'signer' });
        const canonical = (id) => targets.delegationKeys.get(id)?.canonicalId ?? id;
        const removedKeys = new Set(role.keyids.map(canonical));
        targets.delegations = targets.delegations.filter((d) => d.name !== name);
        const releases = targets.delegations.find((d) => d.name === 'targets/releases');
        if (releases) {
            releases.keyids = releases.keyids.filter((id) => !removedKeys.has(canonical(id)));
            if (releases.keyids.length === 0) {
                ctx.reporter.warning(`${gun}: that was the last key of targets/releases, so targets/releases is removed as well; add a signer to sign releases again`);
                targets.delegations = targets.delegations.filter((d) => d.name !== 'targets/releases');
            }
        }
        pruneDelegationKeys(targets);
        return true;
    });
}

;// CONCATENATED MODULE: ./src/policy/trust-policy.ts

/** picomatch reads only `*`, `**`, `?` and `[...]` here: braces, extglobs and negation would make a rule mean more than it says. */
const GLOB_OPTIONS = { dot: true, nobrace: true, noextglob: true, nonegate: true };
const WILDCARDS = /\*+|\?|\[[^\]]*\]/g;
function compile(rule, glob) {
    const literal = rule.match.replace(WILDCARDS, '');
    const wildcards = rule.match.match(WILDCARDS)?.length ?? 0;
    const globstars = rule.match.match(/\*\*/g)?.length ?? 0;
    const test = wildcards === 0 ? (gun) => gun === rule.match : rule.match === '**' ? () => true : glob(rule.match, GLOB_OPTIONS);
    return {
        rule,
        test,
        rank: [wildcards === 0 ? 1 : 0, rule.match.split('/').filter((c) => !/[*?[]/.test(c)).length, literal.length, -globstars, -wildcards],
    };
}
function compareRank(a, b) {
    return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3] || a[4] - b[4];
}
/** A rule as messages and the step summary name it: where it is written, and its glob. */
function describeRule(rule) {
    return rule.source ? `${rule.source} (${rule.match})` : rule.match;
}
/** Finds each repository's rule, once per repository: a deploy of 500 images costs one match per repository, not per image. */
class PolicyMatcher {
    policy;
    compiled;
    cache = new Map();
    constructor(policy, glob) {
        this.policy = policy;
        this.compiled = policy.rules.map((rule) => compile(rule, glob));
    }
    /** The glob library loads only for a policy with globs: the inputs' one rule (`**`) matches everything without it. */
    static async create(policy) {
        const needsGlob = policy.rules.some((r) => r.match !== '**' && /[*?[]/.test(r.match));
        return new PolicyMatcher(policy, needsGlob ? (await __webpack_require__.e(/* import() */ 6).then(__webpack_require__.t.bind(__webpack_require__, 14006, 23))).default : undefined);
    }
    /** The most specific rule that matches; a repository no rule matches, or two rules match equally, is denied. */
    ruleFor(gun) {
        let found = this.cache.get(gun);
        if (!found) {
            found = this.choose(gun);
            this.cache.set(gun, found);
        }
        if (found instanceof errors/* PolicyError */.pn)
            throw found;
        return found;
    }
    choose(gun) {
        const matching = this.compiled.filter((c) => c.test(gun)).sort((a, b) => compareRank(b.rank, a.rank));
        const [best, next] = matching;
        if (!best)
            return new errors/* PolicyError */.pn('POLICY_NO_MATCH', `no policy rule matches ${gun}, so it is denied; add a rule whose match covers it`);
        if (next && compareRank(best.rank, next.rank) === 0) {
            return new errors/* PolicyError */.pn('POLICY_AMBIGUOUS', `${gun} matches ${describeRule(best.rule)} and ${describeRule(next.rule)} equally; make one of them more specific`);
        }
        return best.rule;
    }
}

;// CONCATENATED MODULE: ./src/commands/verify.ts






/** One image that failed the gate, and why (the cause keeps its code). */
class ImageFailure extends errors/* DctError */.sY {
    image;
    reason;
    constructor(image, reason) {
        super(reason.code, `${image}: ${reason.message}`, { cause: reason });
        this.image = image;
        this.reason = reason;
    }
}
function digestOf(meta) {
    const sha = meta.hashes.sha256;
    return sha ? `sha256:${Buffer.from(sha).toString('hex')}` : undefined;
}
/**
 * The roles that must vouch for a tag: each required signer's delegation; by default
 * targets/releases, or targets itself when the repository has no delegations (what a content-trust
 * pull accepts: docker/cli: cli/command/image/trust.go).
 */
function rolesToCheck(repo, requiredSigners) {
    if (requiredSigners.length > 0)
        return requiredSigners.map((name) => `targets/${name}`);
    return repo.targets.file.signed.delegations.length > 0 ? ['targets/releases'] : ['targets'];
}
function requireRole(repo, role) {
    const loaded = repo.roles.get(role);
    if (loaded)
        return loaded;
    const invalid = repo.invalidRoles.get(role);
    if (invalid)
        throw new errors/* VerificationError */.mk('ROLE_INVALID', `${role} is not valid: ${invalid.reason}`);
    if (repo.isPublished(role) || [...repo.roles.values()].some((r) => r.file.signed.delegations.some((d) => d.name === role))) {
        throw new errors/* VerificationError */.mk('TARGET_NOT_SIGNED', `${role} has signed nothing yet`);
    }
    throw new errors/* VerificationError */.mk('ROLE_MISSING', `${repo.gun} has no signer ${role.replace(/^targets\//, '')} (no ${role} delegation)`);
}
/** What `role` signed for the tag: there, within its delegated paths, with a sha256 hash; throws with the cause. */
function signedTarget(repo, ref, role) {
    const loaded = requireRole(repo, role);
    const target = loaded.file.signed.targets.get(ref.tag);
    if (!target)
        throw new errors/* VerificationError */.mk('TARGET_NOT_SIGNED', `tag ${ref.tag} is not signed by ${role} (no valid trust data for it)`);
    if (!TrustedRepository.allows(loaded, ref.tag)) {
        throw new errors/* VerificationError */.mk('TARGET_NOT_SIGNED', `${role} lists ${ref.tag} outside the paths it was delegated (${JSON.stringify(loaded.paths)})`);
    }
    const digest = digestOf(target);
    if (!digest)
        throw new errors/* VerificationError */.mk('TARGET_MISMATCH', `${role} lists ${ref.tag} without a sha256 hash`);
    return { target, digest };
}
/** Checks one tag against the verified trust data and the registry; throws with the cause. */
function checkTag(repo, ref, manifest, requiredSigners, 
/** Who says what `manifest` is, for the mismatch message. */
servedBy = 'the registry serves') {
    for (const role of rolesToCheck(repo, requiredSigners)) {
        const { target, digest: signed } = signedTarget(repo, ref, role);
        if (signed !== manifest.digest) {
            throw new errors/* VerificationError */.mk('TARGET_MISMATCH', `tag ${ref.tag} was signed as ${signed} (${role}) but ${servedBy} ${manifest.digest}`);
        }
        if (target.length !== manifest.size) {
            throw new errors/* VerificationError */.mk('TARGET_MISMATCH', `tag ${ref.tag} was signed with length ${target.length} (${role}) but ${servedBy} ${manifest.size} bytes`);
        }
    }
    if (ref.digest && ref.digest !== manifest.digest)
        throw new errors/* VerificationError */.mk('TARGET_MISMATCH', `${ref.original} pins ${ref.digest}, but the signed tag is ${manifest.digest}`);
    // Every role that vouches for this exact manifest, in walk order.
    return [...repo.roles.values()]
        .filter((r) => {
        const t = r.file.signed.targets.get(ref.tag);
        return t !== undefined && digestOf(t) === manifest.digest && t.length === manifest.size && TrustedRepository.allows(r, ref.tag);
    })
        .map((r) => r.name);
}
/** Verifies every image: one metadata load per repository, one registry look-up per tag. */
async function verify(ctx, options) {
    const now = ctx.now?.() ?? Date.now();
    // A gate that checked nothing must not pass.
    if (options.images.length === 0)
        throw new errors/* RegistryError */.gl('REFERENCE_INVALID', 'no image to verify', { option: 'images' });
    const matcher = await PolicyMatcher.create(options.policy);
    const label = (ref) => {
        const where = options.foundIn?.get(ref);
        return where?.length ? `${ref.original} (${where.slice(0, 3).join(', ')}${where.length > 3 ? ', …' : ''})` : ref.original;
    };
    const perRepository = await forEachRepository(ctx, options.images, 'Verify', async (repoCtx, gun, refs) => {
        let rule;
        try {
            rule = matcher.ruleFor(gun);
        }
        catch (error) {
            // Denied before anything is asked of its registry or Notary server.
            if (!(0,errors/* isDctError */.AE)(error))
                throw error;
            return { results: [], failures: refs.map((ref) => new ImageFailure(label(ref), error)) };
        }
        const ruleCtx = {
            ...repoCtx,
            notaryServer: rule.notaryServer ?? repoCtx.notaryServer,
            pinnedRootKeyIds: rule.trustedRootKeyIds,
        };
        return verifyRepository(ruleCtx, rule, label, gun, refs, now, options.registryCheck);
    });
    const results = perRepository.flatMap((r) => r.results);
    const failures = perRepository.flatMap((r) => r.failures);
    if (failures.length === 1)
        throw failures[0];
    if (failures.length > 1) {
        failures.forEach((f) => ctx.reporter.error(f.message));
        throw new errors/* VerificationError */.mk('IMAGES_FAILED', `${failures.length} of ${options.images.length} images failed verification`);
    }
    return results;
}
/** What the first role that must vouch for the tag signed: the manifest every other required role must agree on. */
function signedManifest(repo, ref, requiredSigners) {
    const role = rolesToCheck(repo, requiredSigners)[0];
    const { target, digest } = signedTarget(repo, ref, role);
    return { manifest: { digest, size: target.length }, servedBy: `${role} signed` };
}
/** One image against the verified trust data and the registry's answer for its tag (or the trust data alone). */
function verifyImage(repo, ref, lookup, requiredSigners) {
    if ('error' in lookup)
        throw lookup.error;
    const { manifest, servedBy } = 'manifest' in lookup ? { manifest: lookup.manifest, servedBy: 'the registry serves' } : signedManifest(repo, ref, requiredSigners);
    const roles = checkTag(repo, ref, manifest, requiredSigners, servedBy);
    return { image: ref.original, repository: repo.gun, tag: ref.tag, digest: manifest.digest, size: manifest.size, roles };
}
async function verifyRepository(ctx, rule, label, gun, refs, now, registryCheck) {
    const results = [];
    const failures = [];
    const trustOnly = { trustOnly: true };
    // One look-up per tag, however many references name it; each answer kept apart, so one missing
    // tag fails only its own images.
    const tags = registryCheck ? [...new Map(refs.map((ref) => [ref.tag, ref])).values()] : [];
    const answers = mapLimit(tags, REGISTRY_CONCURRENCY, (ref) => ctx.registry.head(ref).then((manifest) => ({ manifest }), (error) => ({ error })));
    const lookups = answers.then((list) => {
        const byTag = new Map(tags.map((ref, i) => [ref.tag, list[i]]));
        return refs.map((ref) => byTag.get(ref.tag) ?? trustOnly);
    });
    let repo;
    try {
        repo = await loadVerified(ctx, refs[0], { now, seenVersions: new Map() });
    }
    catch (caught) {
        await lookups;
        const error = withRenewHint(unreachableServer(caught));
        // An input at fault (a Notary server that is down, a corrupt trust state) fails the command, not one image.
        if (!(0,errors/* isDctError */.AE)(error) || error.option)
            throw error;
        return { results, failures: refs.map((ref) => new ImageFailure(label(ref), error)) };
    }
    const manifests = await lookups;
    repo.warnings.forEach((w) => ctx.reporter.warning(w));
    warnAboutExpiry(ctx, repo, now);
    const expiries = roleExpiries(repo, now);
    const server = notaryServerFor(ctx, refs[0]);
    refs.forEach((ref, i) => {
        try {
            const result = verifyImage(repo, ref, manifests[i], rule.requiredSigners);
            if (refs.length <= 50)
                ctx.reporter.info(`${(0,registry_reference/* gunOf */.qu)(ref)}:${ref.tag} = ${result.digest}, signed by ${result.roles.join(', ')}`);
            results.push({ ...result, notaryServer: server, expiries, ...(rule.source ? { rule: describeRule(rule) } : {}) });
        }
        catch (error) {
            if (!(0,errors/* isDctError */.AE)(error))
                throw error;
            failures.push(new ImageFailure(label(ref), error));
        }
    });
    if (refs.length > 50)
        ctx.reporter.info(`${gun}: ${results.length} of ${refs.length} tags verified`);
    return { results, failures };
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
;// CONCATENATED MODULE: ./src/docker/cli.ts


/** The tail of docker's output kept for messages and the digest line. */
const MAX_OUTPUT = 64 * 1024;
/**
 * The docker CLI, for `push: true`. Content trust is forced off for the push itself: docker would
 * otherwise try to sign on its own, with keys it does not have.
 */
class DockerCli {
    options;
    constructor(options) {
        this.options = options;
    }
    async push(reference) {
        const { exitCode, stdout, stderr } = await this.run(['push', reference]);
        if (exitCode !== 0) {
            const last = (stderr || stdout).trim().split('\n').pop() ?? '';
            throw new errors/* DockerError */.Bi('DOCKER_PUSH_FAILED', `docker push ${reference} failed (exit ${exitCode}): ${last}`);
        }
        const m = /digest: (sha256:[a-f0-9]{64}) size: (\d+)/.exec(stdout);
        if (!m)
            throw new errors/* DockerError */.Bi('DOCKER_PUSH_FAILED', `docker push ${reference} did not report a digest and size`);
        return { digest: m[1], size: Number(m[2]) };
    }
    run(args) {
        const { path, env, signal, log } = this.options;
        return new Promise((resolve, reject) => {
            const child = (0,external_node_child_process_.spawn)(path, args, { env: { ...env, DOCKER_CONTENT_TRUST: '0' }, stdio: ['ignore', 'pipe', 'pipe'], signal });
            let stdout = '';
            let stderr = '';
            const keep = (text, chunk) => (text + chunk).slice(-MAX_OUTPUT);
            child.stdout.on('data', (chunk) => {
                stdout = keep(stdout, chunk.toString());
                log?.(chunk.toString());
            });
            child.stderr.on('data', (chunk) => {
                stderr = keep(stderr, chunk.toString());
                log?.(chunk.toString());
            });
            child.on('error', (error) => {
                const why = error.name === 'AbortError' ? "stopped: the command's deadline passed" : error.message;
                reject(new errors/* DockerError */.Bi('DOCKER_UNAVAILABLE', `cannot run ${path} ${args[0]}: ${why}`, { cause: error }));
            });
            child.on('close', (code) => resolve({ exitCode: code ?? -1, stdout, stderr }));
        });
    }
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
;// CONCATENATED MODULE: ./src/docker/config.ts





const HUB_KEY = 'https://index.docker.io/v1/';
const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** A helper that has not answered by then has nothing for us (it may be waiting on a keychain prompt). */
const HELPER_TIMEOUT_MS = 30_000;
function normalizeKey(key) {
    return key.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
class DockerConfig {
    dir;
    env;
    onHelperFailure;
    file;
    /**
     * `dir`: DOCKER_CONFIG, else ~/.docker; `env`: what a credential helper may see (the action layer
     * decides both); `onHelperFailure`: told when a configured helper fails (its output is not shown:
     * it may hold the secret it failed to return).
     */
    constructor(dir, env = {}, onHelperFailure = () => undefined) {
        this.dir = dir;
        this.env = env;
        this.onHelperFailure = onHelperFailure;
    }
    get path() {
        return (0,external_node_path_.join)(this.dir, 'config.json');
    }
    /** Credentials for a registry (`docker.io` or `host:port`), or undefined. */
    async credentials(registry) {
        const config = await this.read();
        const isHub = registry === hosts/* DOCKER_HUB */.Xb || registry === 'registry-1.docker.io' || registry === 'index.docker.io';
        const serverUrl = isHub ? HUB_KEY : registry;
        const helpers = isObject(config.credHelpers) ? config.credHelpers : {};
        const helper = helpers[isHub ? hosts/* DOCKER_HUB */.Xb : registry] ?? helpers[serverUrl] ?? config.credsStore;
        // A helper is a program name, docker-credential-<helper>: nothing else is run.
        if (typeof helper === 'string' && HELPER_NAME.test(helper)) {
            const credentials = await fromHelper(helper, serverUrl, this.env, this.onHelperFailure);
            if (credentials)
                return credentials;
        }
        for (const [key, entry] of Object.entries(isObject(config.auths) ? config.auths : {})) {
            const host = normalizeKey(key);
            if (!(host === registry || (isHub && (host === 'index.docker.io' || host === hosts/* DOCKER_HUB */.Xb))))
                continue;
            if (!isObject(entry))
                continue;
            const credentials = fromAuthEntry(entry);
            if (credentials)
                return credentials;
        }
        return undefined;
    }
    /** Read once per run; a missing or unreadable file is an empty config, as docker treats it. */
    read() {
        this.file ??= (0,promises_.readFile)(this.path, 'utf8').then((text) => {
            try {
                const value = JSON.parse(text);
                return isObject(value) ? value : {};
            }
            catch {
                return {};
            }
        }, () => ({}));
        return this.file;
    }
}
/**
 * One `auths` entry: `auth` (base64 user:password) or `username`/`password`, and an `identitytoken`
 * (a refresh token, as `az acr login` writes it beside `auth` = the zero user and no password),
 * which docker uses instead of the password (docker/cli: cli/trust/trust.go simpleCredentialStore
 * RefreshToken).
 */
function fromAuthEntry(entry) {
    let username = '';
    let password = '';
    if (typeof entry.auth === 'string' && entry.auth) {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const sep = decoded.indexOf(':');
        if (sep > 0)
            [username, password] = [decoded.slice(0, sep), decoded.slice(sep + 1)];
    }
    else if (typeof entry.username === 'string' && typeof entry.password === 'string') {
        [username, password] = [entry.username, entry.password];
    }
    if (typeof entry.identitytoken === 'string' && entry.identitytoken)
        return { username, password: '', identityToken: entry.identitytoken };
    return username && password ? { username, password } : undefined;
}
function fromHelper(helper, serverUrl, env, onFailure) {
    return new Promise((resolve) => {
        const options = { encoding: 'utf8', timeout: HELPER_TIMEOUT_MS, env };
        const child = (0,external_node_child_process_.execFile)(`docker-credential-${helper}`, ['get'], options, (error, stdout) => {
            // "credentials not found" is how a helper says it has none (docker-credential-helpers: credentials/error.go).
            if (error && !/credentials not found/i.test(stdout)) {
                const why = error.code === 'ENOENT'
                    ? 'is not installed'
                    : error.killed
                        ? 'timed out'
                        : `exited with ${String(error.code)}`;
                onFailure(`docker-credential-${helper} ${why}; no credentials from it for ${serverUrl}`);
            }
            if (error || !stdout)
                return resolve(undefined);
            try {
                const value = JSON.parse(stdout);
                if (isObject(value) && typeof value.Username === 'string' && typeof value.Secret === 'string' && value.Secret) {
                    // A helper answers `<token>` as the user name when the secret is an identity token
                    // (docker/cli: cli/config/credentials/native_store.go).
                    if (value.Username === auth/* TOKEN_USER_HELPER */.Rm)
                        return resolve({ username: '', password: '', identityToken: value.Secret });
                    return resolve({ username: value.Username, password: value.Secret });
                }
            }
            catch {
                // a helper that prints something else has nothing for us
            }
            resolve(undefined);
        });
        child.stdin?.end(serverUrl);
    });
}

// EXTERNAL MODULE: ./src/http/client.ts
var client = __webpack_require__(73329);
;// CONCATENATED MODULE: ./src/registry/client.ts




/** Every manifest kind a tag may point at; DCT signs whichever the registry serves. */
const MANIFEST_MEDIA_TYPES = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json',
];
const MAX_MANIFEST_BYTES = 4 << 20;
/** The manifest's media type, from its Content-Type without parameters. */
function mediaTypeOf(response) {
    return (String(response.headers['content-type'] ?? '')
        .split(';')[0]
        .trim() || 'application/octet-stream');
}
/** TLS failures (system error codes) that mean "this server speaks plain HTTP". */
const PLAIN_HTTP_HINTS = ['EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'ECONNRESET'];
class RegistryClient {
    http;
    insecureRegistries;
    bases = new Map();
    constructor(http, insecureRegistries = []) {
        this.http = http;
        this.insecureRegistries = insecureRegistries;
    }
    /** https://host, or http://host for a loopback or listed insecure registry that does not speak TLS. */
    baseUrl(registry) {
        let base = this.bases.get(registry);
        if (!base) {
            base = this.probe(registry);
            this.bases.set(registry, base);
        }
        return base;
    }
    async probe(registry) {
        const host = (0,registry_reference/* registryApiHost */.Mb)(registry);
        const mayUseHttp = (0,hosts/* isLoopbackHost */.cW)(host) || this.insecureRegistries.includes(registry) || this.insecureRegistries.includes(host);
        try {
            await this.http.request({ url: `https://${host}/v2/`, maxBytes: 1 << 16, retry: !mayUseHttp });
            return `https://${host}`;
        }
        catch (error) {
            if (!(error instanceof errors/* HttpError */.j$))
                throw error;
            if (mayUseHttp && PLAIN_HTTP_HINTS.includes(error.details.errno ?? ''))
                return `http://${host}`;
            throw new errors/* RegistryError */.gl('REGISTRY_UNREACHABLE', `registry ${registry} is not reachable over HTTPS: ${error.message}`, {
                cause: error,
            });
        }
    }
    /** GET or HEAD of a tag's manifest; connection failures and a missing tag become clear errors. */
    async requestManifest(ref, method) {
        const name = `${ref.registry}/${ref.repository}:${ref.tag}`;
        let response;
        try {
            const base = await this.baseUrl(ref.registry);
            response = await this.http.request({
                method,
                url: `${base}/v2/${ref.repository}/manifests/${encodeURIComponent(ref.tag)}`,
                headers: { accept: MANIFEST_MEDIA_TYPES.join(', ') },
                maxBytes: method === 'HEAD' ? 0 : MAX_MANIFEST_BYTES,
                scope: `repository:${ref.repository}:pull`,
            });
        }
        catch (error) {
            if (!(error instanceof errors/* HttpError */.j$))
                throw error;
            if (error.code === 'HTTP_AUTH')
                throw new errors/* RegistryError */.gl('REGISTRY_ACCESS_DENIED', `cannot log in to the registry for ${name}: ${error.message}`, {
                    cause: error,
                    host: ref.registry,
                });
            throw new errors/* RegistryError */.gl('REGISTRY_UNREACHABLE', `cannot read ${name} from the registry: ${error.message}`, { cause: error });
        }
        if (response.status === 404)
            throw new errors/* RegistryError */.gl('REGISTRY_TAG_NOT_FOUND', `${name} is not in the registry (no manifest for tag ${ref.tag})`);
        return response;
    }
    /** The manifest a tag points at now: its digest (hashed here) and size, what DCT signs. */
    async resolve(ref) {
        const name = `${ref.registry}/${ref.repository}:${ref.tag}`;
        const response = await this.requestManifest(ref, 'GET');
        if (response.status === 401 || response.status === 403) {
            throw new errors/* RegistryError */.gl('REGISTRY_ACCESS_DENIED', `the registry refused access to ${name} (HTTP ${response.status})`, {
                host: ref.registry,
            });
        }
        if (response.status !== 200)
            throw new errors/* RegistryError */.gl('REGISTRY_BAD_RESPONSE', `the registry answered HTTP ${response.status} for ${name}`);
        const digest = `sha256:${(0,encoding/* sha256Hex */.fg)(response.body)}`;
        const header = response.headers['docker-content-digest'];
        if (typeof header === 'string' && header.startsWith('sha256:') && header !== digest) {
            throw new errors/* RegistryError */.gl('REGISTRY_DIGEST_MISMATCH', `the registry's Docker-Content-Digest ${header} for ${name} does not match the manifest it served (${digest})`);
        }
        return { digest, size: response.body.length, mediaType: mediaTypeOf(response) };
    }
    /**
     * Where a tag points now, by HEAD: the registry's Docker-Content-Digest and Content-Length,
     * cheaper than a GET. For confirming a digest resolved earlier, and for verify (deploys pull by
     * the signed digest, which names its own content).
     */
    async head(ref) {
        const response = await this.requestManifest(ref, 'HEAD');
        const digest = response.headers['docker-content-digest'];
        const size = Number(response.headers['content-length']);
        // A registry that answers HEAD without a usable digest (or refuses it) gets the full GET.
        if (response.status !== 200 || typeof digest !== 'string' || !/^sha256:[a-f0-9]{64}$/.test(digest) || !Number.isSafeInteger(size)) {
            return this.resolve(ref);
        }
        return { digest, size, mediaType: mediaTypeOf(response) };
    }
}

;// CONCATENATED MODULE: ./src/state/trust-state.ts




const FORMAT = 1;
/**
 * A writer holds the lock for a read, a merge and a rename: milliseconds. One older than
 * STALE_LOCK_MS is a crashed writer's and is taken over; waiters wait longer than that.
 */
const STALE_LOCK_MS = 30_000;
const LOCK_WAIT_MS = 45_000;
/** No honest state file comes near this (a root and two small files). */
const MAX_STATE_BYTES = 16 << 20;
function isStateFile(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const v = value;
    const base64 = (x) => typeof x === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(x);
    const versions = v.versions;
    return (v.format === FORMAT &&
        typeof v.server === 'string' &&
        typeof v.gun === 'string' &&
        base64(v.root) &&
        (v.timestamp === undefined || base64(v.timestamp)) &&
        (v.snapshot === undefined || base64(v.snapshot)) &&
        typeof versions === 'object' &&
        versions !== null &&
        Object.values(versions).every((n) => Number.isSafeInteger(n) && n >= 1));
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
class TrustStateStore {
    dir;
    /** Verified repositories of this run, written by `flush` once the command has succeeded. */
    pending = new Map();
    constructor(dir) {
        this.dir = dir;
    }
    /** The state file of a repository: one folder per server, one per repository path segment. */
    pathOf(server, gun) {
        const host = encodeURIComponent(new URL(server).host);
        return (0,external_node_path_.join)(this.dir, host, ...gun.split('/').map((segment) => encodeURIComponent(segment)), 'state.json');
    }
    /** The recorded state, or undefined on first use. */
    async read(server, gun) {
        const path = this.pathOf(server, gun);
        const file = await this.readFile(path);
        if (!file)
            return undefined;
        if (file.server !== server || file.gun !== gun)
            throw this.corrupt(path, `it records ${file.gun} on ${file.server}, not ${gun} on ${server}`);
        return {
            root: new Uint8Array(Buffer.from(file.root, 'base64')),
            versions: new Map(Object.entries(file.versions)),
        };
    }
    /**
     * Remembers a verified repository. The latest record of a repository in a run wins, but the base
     * stays the one its first load started from: a read-back after publishing chains from that too.
     */
    record(server, gun, record, options = {}) {
        const key = `${server} ${gun}`;
        const earlier = this.pending.get(key);
        this.pending.set(key, { server, gun, record, options: earlier ? { ...options, base: earlier.options.base } : options });
    }
    /**
     * Writes every recorded repository, each merged with what another job may have written since it
     * was read. Returns a warning for each record dropped because another job recorded another root.
     */
    async flush() {
        const warnings = [];
        for (const { server, gun, record, options } of this.pending.values()) {
            const dropped = await this.write(server, gun, record, options);
            if (dropped)
                warnings.push(dropped);
        }
        this.pending.clear();
        return warnings;
    }
    async write(server, gun, record, options) {
        const path = this.pathOf(server, gun);
        try {
            await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
        }
        catch (error) {
            throw new errors/* StateError */.qq('STATE_WRITE_FAILED', `cannot create ${(0,external_node_path_.dirname)(path)}: ${error.message}`, {
                option: 'trustState',
                cause: error,
            });
        }
        const release = await this.lock(`${path}.lock`);
        try {
            const current = options.replace ? undefined : await this.readFile(path);
            const b64 = (bytes) => (bytes ? Buffer.from(bytes).toString('base64') : undefined);
            // The file's root must be ours, or the one this run started from; anything else this run never chained from.
            if (current && current.root !== b64(record.root) && current.root !== b64(options.base))
                return `${gun}: another job recorded another root for it in ${path} during this run; this run's record is not written`;
            const next = merge(current, server, gun, record);
            const temp = `${path}.${process.pid}.${(0,external_node_crypto_.randomBytes)(4).toString('hex')}.tmp`;
            await (0,promises_.writeFile)(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o644 });
            await (0,promises_.rename)(temp, path); // atomic: a reader sees the old file or the new one, never half of either
            return undefined;
        }
        catch (error) {
            if (error instanceof errors/* StateError */.qq)
                throw error;
            throw new errors/* StateError */.qq('STATE_WRITE_FAILED', `cannot write ${path}: ${error.message}`, {
                option: 'trustState',
                cause: error,
            });
        }
        finally {
            await release();
        }
    }
    async readFile(path) {
        let text;
        try {
            const info = await (0,promises_.stat)(path);
            if (info.size > MAX_STATE_BYTES)
                throw this.corrupt(path, `it is ${info.size} bytes`);
            text = await (0,promises_.readFile)(path, 'utf8');
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return undefined;
            if (error instanceof errors/* StateError */.qq)
                throw error;
            throw this.corrupt(path, error.message);
        }
        let value;
        try {
            value = JSON.parse(text);
        }
        catch {
            throw this.corrupt(path, 'it is not JSON');
        }
        if (!isStateFile(value))
            throw this.corrupt(path, `it is not a trust-state file of format ${FORMAT}`);
        return value;
    }
    corrupt(path, why) {
        return new errors/* StateError */.qq('STATE_CORRUPT', `${path} is corrupt (${why}); it is not reset silently, since that would accept a rollback: restore it from its cache, or remove it to trust on first use again (and pin trusted-root-keys)`, { option: 'trustState' });
    }
    /**
     * An exclusive lock file holding a token of ours, so that release removes only our own lock. One
     * left by a crashed writer is taken over once stale: renamed away atomically (one waiter wins),
     * and put back if it turns out to be a live one after all. The remaining window, two takeovers of
     * one stale lock within microseconds, costs at worst a merge that keeps lower versions for a run.
     */
    async lock(path) {
        const token = `${process.pid}.${(0,external_node_crypto_.randomBytes)(8).toString('hex')}`;
        const started = Date.now();
        for (;;) {
            try {
                await (0,promises_.writeFile)(path, token, { flag: 'wx' });
                return async () => {
                    const held = await (0,promises_.readFile)(path, 'utf8').catch(() => '');
                    if (held === token)
                        await (0,promises_.rm)(path, { force: true });
                };
            }
            catch (error) {
                if (error.code !== 'EEXIST') {
                    throw new errors/* StateError */.qq('STATE_WRITE_FAILED', `cannot lock ${path}: ${error.message}`, {
                        option: 'trustState',
                        cause: error,
                    });
                }
            }
            if (Date.now() - started > LOCK_WAIT_MS)
                throw new errors/* StateError */.qq('STATE_LOCKED', `${path} is held by another writer for more than ${LOCK_WAIT_MS / 1000} s`, {
                    option: 'trustState',
                });
            await this.takeOverIfStale(path);
            await sleep(25 + Math.random() * 50);
        }
    }
    async takeOverIfStale(path) {
        const info = await (0,promises_.stat)(path).catch(() => undefined);
        if (!info || Date.now() - info.mtimeMs <= STALE_LOCK_MS)
            return;
        const stale = await (0,promises_.readFile)(path, 'utf8').catch(() => undefined);
        const aside = `${path}.${(0,external_node_crypto_.randomBytes)(8).toString('hex')}.stale`;
        if (!(await (0,promises_.rename)(path, aside).then(() => true, () => false)))
            return; // another waiter took it first
        const taken = await (0,promises_.readFile)(aside, 'utf8').catch(() => undefined);
        // A live lock renamed by mistake goes back, unless a new one is already there.
        if (taken !== stale)
            await (0,promises_.link)(aside, path).catch(() => undefined);
        await (0,promises_.rm)(aside, { force: true });
    }
}
/**
 * Our verified state merged into the file another job may have written (whose root is ours or the
 * one we started from): the higher version of everything wins.
 */
function merge(current, server, gun, record) {
    const versions = { ...(current?.versions ?? {}) };
    for (const [role, version] of record.versions)
        versions[role] = Math.max(version, versions[role] ?? 0);
    const b64 = (bytes) => Buffer.from(bytes).toString('base64');
    const newer = (role) => !current || (record.versions.get(role) ?? 0) >= (current.versions[role] ?? 0);
    return {
        format: FORMAT,
        server,
        gun,
        root: newer('root') ? b64(record.root) : current.root,
        timestamp: newer('timestamp') ? b64(record.timestamp) : current.timestamp,
        snapshot: newer('snapshot') ? b64(record.snapshot) : current.snapshot,
        versions,
    };
}

;// CONCATENATED MODULE: ./src/main.ts























/** The lifecycle commands: their keys opened from the settings, then one command call. */
async function runLifecycle(ctx, settings, keys) {
    const { images } = settings;
    switch (settings.command) {
        case 'init':
            return init(ctx, {
                images,
                rootKey: await keys.signer(settings.rootKey),
                repositoryKey: await keys.signer(settings.repositoryKey),
                snapshotKey: await keys.signer(settings.snapshotKey),
            });
        case 'add-signer':
            return addSigner(ctx, {
                images,
                signer: settings.signer,
                signerPublicKey: await keys.publicKey(settings.signerPublicKey),
                repositoryKey: await keys.signer(settings.repositoryKey),
                snapshotKey: await keys.signer(settings.snapshotKey),
            });
        case 'remove-signer':
            return removeSigner(ctx, {
                images,
                signer: settings.signer,
                repositoryKey: await keys.signer(settings.repositoryKey),
                snapshotKey: await keys.signer(settings.snapshotKey),
            });
        case 'rotate-key':
            return rotateKey(ctx, {
                images,
                ...(await openRotation(settings.rotation, keys)),
                snapshotKey: await keys.signer(settings.snapshotKey),
            });
        default:
            throw new errors/* InternalError */.Gd(`${settings.command} is not a lifecycle command`);
    }
}
async function openRotation(rotation, keys) {
    switch (rotation.role) {
        case 'root':
        case 'targets':
            return { role: rotation.role, rootKey: await keys.signer(rotation.rootKey), newKey: await keys.signer(rotation.newKey) };
        case 'snapshot':
            // The same shape, but newKey may be absent (the server makes the key): its own case keeps the types exact.
            return { role: rotation.role, rootKey: await keys.signer(rotation.rootKey), newKey: await keys.signer(rotation.newKey) };
        case 'timestamp':
            return { role: rotation.role, rootKey: await keys.signer(rotation.rootKey) };
        default:
            return { role: rotation.role, repositoryKey: await keys.signer(rotation.repositoryKey), newKey: await keys.signer(rotation.newKey) };
    }
}
async function runCommand(ctx, settings, keys) {
    switch (settings.command) {
        case 'verify': {
            const plan = await readVerifyFiles(settings);
            const { images, policy, foundIn } = plan;
            const results = await verify(ctx, { images, policy, ...(foundIn ? { foundIn } : {}), registryCheck: settings.registryCheck });
            setOutputs(results);
            await writeVerifySummary(results);
            core/* info */.pq(`Verified ${results.length} tag(s).`);
            if (settings.pinManifests && plan.pin) {
                const pinned = plan.pin(results);
                core/* setOutput */.uH('pinned-manifests', pinned.join('\n'));
                core/* info */.pq(pinned.length > 0 ? `Pinned the images of ${pinned.join(', ')}.` : 'Every manifest was already pinned to its verified digest.');
            }
            return;
        }
        case 'inspect': {
            const data = await inspect(ctx, { images: settings.images });
            writeTrustData(data, settings.trustDataFile);
            await writeInspectSummary(data);
            return;
        }
        case 'renew': {
            const renewed = await renew(ctx, {
                images: settings.images,
                rootKey: await keys.signer(settings.rootKey),
                repositoryKey: await keys.signer(settings.repositoryKey),
                signerKey: await keys.signer(settings.signerKey),
                snapshotKey: await keys.signer(settings.snapshotKey),
            });
            core/* setOutput */.uH('renewed', JSON.stringify(renewed));
            await writeRenewSummary(renewed);
            core/* info */.pq(renewed.length > 0 ? `Renewed ${renewed.length} role(s).` : 'Nothing needed renewing; nothing was published.');
            return;
        }
        case 'sign': {
            const results = await sign(ctx, {
                images: settings.images,
                push: settings.push,
                signer: settings.signer,
                signerKey: await keys.signer(settings.signerKey),
                snapshotKey: await keys.signer(settings.snapshotKey),
                ociLayout: settings.ociLayout,
            });
            setOutputs(results);
            await writeSummary('dct-sign: signed', results);
            core/* info */.pq(`Signed and verified ${results.length} tag(s).`);
            return;
        }
        default: {
            const results = await runLifecycle(ctx, settings, keys);
            core/* setOutput */.uH('digests', '');
            core/* setOutput */.uH('result', JSON.stringify(results));
            const rootChanged = settings.command === 'init' || (settings.command === 'rotate-key' && settings.rotation.role === 'root');
            // The value to pin from now on (docker trust inspect shows the root certificate's ID).
            if (rootChanged)
                core/* setOutput */.uH('root-key-id', results.map((r) => r.rootKeyIds.join(',')).join('\n'));
            await writeRepositorySummary(`dct-sign: ${settings.command}`, results);
        }
    }
}
/** What a run may still finish once its deadline has passed (closing sessions, writing the error) before the process ends. */
const GRACE_AFTER_DEADLINE_MS = 10_000;
/** Rejects when the command's deadline passes, so a step never outlives its `timeout`. */
function deadline(ms, controller) {
    let timer;
    const passed = new Promise((_resolve, reject) => {
        timer = setTimeout(() => {
            controller.abort();
            // Whatever still holds the event loop (a call no signal reaches) cannot keep the step alive.
            setTimeout(() => process.exit(1), GRACE_AFTER_DEADLINE_MS).unref();
            reject(new errors/* DctError */.sY('HTTP_ABORTED', `the command did not finish within ${ms / 1000} s (timeout); nothing more was sent`));
        }, ms);
    });
    return { passed, clear: () => clearTimeout(timer) };
}
/** The inputs read from a runner's INPUT_* variables, or from the command line's flags first. */
function inputReader(flags) {
    return (name) => flags?.get(name) ?? core/* getInput */.V4(name);
}
/** Secrets stay in the process no longer than needed: once read, their INPUT_* variables go. */
function forgetSecretInputs(env) {
    for (const name of secret_inputs.SECRET_INPUTS)
        delete env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
}
/** A network command: the clients, the keys, the trust state, one command, and its deadline. */
async function runNetworkCommand(settings, runtime) {
    const controller = new AbortController();
    // Hardware keys say when they are about to sign, as a notice on the run page (a touch may be needed);
    // keys behind a network (KMS) keep to the request deadline and stop with the command.
    const proxy = readProxySettings(process.env);
    const keys = new KeyRing({
        notice: (message) => core/* notice */.lm(message),
        pkcs11: runtime.pkcs11,
        requestTimeoutMs: settings.requestTimeoutMs,
        signal: controller.signal,
        proxy,
        vault: () => readVaultSettings(process.env),
    });
    const http = new client/* HttpClient */.Q({
        extraCa: settings.notaryCa,
        proxy,
        credentials: credentialsFor(settings, new DockerConfig(runtime.dockerConfigDir, runtime.childEnv, (message) => core/* warning */.$e(message))),
        userAgent: 'dct-sign',
        requestDeadlineMs: settings.requestTimeoutMs,
        signal: controller.signal,
    });
    const limit = deadline(settings.commandTimeoutMs, controller);
    try {
        const push = settings.command === 'sign' && settings.push;
        const docker = push
            ? new DockerCli({
                path: runtime.dockerPath,
                env: runtime.childEnv,
                signal: controller.signal,
                log: (text) => process.stdout.write(text),
            })
            : undefined;
        const ctx = {
            http,
            registry: new RegistryClient(http, settings.insecureRegistries),
            ...(docker ? { docker } : {}),
            reporter: actionsReporter,
            notaryServer: settings.notaryServer,
            pinnedRootKeyIds: settings.pinnedRootKeyIds,
            expiryWarningDays: settings.expiryWarningDays,
            ...(settings.trustState ? { trustState: new TrustStateStore(settings.trustState) } : {}),
        };
        await Promise.race([runCommand(ctx, settings, keys), limit.passed]);
        // Written only after success (action-interface.md): a failed run records nothing.
        for (const warning of (await ctx.trustState?.flush()) ?? [])
            core/* warning */.$e(warning);
    }
    finally {
        limit.clear();
        await keys.close();
        http.close();
    }
}
/** The action: inputs in, outputs out; any failure is one `::error::` line and exit code 1. */
async function run(flags) {
    const runtime = (0,inputs.readRuntime)(process.env);
    try {
        // Only a GitHub runner swallows `::add-mask::`; anywhere else it would print the secret itself.
        const mask = runtime.onGitHubRunner ? (secret) => core/* setSecret */.Pq(secret) : () => undefined;
        const settings = (0,inputs.readSettings)(inputReader(flags), mask, process.env);
        forgetSecretInputs(process.env);
        if (settings.command === 'generate-key')
            await runGenerateKey(settings, runtime);
        else
            await runNetworkCommand(settings, runtime);
    }
    catch (error) {
        core/* setFailed */.C1(describeError(error));
    }
}


/***/ })

};

//# sourceMappingURL=574.index.js.map