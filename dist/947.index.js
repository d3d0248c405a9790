export const id = 947;
export const ids = [947,307];
export const modules = {

/***/ 43044:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ readInputFile)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _util_redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(50767);



/** No file an input names is this large (a key, a CA bundle, a list of 100,000 images). */
const MAX_INPUT_FILE_BYTES = 64 << 20;
/**
 * The text of a file an input names, or an InputError naming that input: a path that is missing,
 * a directory, unreadable or absurdly large fails in one line, never as a bare EISDIR.
 */
function readInputFile(input, path, expected, maxBytes = MAX_INPUT_FILE_BYTES) {
    let size;
    try {
        const info = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path);
        if (!info.isFile())
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .T)(path)} is not a file; expected ${expected}`);
        size = info.size;
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz)
            throw error;
        const missing = ['ENOENT', 'ENOTDIR', 'ENAMETOOLONG'].includes(error.code ?? '');
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .T)(path)} ${missing ? 'does not exist' : 'cannot be read'}; expected ${expected}`);
    }
    if (size > maxBytes)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .T)(path)} is larger than ${maxBytes} bytes`);
    try {
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8');
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .T)(path)} cannot be read; expected ${expected}`);
    }
}


/***/ }),

/***/ 76947:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  COMMANDS: () => (/* binding */ COMMANDS),
  parseBoolean: () => (/* binding */ parseBoolean),
  readRuntime: () => (/* binding */ readRuntime),
  readSettings: () => (/* binding */ readSettings)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/registry/reference.ts
var reference = __webpack_require__(79310);
// EXTERNAL MODULE: ./src/keys/generate.ts + 1 modules
var generate = __webpack_require__(69490);
// EXTERNAL MODULE: ./src/tuf/metadata.ts
var metadata = __webpack_require__(83518);
// EXTERNAL MODULE: ./src/action/input-files.ts
var input_files = __webpack_require__(43044);
// EXTERNAL MODULE: ./src/util/redact.ts
var redact = __webpack_require__(50767);
// EXTERNAL MODULE: ./src/keys/open.ts
var keys_open = __webpack_require__(80134);
// EXTERNAL MODULE: ./src/tuf/keys.ts
var keys = __webpack_require__(95591);
;// CONCATENATED MODULE: ./src/action/key-inputs.ts






const EXPECTED = 'a PEM private key, the base64 of one, a file path, or a key URI (awskms://, azurekms://, azurekv://, gcpkms://, hashivault:// or pkcs11:)';
/** The runner masks line by line, so register each line of a key as well as the whole. */
function maskPem(pem, mask) {
    mask(pem);
    for (const line of pem.split(/\r?\n/))
        if (line.length >= 8 && !line.startsWith('-----') && !line.includes(':'))
            mask(line);
}
/** Reads the form of a key input's value; `mask` receives every secret form found (for core.setSecret). */
function parseKeySource(input, value, mask) {
    const text = value.trim();
    const store = (0,keys_open/* keyStoreOf */.EZ)(text);
    if (store)
        return { kind: store, uri: text };
    if (text.includes('-----BEGIN')) {
        maskPem(text, mask);
        return { kind: 'pem', pem: text };
    }
    if (!text.includes('\n') && text.length < 4096 && (0,external_node_fs_.existsSync)(text) && (0,external_node_fs_.statSync)(text).isFile()) {
        const pem = (0,input_files/* readInputFile */.j)(input, text, EXPECTED);
        maskPem(pem, mask);
        if (!pem.includes('-----BEGIN'))
            throw new errors/* InputError */.dz(input, `file ${(0,redact/* quoted */.T)(text)} holds no PEM block; expected ${EXPECTED}`);
        return { kind: 'pem', pem };
    }
    const compact = text.replace(/\s+/g, '');
    if (/^[A-Za-z0-9+/]+=*$/.test(compact)) {
        const pem = Buffer.from(compact, 'base64').toString('utf8');
        if (pem.includes('-----BEGIN')) {
            mask(compact);
            maskPem(pem, mask);
            return { kind: 'pem', pem };
        }
    }
    throw new errors/* InputError */.dz(input, `expected ${EXPECTED}`);
}
/** A key input and its `<input>-passphrase`; undefined when the input is empty. */
function readKeySetting(read, mask, input) {
    const secretInput = `${input}-passphrase`;
    const secret = read(secretInput);
    if (secret)
        mask(secret);
    const value = read(input);
    if (!value)
        return undefined;
    return { input, secretInput, source: parseKeySource(input, value, mask), secret: Buffer.from(secret, 'utf8') };
}
/** `signer-public-key`: PEM text, base64 or a file, as `docker trust key generate` writes it; or a KMS/token URI (its PIN in `pinInput`). */
function readPublicKeySetting(read, mask, pinInput) {
    const input = 'signer-public-key';
    const text = read(input).trim();
    if (!text)
        return undefined;
    if ((0,keys_open/* keyStoreOf */.EZ)(text)) {
        const pin = read(pinInput);
        if (pin)
            mask(pin);
        return {
            kind: 'store',
            key: { input, secretInput: pinInput, source: parseKeySource(input, text, mask), secret: Buffer.from(pin, 'utf8') },
        };
    }
    let pem = text;
    if (!pem.includes('-----BEGIN')) {
        if ((0,external_node_fs_.existsSync)(text))
            pem = (0,input_files/* readInputFile */.j)(input, text, 'a PEM PUBLIC KEY or CERTIFICATE file');
        else
            pem = Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
    }
    try {
        return { kind: 'pem', key: (0,keys/* publicKeyFromPem */.X)(pem) };
    }
    catch (error) {
        if (!(error instanceof errors/* KeyError */.eN))
            throw error;
        throw new errors/* InputError */.dz(input, 'expected a PEM PUBLIC KEY or CERTIFICATE (text, base64 or a file path), as docker trust key generate writes it');
    }
}

// EXTERNAL MODULE: ./src/action/secret-inputs.ts
var secret_inputs = __webpack_require__(44688);
// EXTERNAL MODULE: ./src/action/trust-values.ts
var trust_values = __webpack_require__(99359);
;// CONCATENATED MODULE: ./src/action/inputs.ts












/**
 * The action's inputs (action-interface.md) read and checked in one place, into one settings type
 * per command, in the manner of actions/checkout's input-helper. Nothing below the action layer
 * knows an input's name or reads the environment: it gets these typed settings.
 */
const COMMANDS = [
    'sign',
    'verify',
    'inspect',
    'init',
    'add-signer',
    'remove-signer',
    'rotate-key',
    'renew',
    'generate-key',
];
/**
 * The variables a child process may see: what docker and credential helpers need to find their
 * config, daemon, keychain and proxy, and the cloud settings the registries' own helpers log in
 * with (docker-credential-ecr-login reads AWS_*, the gcloud helper GOOGLE_* and CLOUDSDK_*,
 * acr-env AZURE_*). Never INPUT_* (our secrets), the runner's tokens, or DOCKER_CONTENT_TRUST_*.
 */
const CHILD_ENVIRONMENT = /^(?:PATH|HOME|USER|LOGNAME|TMPDIR|TMP|TEMP|LANG|LC_[A-Z]+|TZ|XDG_[A-Z_]+|DBUS_SESSION_BUS_ADDRESS|SSL_CERT_FILE|SSL_CERT_DIR|DOCKER_(?:CONFIG|HOST|CONTEXT|CERT_PATH|TLS|TLS_VERIFY|API_VERSION)|(?:HTTPS?|NO|ALL)_PROXY|(?:https?|no|all)_proxy|(?:AWS|AZURE|GOOGLE|CLOUDSDK|GCLOUD)_[A-Z0-9_]+|SYSTEMROOT|USERPROFILE|APPDATA|LOCALAPPDATA|PROGRAMDATA)$/;
function readRuntime(env) {
    const childEnv = {};
    for (const [name, value] of Object.entries(env))
        if (value !== undefined && CHILD_ENVIRONMENT.test(name))
            childEnv[name] = value;
    return {
        dockerPath: env.DCT_SIGN_DOCKER || 'docker',
        dockerConfigDir: env.DOCKER_CONFIG || (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.docker'),
        childEnv,
        pkcs11: { defaultModule: env.PKCS11_MODULE || undefined, addonPath: env.DCT_SIGN_PKCS11JS || undefined },
        onGitHubRunner: env.GITHUB_ACTIONS === 'true',
    };
}
function parseBoolean(name, value, fallback) {
    if (!value)
        return fallback;
    if (/^(true|yes|1|on)$/i.test(value))
        return true;
    if (/^(false|no|0|off)$/i.test(value))
        return false;
    throw new errors/* InputError */.dz(name, `${(0,redact/* quoted */.T)(value)} is not a boolean; expected true or false`);
}
function parseCa(value) {
    if (!value)
        return undefined;
    const text = value.includes('-----BEGIN') ? value : (0,input_files/* readInputFile */.j)('notary-ca', value, 'PEM certificate text or the path of a PEM file');
    if (!text.includes('-----BEGIN CERTIFICATE-----'))
        throw new errors/* InputError */.dz('notary-ca', 'expected PEM certificate text or the path of a PEM file');
    return text;
}
/** A registry as `insecure-registries` names it: host[:port], as docker's --insecure-registry takes it (a DNS name is at most 253 characters). */
const MAX_HOST = 253 + 6;
const REGISTRY_HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::\d{1,5})?$/;
function parseInsecureRegistries(value) {
    return (0,trust_values/* list */.p_)(value).map((item) => {
        if (item.length > MAX_HOST || !REGISTRY_HOST.test(item))
            throw new errors/* InputError */.dz('insecure-registries', `${(0,redact/* quoted */.T)(item)} is not a registry; expected host[:port], one per line`);
        return item;
    });
}
/** A whole number of seconds within bounds, as milliseconds. */
function parseSeconds(read, input, fallback, max) {
    const value = read(input) || String(fallback);
    const seconds = /^\d{1,7}$/.test(value) ? Number(value) : NaN;
    if (!(seconds >= 1 && seconds <= max))
        throw new errors/* InputError */.dz(input, `${(0,redact/* quoted */.T)(value)} is not a number of seconds from 1 to ${max}`);
    return seconds * 1000;
}
/**
 * `trust-state`: a directory we can write, checked before anything is sent, so a bad path fails the
 * step up front rather than after a publish (the state is written once the command succeeds).
 */
function parseStateDir(path) {
    try {
        if ((0,external_node_fs_.existsSync)(path) && !(0,external_node_fs_.statSync)(path).isDirectory())
            throw new Error('not a directory');
        (0,external_node_fs_.mkdirSync)(path, { recursive: true });
        (0,external_node_fs_.accessSync)(path, external_node_fs_.constants.W_OK);
    }
    catch (error) {
        throw new errors/* InputError */.dz('trust-state', `${(0,redact/* quoted */.T)(path)} is not a directory dct-sign can write (${error.message.split(',')[0]})`);
    }
    return path;
}
/** Notary's longest default expiry is root's, 10 years: a wider warning window warns always. */
const MAX_WARNING_DAYS = 3650;
/**
 * `images`, plus the lines of `images-file`: an input travels as one environment variable, and
 * Linux caps one at 128 KiB (about 3,000 references), so large batches come from a file.
 */
function readImages(read, tagRequired, optional = false) {
    const file = read('images-file');
    let text = read('images');
    if (file)
        text = `${text}\n${(0,input_files/* readInputFile */.j)('images-file', file, 'a file with one image reference per line')}`;
    if (optional && !text.trim())
        return [];
    try {
        return (0,reference/* parseImageList */.B2)(text, tagRequired);
    }
    catch (error) {
        if ((0,errors/* isDctError */.AE)(error) && error.option === 'images')
            throw new errors/* InputError */.dz('images', error.message);
        throw error;
    }
}
function readSigner(read) {
    const signer = read('signer') || 'releases';
    if (!trust_values/* SIGNER_NAME */.hX.test(signer))
        throw new errors/* InputError */.dz('signer', `${(0,redact/* quoted */.T)(signer)} is not a signer name; expected lowercase letters, digits, - and _ (e.g. releases or alice)`);
    return signer;
}
const KEY_FORMS = 'a PEM private key, the base64 of one, a file path, or a key URI (awskms://, azurekms://, azurekv://, gcpkms://, hashivault:// or pkcs11:)';
function requireKey(key, input, why) {
    if (!key)
        throw new errors/* InputError */.dz(input, `is required ${why}; expected ${KEY_FORMS}`, 'INPUT_REQUIRED');
    return key;
}
function readCommon(read, mask, env, tagRequired, imagesOptional = false) {
    const username = read('registry-username');
    const password = read('registry-password');
    if (password)
        mask(password);
    if (!!username !== !!password)
        throw new errors/* InputError */.dz(username ? 'registry-password' : 'registry-username', 'registry-username and registry-password go together');
    const days = read('expiry-warning-days') || '30';
    if (!/^\d{1,4}$/.test(days) || Number(days) > MAX_WARNING_DAYS)
        throw new errors/* InputError */.dz('expiry-warning-days', `${(0,redact/* quoted */.T)(days)} is not a whole number of days from 0 to ${MAX_WARNING_DAYS}`);
    return {
        images: readImages(read, tagRequired, imagesOptional),
        notaryServer: (0,trust_values/* parseServerUrl */.Ep)(read('notary-server') || env.DOCKER_CONTENT_TRUST_SERVER || ''),
        notaryCa: parseCa(read('notary-ca')),
        insecureRegistries: parseInsecureRegistries(read('insecure-registries')),
        ...(username ? { registryCredentials: { username, password } } : {}),
        pinnedRootKeyIds: (0,trust_values/* parseTrustedRootKeys */.fo)(read('trusted-root-keys')),
        expiryWarningDays: Number(days),
        ...(read('trust-state') ? { trustState: parseStateDir(read('trust-state')) } : {}),
        requestTimeoutMs: parseSeconds(read, 'request-timeout', 120, 3600),
        commandTimeoutMs: parseSeconds(read, 'timeout', 1800, 86_400),
    };
}
function readRotation(read, mask) {
    const role = read('role');
    if (!role)
        throw new errors/* InputError */.dz('role', 'is required for command rotate-key', 'INPUT_REQUIRED');
    const serverManaged = parseBoolean('server-managed', read('server-managed'), true);
    const key = (input) => readKeySetting(read, mask, input);
    const rootKey = () => requireKey(key('root-key'), 'root-key', `to re-sign root when rotating the ${role} key`);
    const newKey = (why = '') => requireKey(key('new-key'), 'new-key', `to rotate the ${role} key${why}`);
    switch (role) {
        case 'root':
        case 'targets':
            return { role, rootKey: rootKey(), newKey: newKey() };
        case 'snapshot':
            return serverManaged
                ? { role, rootKey: rootKey() }
                : { role, rootKey: rootKey(), newKey: newKey(' to a key of yours (or set server-managed: true)') };
        case 'timestamp':
            return { role, rootKey: rootKey() };
    }
    if (!(0,metadata/* isDelegationName */.mm)(role))
        throw new errors/* InputError */.dz('role', `${(0,redact/* quoted */.T)(role)} is not a role; expected root, targets, snapshot, timestamp or a delegation such as targets/releases`);
    return {
        role: role,
        repositoryKey: requireKey(key('repository-key'), 'repository-key', `to re-sign targets when rotating the ${role} key`),
        newKey: newKey(),
    };
}
function readGenerateKey(read, mask) {
    const role = read('role');
    if (!role)
        throw new errors/* InputError */.dz('role', 'is required for command generate-key: root, targets, snapshot or a signer name', 'INPUT_REQUIRED');
    if (!generate/* KEY_NAME */.GX.test(role))
        throw new errors/* InputError */.dz('role', `${(0,redact/* quoted */.T)(role)} is not a key name; expected root, targets, snapshot or a signer name (lowercase letters, digits, - and _)`);
    const keyFile = read('key-file');
    const newKey = read('new-key');
    const publicKeyFile = read('public-key-file') || undefined;
    const secretInput = 'new-key-passphrase';
    const secret = read(secretInput);
    if (secret)
        mask(secret);
    if (keyFile && newKey)
        throw new errors/* InputError */.dz('new-key', 'give key-file (a key file) or new-key (a pkcs11: URI), not both', 'INPUT_CONFLICT');
    if (!keyFile && !newKey)
        throw new errors/* InputError */.dz('key-file', 'is required for command generate-key (or new-key: a pkcs11: URI to generate the key on a token)', 'INPUT_REQUIRED');
    if (newKey && !newKey.startsWith('pkcs11:'))
        throw new errors/* InputError */.dz('new-key', 'for generate-key, expected a pkcs11: URI naming the token and the new key (object= and/or id=)');
    if (!secret)
        throw new errors/* InputError */.dz(secretInput, newKey
            ? 'is required: the PIN of the token'
            : 'is required: the passphrase the new key file is encrypted with (an empty one is refused)', 'INPUT_REQUIRED');
    return {
        command: 'generate-key',
        role,
        destination: keyFile
            ? { kind: 'file', path: keyFile, ...(publicKeyFile ? { publicKeyFile } : {}) }
            : { kind: 'pkcs11', uri: newKey, ...(publicKeyFile ? { publicKeyFile } : {}) },
        secret: Buffer.from(secret, 'utf8'),
    };
}
/** verify's trust (a policy file, or the inputs as one rule for all) and its manifests. */
function readVerify(read, common) {
    const policyFile = read('policy');
    let trust;
    if (policyFile) {
        for (const input of ['trusted-root-keys', 'required-signers'])
            if (read(input))
                throw new errors/* InputError */.dz(input, `cannot be given with policy: the policy file sets each repository's ${input}`, 'INPUT_CONFLICT');
        trust = { policyFile };
    }
    else {
        const requiredSigners = (0,trust_values/* parseSignerNames */.cs)(read('required-signers'));
        trust = { policy: { rules: [{ match: '**', trustedRootKeyIds: common.pinnedRootKeyIds, requiredSigners }] } };
    }
    const pinManifests = parseBoolean('pin-manifests', read('pin-manifests'), false);
    const manifests = read('manifests');
    if (pinManifests && !manifests.trim())
        throw new errors/* InputError */.dz('pin-manifests', 'needs manifests: the files whose image: values are to be pinned', 'INPUT_REQUIRED');
    return { trust, manifests, pinManifests, registryCheck: parseBoolean('registry-check', read('registry-check'), true) };
}
/** Every input of the command, read and checked; the first bad one fails with a one-line InputError. */
function readSettings(readInput, mask, env) {
    const read = (0,secret_inputs.withSecretFiles)(readInput);
    const command = (read('command') || 'sign');
    if (!COMMANDS.includes(command))
        throw new errors/* InputError */.dz('command', `${(0,redact/* quoted */.T)(command)} is not a command; expected one of ${COMMANDS.join(', ')}`);
    if (command === 'generate-key')
        return readGenerateKey(read, mask);
    // inspect, like docker trust inspect, takes a repository or one tag of it; verify may take its images from manifests alone.
    const common = readCommon(read, mask, env, command === 'sign' || command === 'verify', command === 'verify' && !!read('manifests').trim());
    const key = (input) => readKeySetting(read, mask, input);
    const needKey = (input) => requireKey(key(input), input, `for command ${command}`);
    switch (command) {
        case 'sign':
            return {
                ...common,
                command,
                push: parseBoolean('push', read('push'), true),
                ociLayout: read('oci-layout') || undefined,
                signer: readSigner(read),
                signerKey: requireKey(key('signer-key'), 'signer-key', 'for command sign'),
                snapshotKey: key('snapshot-key'),
            };
        case 'verify':
            return { ...common, command, ...readVerify(read, common) };
        case 'inspect':
            return { ...common, command, ...(read('trust-data-file') ? { trustDataFile: read('trust-data-file') } : {}) };
        case 'init': {
            const serverManaged = parseBoolean('server-managed', read('server-managed'), true);
            return {
                ...common,
                command,
                rootKey: needKey('root-key'),
                repositoryKey: needKey('repository-key'),
                snapshotKey: serverManaged
                    ? undefined
                    : requireKey(key('snapshot-key'), 'snapshot-key', 'when server-managed is false (the snapshot key is then yours)'),
            };
        }
        case 'add-signer': {
            const signer = readSigner(read);
            if (signer === 'releases')
                throw new errors/* InputError */.dz('signer', '"releases" is reserved; name the signer (e.g. ci or alice), it is added to targets/releases too');
            const signerPublicKey = readPublicKeySetting(read, mask, 'signer-key-passphrase');
            if (!signerPublicKey)
                throw new errors/* InputError */.dz('signer-public-key', 'is required for command add-signer; expected a PEM public key or certificate', 'INPUT_REQUIRED');
            return { ...common, command, signer, signerPublicKey, repositoryKey: needKey('repository-key'), snapshotKey: key('snapshot-key') };
        }
        case 'remove-signer':
            return { ...common, command, signer: readSigner(read), repositoryKey: needKey('repository-key'), snapshotKey: key('snapshot-key') };
        case 'rotate-key':
            return { ...common, command, rotation: readRotation(read, mask), snapshotKey: key('snapshot-key') };
        case 'renew': {
            const keys = {
                rootKey: key('root-key'),
                repositoryKey: key('repository-key'),
                signerKey: key('signer-key'),
                snapshotKey: key('snapshot-key'),
            };
            if (!Object.values(keys).some(Boolean))
                throw new errors/* InputError */.dz('signer-key', 'command renew needs at least one key to re-sign with: signer-key (its delegations), repository-key (targets), root-key (root) or snapshot-key', 'INPUT_REQUIRED');
            return { ...common, command, ...keys };
        }
    }
}


/***/ }),

/***/ 44688:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KEY_INPUTS: () => (/* binding */ KEY_INPUTS),
/* harmony export */   SECRET_INPUTS: () => (/* binding */ SECRET_INPUTS),
/* harmony export */   withSecretFiles: () => (/* binding */ withSecretFiles)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _input_files_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(43044);


/**
 * The inputs that carry secrets (action-interface.md, "Secrets outside a runner"). Each also has
 * an `<input>-file` twin, so that no secret need ever be on a command line, where `ps` shows it.
 */
const KEY_INPUTS = ['signer-key', 'root-key', 'repository-key', 'new-key', 'snapshot-key'];
const SECRET_INPUTS = [...KEY_INPUTS, ...KEY_INPUTS.map((k) => `${k}-passphrase`), 'registry-password'];
/** Secrets larger than this are not secrets we know (a key file is a few hundred bytes). */
const MAX_SECRET_FILE_BYTES = 1 << 20;
function readSecretFile(input, path) {
    const text = (0,_input_files_js__WEBPACK_IMPORTED_MODULE_1__/* .readInputFile */ .j)(`${input}-file`, path, `the file that holds ${input}`, MAX_SECRET_FILE_BYTES);
    // One trailing newline is what `echo` and editors add; anything else is part of the secret.
    return text.replace(/\r?\n$/, '');
}
/**
 * A reader in which every secret input may come from its `-file` twin instead. Giving both is an
 * error: which one would win is a guess a user should not have to make.
 */
function withSecretFiles(read) {
    return (name) => {
        if (!SECRET_INPUTS.includes(name))
            return read(name);
        const value = read(name);
        const file = read(`${name}-file`);
        if (!file)
            return value;
        if (value)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(`${name}-file`, `give ${name} or ${name}-file, not both`, 'INPUT_CONFLICT');
        return readSecretFile(name, file);
    };
}


/***/ }),

/***/ 99359:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ep: () => (/* binding */ parseServerUrl),
/* harmony export */   cs: () => (/* binding */ parseSignerNames),
/* harmony export */   fo: () => (/* binding */ parseTrustedRootKeys),
/* harmony export */   hX: () => (/* binding */ SIGNER_NAME),
/* harmony export */   p_: () => (/* binding */ list)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _tuf_keys_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(95591);
/* harmony import */ var _util_redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(50767);



/** Values that inputs and the trust policy file both take, parsed the same way in both. */
/** An input's items: one per line or comma-separated. */
function list(value) {
    return value
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean);
}
/**
 * Signer names as docker allows them (docker/cli: cli/command/trust/signer_add.go validSignerName),
 * short enough that `targets/<name>` is a role name notary stores (under 256 bytes: notary:
 * tuf/data/roles.go IsDelegation).
 */
const SIGNER_NAME = /^[a-z0-9][a-z0-9_-]{0,246}$/;
/** `required-signers`: signer names, one per line or comma-separated. */
function parseSignerNames(value, input = 'required-signers') {
    return list(value).map((name) => {
        if (!SIGNER_NAME.test(name))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .T)(name)} is not a signer name; expected names such as releases or alice`);
        return name;
    });
}
function parseServerUrl(value, input = 'notary-server') {
    if (!value)
        return undefined;
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .T)(value)} is not a URL; expected https://host[:port]`);
    }
    if (url.username || url.password)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .T)(value)} carries credentials; give them as registry-username and registry-password`);
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .T)(value)} must use https:// (or http:// for a test server)`);
    if (url.search || url.hash || (url.pathname !== '/' && url.pathname !== ''))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .T)(value)} must be a bare server URL, https://host[:port]`);
    return `${url.protocol}//${url.host}`;
}
const KEY_ID = /^[a-f0-9]{64}$/;
const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
/** Root key IDs (hex) or root certificates (PEM); a certificate pins both of its IDs. */
function parseTrustedRootKeys(value, input = 'trusted-root-keys') {
    const pins = new Set();
    for (const pem of value.match(PEM_CERTIFICATE) ?? []) {
        try {
            const key = (0,_tuf_keys_js__WEBPACK_IMPORTED_MODULE_1__/* .publicKeyFromPem */ .X)(pem);
            pins.add(key.id).add(key.canonicalId);
        }
        catch (error) {
            if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN))
                throw error;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, 'a certificate does not parse; expected PEM root certificates or 64-hex root key IDs');
        }
    }
    for (const item of list(value.replace(PEM_CERTIFICATE, ''))) {
        const id = item.toLowerCase();
        if (!KEY_ID.test(id))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .T)(item)} is not a key ID; expected 64 hex characters or a PEM root certificate`);
        pins.add(id);
    }
    return pins;
}


/***/ }),

/***/ 83916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AE: () => (/* binding */ isDctError),
/* harmony export */   Bi: () => (/* binding */ DockerError),
/* harmony export */   Gd: () => (/* binding */ InternalError),
/* harmony export */   L_: () => (/* binding */ SettingError),
/* harmony export */   Sh: () => (/* binding */ ManifestError),
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   Ug: () => (/* binding */ EncodingError),
/* harmony export */   Wl: () => (/* binding */ NotaryError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   eN: () => (/* binding */ KeyError),
/* harmony export */   gl: () => (/* binding */ RegistryError),
/* harmony export */   j$: () => (/* binding */ HttpError),
/* harmony export */   mk: () => (/* binding */ VerificationError),
/* harmony export */   pn: () => (/* binding */ PolicyError),
/* harmony export */   qq: () => (/* binding */ StateError),
/* harmony export */   sY: () => (/* binding */ DctError)
/* harmony export */ });
/**
 * Every error dct-sign throws: one base class and one `code` union per area, in the style of
 * sigstore-js (packages/verify/src/error.ts). Callers branch on `code`, never on message text.
 * Messages say what failed and what was expected, and never carry key material or credentials.
 */
/** Base of every error dct-sign throws. */
class DctError extends Error {
    code;
    option;
    host;
    constructor(code, message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.code = code;
        if (options.option)
            this.option = options.option;
        if (options.host)
            this.host = options.host;
        this.name = new.target.name;
    }
}
/** Narrows to DctError with its code union (a plain `instanceof` check loses the type argument). */
function isDctError(error) {
    return error instanceof DctError;
}
/** A bad action input: `input` is the input's name, known only to the action layer. */
class InputError extends DctError {
    input;
    constructor(input, message, code = 'INPUT_INVALID') {
        super(code, message);
        this.input = input;
    }
}
class KeyError extends DctError {
}
class HttpError extends DctError {
    url;
    details;
    constructor(code, message, url, details = {}) {
        super(code, message);
        this.url = url;
        this.details = details;
    }
    get retryable() {
        return this.details.retryable ?? false;
    }
}
class RegistryError extends DctError {
}
class NotaryError extends DctError {
    details;
    constructor(code, message, details = { server: '' }, options = {}) {
        super(code, message, options);
        this.details = details;
    }
}
/** Trust data that does not verify: never retried, never worked around. */
class VerificationError extends DctError {
}
class PolicyError extends DctError {
}
class ManifestError extends DctError {
}
class DockerError extends DctError {
}
class StateError extends DctError {
}
class EncodingError extends DctError {
}
class InternalError extends DctError {
    constructor(message) {
        super('INTERNAL', `internal error: ${message}`);
    }
}
/** The message without line breaks: a job log shows one line per error. */
function oneLine(text) {
    return text.replace(/\s*\n\s*/g, ' ').trim();
}
/** A bad environment setting (`HTTPS_PROXY`, `VAULT_ADDR`...): `variable` is its name; its value is never echoed. */
class SettingError extends DctError {
    variable;
    constructor(variable, message) {
        super('SETTING_INVALID', `${variable}: ${message}`);
        this.variable = variable;
    }
}


/***/ }),

/***/ 71270:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   YR: () => (/* binding */ openPemKey),
/* harmony export */   uB: () => (/* binding */ checkP256)
/* harmony export */ });
/* unused harmony exports readPrivateKeyPem, KeyObjectSigner */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _tuf_keys_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(95591);
/* harmony import */ var _tuf_x509_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(64103);




const PEM_TYPES = {
    'ENCRYPTED PRIVATE KEY': 'pkcs8',
    'PRIVATE KEY': 'pkcs8',
    'EC PRIVATE KEY': 'sec1',
};
/**
 * The key of a PEM text. `passphrase` is a Buffer so the caller can zero it; the DER copied out of
 * the PEM is zeroed here once OpenSSL holds the key (Node cannot zero the strings it came from).
 */
function readPrivateKeyPem(pem, passphrase) {
    const blocks = (0,_tuf_x509_js__WEBPACK_IMPORTED_MODULE_3__/* .parsePemBlocks */ .Sq)(pem).filter((b) => b.type.endsWith('PRIVATE KEY'));
    const block = blocks[0];
    if (!block)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KeyError */ .eN('KEY_INVALID', 'no PEM private key block found');
    const der = Buffer.from(block.der);
    block.der.fill(0);
    try {
        const type = PEM_TYPES[block.type];
        if (!type)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KeyError */ .eN('KEY_INVALID', `unsupported private key type "${block.type}": an ECDSA P-256 key is required`);
        if (block.headers['proc-type'])
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KeyError */ .eN('KEY_INVALID', 'legacy RFC 1423 encrypted EC keys are not supported; re-export as PKCS#8');
        const encrypted = block.type === 'ENCRYPTED PRIVATE KEY';
        if (encrypted && !passphrase?.length)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KeyError */ .eN('KEY_PASSPHRASE_REQUIRED', 'the key is encrypted and no passphrase was given');
        let key;
        try {
            key = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPrivateKey)({ key: der, format: 'der', type, ...(encrypted ? { passphrase } : {}) });
        }
        catch (error) {
            // A wrong passphrase yields bad padding or, rarely, garbage DER: either way it did not decrypt.
            if (encrypted)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KeyError */ .eN('KEY_WRONG_PASSPHRASE', 'wrong passphrase (the key did not decrypt)', { cause: error });
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KeyError */ .eN('KEY_INVALID', `malformed ${block.type}`, { cause: error });
        }
        checkP256(key);
        return { key, headers: block.headers };
    }
    finally {
        der.fill(0);
    }
}
/** An ECDSA P-256 key: the only kind docker and notary generate for signing roles, and the only kind that signs here. */
function checkP256(key) {
    const type = key.asymmetricKeyType;
    if (type !== 'ec') {
        const kind = type === 'rsa' ? 'RSA' : type === 'ed25519' ? 'Ed25519' : String(type);
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KeyError */ .eN('KEY_INVALID', `unsupported key type ${kind}: an ECDSA P-256 key is required`);
    }
    if (key.asymmetricKeyDetails?.namedCurve !== 'prime256v1')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KeyError */ .eN('KEY_INVALID', 'unsupported EC curve: an ECDSA P-256 key is required');
}
/** A P-256 key held by OpenSSL as a KeyObject (from a secret or a file); it never leaves it. */
class KeyObjectSigner {
    description;
    publicKey;
    key;
    constructor(key, description) {
        this.description = description;
        checkP256(key);
        this.key = key;
        this.publicKey = _tuf_keys_js__WEBPACK_IMPORTED_MODULE_2__/* .PublicKey */ .J3.fromKeyObject((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)(key));
    }
    /** ECDSA over SHA-256(data); `ieee-p1363` is the raw r||s notary writes. */
    sign(data) {
        if (!this.key)
            return Promise.reject(new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KeyError */ .eN('KEY_SIGN_FAILED', `${this.description} is closed`));
        return Promise.resolve(new Uint8Array((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.sign)('sha256', data, { key: this.key, dsaEncoding: 'ieee-p1363' })));
    }
    close() {
        this.key = undefined;
        return Promise.resolve();
    }
}
/** The signer of a PEM key text; `role` from its header names it in messages. */
function openPemKey(pem, passphrase) {
    const { key, headers } = readPrivateKeyPem(pem, passphrase);
    return new KeyObjectSigner(key, `private key${headers.role ? ` (role: ${headers.role})` : ''}`);
}


/***/ }),

/***/ 69490:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  GX: () => (/* binding */ KEY_NAME),
  cG: () => (/* binding */ checkKeyRole),
  pL: () => (/* binding */ generateKeyFile),
  FQ: () => (/* binding */ generatedKey)
});

// UNUSED EXPORTS: encryptPrivateKeyPem, publicKeyPem

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/tuf/keys.ts
var keys = __webpack_require__(95591);
// EXTERNAL MODULE: ./src/tuf/x509.ts
var x509 = __webpack_require__(64103);
// EXTERNAL MODULE: ./src/keys/file-key.ts
var file_key = __webpack_require__(71270);
// EXTERNAL MODULE: ./src/util/der.ts
var util_der = __webpack_require__(75255);
;// CONCATENATED MODULE: ./src/keys/pkcs8.ts




/**
 * notary's encrypted PKCS#8, byte for byte as it writes it (notary: tuf/utils/pkcs8.go
 * convertTUFKeyToPKCS8Encrypted, convertTUFKeyToPKCS8; docker/cli v28 vendors the same file).
 * Written by hand because Node cannot: KeyObject.export({ type: 'pkcs8', cipher }) derives the key
 * with PBKDF2-HMAC-SHA256 and writes PrivateKeyInfo version 0, while notary's reader always
 * derives with HMAC-SHA1 whatever the prf field says, so `notary key passwd` refuses Node's file.
 *
 *   EncryptedPrivateKeyInfo ::= SEQUENCE {
 *     SEQUENCE { pbes2, SEQUENCE {
 *       SEQUENCE { pbkdf2, SEQUENCE { salt OCTET STRING (8), iterationCount 2048 } },  -- no keyLength, no prf
 *       SEQUENCE { aes256-CBC, iv OCTET STRING (16) } } },
 *     encryptedData OCTET STRING }                                  -- PKCS#7 padding
 *   PrivateKeyInfo ::= SEQUENCE { version 1, SEQUENCE { ecPublicKey, prime256v1 }, privateKey OCTET STRING }
 */
const PBKDF2_ITERATIONS = 2048;
const SALT_BYTES = 8;
const IV_BYTES = 16;
const KEY_BYTES = 32;
/** "openssl set to v1 even publicKey is present", so notary writes 1 for EC keys (notary: tuf/utils/pkcs8.go). */
const EC_PRIVATE_KEY_INFO_VERSION = 1;
/** DER of the OIDs (the dotted form is what the tests decode them to). */
const OID_DER = {
    /** 1.2.840.113549.1.5.13 */
    pbes2: Buffer.from('06092a864886f70d01050d', 'hex'),
    /** 1.2.840.113549.1.5.12 */
    pbkdf2: Buffer.from('06092a864886f70d01050c', 'hex'),
    /** 2.16.840.1.101.3.4.1.42 */
    aes256Cbc: Buffer.from('060960864801650304012a', 'hex'),
    /** 1.2.840.10045.2.1 */
    ecPublicKey: Buffer.from('06072a8648ce3d0201', 'hex'),
    /** 1.2.840.10045.3.1.7 */
    prime256v1: Buffer.from('06082a8648ce3d030107', 'hex'),
};
/**
 * A DER writer for the structures that hold the private key. The shared writer (encodeTlv) joins
 * through Buffer.concat, whose small results live in Node's shared pool, where nothing can zero
 * them; here every buffer comes from Buffer.alloc and is remembered, so wipe() zeroes them all.
 */
class SecretDer {
    buffers = [];
    tlv(tag, ...contents) {
        const length = contents.reduce((sum, c) => sum + c.length, 0);
        const header = derHeader(tag, length);
        const out = this.alloc(header.length + length);
        out.set(header, 0);
        let offset = header.length;
        for (const content of contents) {
            out.set(content, offset);
            offset += content.length;
        }
        return out;
    }
    alloc(size) {
        const buffer = Buffer.alloc(size);
        this.buffers.push(buffer);
        return buffer;
    }
    wipe() {
        for (const buffer of this.buffers)
            buffer.fill(0);
    }
}
/** Tag and definite length (DER), for contents written elsewhere; lengths are not secret. */
function derHeader(tag, length) {
    if (length < 0x80)
        return Uint8Array.of(tag, length);
    const bytes = [];
    for (let n = length; n > 0; n = Math.floor(n / 256))
        bytes.unshift(n & 0xff);
    return Uint8Array.of(tag, 0x80 | bytes.length, ...bytes);
}
const smallInteger = (n) => (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.INTEGER, Uint8Array.of(n));
/** 2048 as Go's asn1 writes an int: minimal big-endian two's complement (02 02 08 00). */
function integer(n) {
    const bytes = [];
    for (let v = n; v > 0; v = Math.floor(v / 256))
        bytes.unshift(v & 0xff);
    if (bytes.length === 0 || bytes[0] & 0x80)
        bytes.unshift(0);
    return (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.INTEGER, Uint8Array.from(bytes));
}
/**
 * The private scalar d, 32 bytes, from the SEC1 DER Node exports (a view into `sec1`, which the
 * caller zeroes). OpenSSL pads d to the order's size, as Go's MarshalECPrivateKey does; a shorter
 * one is left-padded into a buffer of `der`, so it is wiped with the rest.
 */
function privateScalar(sec1, der) {
    let fields;
    try {
        fields = (0,util_der/* children */.Y_)((0,util_der/* expectTag */.yi)((0,util_der/* readTlv */.pw)(sec1).tlv, util_der/* TAG */.Dk.SEQUENCE, 'ECPrivateKey').value);
    }
    catch (error) {
        throw new errors/* KeyError */.eN('KEY_INVALID', 'OpenSSL exported an EC private key that does not parse', { cause: error });
    }
    const d = fields[1];
    if (!d || d.tag !== util_der/* TAG */.Dk.OCTET_STRING || d.value.length === 0 || d.value.length > KEY_BYTES)
        throw new errors/* KeyError */.eN('KEY_INVALID', 'OpenSSL exported an EC private key without a P-256 scalar');
    if (d.value.length === KEY_BYTES)
        return d.value;
    const padded = der.alloc(KEY_BYTES);
    padded.set(d.value, KEY_BYTES - d.value.length);
    return padded;
}
/**
 * notary's PrivateKeyInfo for an ECDSA key: version 1, [ecPublicKey, prime256v1], and the SEC1
 * ECPrivateKey as Go's x509.MarshalECPrivateKey writes it: version 1, d in 32 bytes, [0] the curve,
 * [1] the uncompressed public point.
 */
function privateKeyInfo(d, point, der) {
    const ecPrivateKey = der.tlv(util_der/* TAG */.Dk.SEQUENCE, smallInteger(1), der.tlv(util_der/* TAG */.Dk.OCTET_STRING, d), (0,util_der/* encodeTlv */.H)(0xa0, OID_DER.prime256v1), (0,util_der/* encodeTlv */.H)(0xa1, (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.BIT_STRING, Uint8Array.of(0), point)));
    const algorithm = (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.SEQUENCE, OID_DER.ecPublicKey, OID_DER.prime256v1);
    return der.tlv(util_der/* TAG */.Dk.SEQUENCE, smallInteger(EC_PRIVATE_KEY_INFO_VERSION), algorithm, der.tlv(util_der/* TAG */.Dk.OCTET_STRING, ecPrivateKey));
}
function pbes2Algorithm(salt, iv) {
    const kdf = (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.SEQUENCE, OID_DER.pbkdf2, (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.SEQUENCE, (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.OCTET_STRING, salt), integer(PBKDF2_ITERATIONS)));
    const cipher = (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.SEQUENCE, OID_DER.aes256Cbc, (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.OCTET_STRING, iv));
    return (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.SEQUENCE, OID_DER.pbes2, (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.SEQUENCE, kdf, cipher));
}
/** AES-256-CBC under PBKDF2-HMAC-SHA1(passphrase, salt, 2048); Node's default padding is PKCS#7, as notary pads. */
function encrypt(plaintext, passphrase, salt, iv) {
    const key = (0,external_node_crypto_.pbkdf2Sync)(passphrase, salt, PBKDF2_ITERATIONS, KEY_BYTES, 'sha1');
    try {
        const cipher = (0,external_node_crypto_.createCipheriv)('aes-256-cbc', key, iv);
        return Buffer.concat([cipher.update(plaintext), cipher.final()]);
    }
    finally {
        key.fill(0);
    }
}
/** The uncompressed public point (04||x||y): the tail of the 91-byte P-256 SubjectPublicKeyInfo. */
function publicPoint(key) {
    return new Uint8Array((0,external_node_crypto_.createPublicKey)(key).export({ type: 'spki', format: 'der' }).subarray(-65));
}
/**
 * The EncryptedPrivateKeyInfo DER of a P-256 key, as notary writes it. Every buffer that held the
 * plaintext key or the derived key is zeroed before this returns; the passphrase is read in place,
 * never copied (the caller owns it and zeroes it).
 */
function encryptEcPrivateKey(key, passphrase) {
    (0,file_key/* checkP256 */.uB)(key);
    if (key.type !== 'private')
        throw new errors/* KeyError */.eN('KEY_INVALID', 'only private keys are written to key files');
    if (passphrase.length === 0)
        throw new errors/* KeyError */.eN('KEY_PASSPHRASE_REQUIRED', 'a passphrase is required to encrypt the new key');
    const sec1 = key.export({ type: 'sec1', format: 'der' });
    const der = new SecretDer();
    try {
        const plaintext = privateKeyInfo(privateScalar(sec1, der), publicPoint(key), der);
        const salt = (0,external_node_crypto_.randomBytes)(SALT_BYTES);
        const iv = (0,external_node_crypto_.randomBytes)(IV_BYTES);
        const ciphertext = encrypt(plaintext, passphrase, salt, iv);
        return (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.SEQUENCE, pbes2Algorithm(salt, iv), (0,util_der/* encodeTlv */.H)(util_der/* TAG */.Dk.OCTET_STRING, ciphertext));
    }
    finally {
        sec1.fill(0);
        der.wipe();
    }
}

;// CONCATENATED MODULE: ./src/keys/generate.ts






/** docker's validKeyName (docker/cli: cli/command/trust/key_generate.go); root, targets and snapshot match it too. */
const KEY_NAME = /^[a-z0-9][a-z0-9_-]*$/;
/** The role a key is generated for: `root`, `targets`, `snapshot` or a signer name, as docker allows. */
function checkKeyRole(role) {
    if (!KEY_NAME.test(role)) {
        throw new errors/* KeyError */.eN('KEY_INVALID', `key role "${role}" is not valid: use root, targets, snapshot or a signer name of lowercase letters, digits, "_" and "-", starting with a letter or digit`);
    }
}
/** The public key file docker writes next to a generated key (docker/cli: key_generate.go generateKeyAndOutputPubPEM). */
function publicKeyPem(publicKey, role) {
    return (0,x509/* encodePem */.TS)('PUBLIC KEY', publicKey.publicBytes, { role });
}
function generatedKey(publicKey, role) {
    return { keyId: publicKey.id, publicKey, publicPem: publicKeyPem(publicKey, role) };
}
/**
 * The PEM text notary stores for `key`: encrypted PKCS#8 (see pkcs8.ts) under `role: <role>`,
 * laid out as Go's pem.Encode writes it. No `gun` header: docker's key generate sets none.
 */
function encryptPrivateKeyPem(key, role, passphrase) {
    checkKeyRole(role);
    return (0,x509/* encodePem */.TS)('ENCRYPTED PRIVATE KEY', encryptEcPrivateKey(key, passphrase), { role });
}
/**
 * A new P-256 key, encrypted with `passphrase` into a new file at `path` (mode 0600). The file is
 * created exclusively: an existing one is never replaced, whatever it holds.
 */
function generateKeyFile(options) {
    const { path, role, passphrase } = options;
    checkKeyRole(role);
    if (passphrase.length === 0)
        throw new errors/* KeyError */.eN('KEY_PASSPHRASE_REQUIRED', `a passphrase is required to encrypt the new key ${path}`);
    const { privateKey } = (0,external_node_crypto_.generateKeyPairSync)('ec', { namedCurve: 'prime256v1' });
    const pem = encryptPrivateKeyPem(privateKey, role, passphrase);
    writeNewFile(path, pem);
    return generatedKey(keys/* PublicKey */.J3.fromKeyObject((0,external_node_crypto_.createPublicKey)(privateKey)), role);
}
/** Exclusive create ('wx'), then 0600 exactly (the umask may have taken bits away); a half-written file is removed. */
function writeNewFile(path, text) {
    let fd;
    try {
        fd = (0,external_node_fs_.openSync)(path, 'wx', 0o600);
    }
    catch (error) {
        if (error.code === 'EEXIST')
            throw new errors/* KeyError */.eN('KEY_EXISTS', `${path} already exists; a key file is never overwritten`);
        throw writeFailed('create', path, error);
    }
    try {
        (0,external_node_fs_.fchmodSync)(fd, 0o600);
        (0,external_node_fs_.writeFileSync)(fd, text);
    }
    catch (error) {
        closeQuietly(fd);
        removeQuietly(path);
        throw writeFailed('write', path, error);
    }
    try {
        (0,external_node_fs_.closeSync)(fd);
    }
    catch (error) {
        removeQuietly(path);
        throw writeFailed('write', path, error);
    }
}
const WHY = {
    ENOENT: 'its directory does not exist',
    ENOTDIR: 'a parent is not a directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EISDIR: 'it is a directory',
};
/** The system's error code, never its message text (which could echo more than the path). */
function writeFailed(step, path, error) {
    const code = error.code ?? 'unknown error';
    return new errors/* KeyError */.eN('KEY_WRITE_FAILED', `cannot ${step} the key file ${path}: ${WHY[code] ?? code}`, { cause: error });
}
function closeQuietly(fd) {
    try {
        (0,external_node_fs_.closeSync)(fd);
    }
    catch {
        // the write already failed; that is the error to report
    }
}
function removeQuietly(path) {
    try {
        (0,external_node_fs_.unlinkSync)(path);
    }
    catch {
        // nothing more can be done; the error names the file
    }
}


/***/ }),

/***/ 80134:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EZ: () => (/* binding */ keyStoreOf),
/* harmony export */   Hs: () => (/* binding */ openSigner)
/* harmony export */ });
/* unused harmony export KEY_STORE_SCHEMES */
/* harmony import */ var _file_key_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(71270);

/** The URI schemes of the key stores, as the action layer recognises them. */
const KEY_STORE_SCHEMES = [
    { prefix: 'awskms://', kind: 'awskms' },
    { prefix: 'azurekms://', kind: 'azurekv' },
    { prefix: 'azurekv://', kind: 'azurekv' },
    { prefix: 'gcpkms://', kind: 'gcpkms' },
    { prefix: 'hashivault://', kind: 'hashivault' },
    { prefix: 'pkcs11:', kind: 'pkcs11' },
];
/** The store a key URI names, or undefined for anything else (key text, a file path). */
function keyStoreOf(text) {
    return KEY_STORE_SCHEMES.find((scheme) => text.startsWith(scheme.prefix))?.kind;
}
/** The one way to a Signer, whatever backend the key needs (a switch over the source kinds, sigstore-js style). */
async function openSigner(source, options = {}) {
    const network = {
        requestTimeoutMs: options.requestTimeoutMs,
        signal: options.signal,
        proxy: options.proxy ?? { noProxy: [] },
    };
    // Each store's SDK is loaded only when a key of its kind is used: they are large, and most runs need none.
    switch (source.kind) {
        case 'pem':
            return (0,_file_key_js__WEBPACK_IMPORTED_MODULE_0__/* .openPemKey */ .YR)(source.pem, options.secret);
        case 'awskms': {
            const { AwsKmsSigner } = await Promise.all(/* import() */[__webpack_require__.e(215), __webpack_require__.e(40), __webpack_require__.e(632), __webpack_require__.e(297)]).then(__webpack_require__.bind(__webpack_require__, 36297));
            return AwsKmsSigner.open(source.uri, network);
        }
        case 'azurekv': {
            const { AzureKeyVaultSigner } = await Promise.all(/* import() */[__webpack_require__.e(215), __webpack_require__.e(40), __webpack_require__.e(324), __webpack_require__.e(627), __webpack_require__.e(276)]).then(__webpack_require__.bind(__webpack_require__, 32276));
            return AzureKeyVaultSigner.open(source.uri, network);
        }
        case 'gcpkms': {
            const { GcpKmsSigner } = await Promise.all(/* import() */[__webpack_require__.e(215), __webpack_require__.e(40), __webpack_require__.e(324), __webpack_require__.e(593), __webpack_require__.e(250)]).then(__webpack_require__.bind(__webpack_require__, 98250));
            return GcpKmsSigner.open(source.uri, network);
        }
        case 'hashivault': {
            const { VaultTransitSigner } = await Promise.all(/* import() */[__webpack_require__.e(215), __webpack_require__.e(40), __webpack_require__.e(688), __webpack_require__.e(590)]).then(__webpack_require__.bind(__webpack_require__, 47590));
            return VaultTransitSigner.open(source.uri, { ...network, vault: options.vault ?? { mountPath: 'transit' } });
        }
        case 'pkcs11': {
            // The native addon is needed for nothing else.
            const { Pkcs11Signer } = await Promise.all(/* import() */[__webpack_require__.e(215), __webpack_require__.e(107)]).then(__webpack_require__.bind(__webpack_require__, 27107));
            return Pkcs11Signer.open(source.uri, {
                pin: options.secret?.toString('utf8') ?? '',
                notice: options.notice,
                ...options.pkcs11,
            });
        }
    }
}


/***/ }),

/***/ 79310:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B2: () => (/* binding */ parseImageList),
/* harmony export */   Mb: () => (/* binding */ registryApiHost),
/* harmony export */   Xb: () => (/* reexport safe */ _util_hosts_js__WEBPACK_IMPORTED_MODULE_1__.Xb),
/* harmony export */   o_: () => (/* binding */ parseImageReference),
/* harmony export */   qu: () => (/* binding */ gunOf)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _util_hosts_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(82075);
/* harmony import */ var _util_redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(50767);




const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const DOMAIN = /^(?:localhost|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::\d{1,5})?$/;
function gunOf(ref) {
    return `${ref.registry}/${ref.repository}`;
}
/** The host the registry API answers on (Docker Hub's API is not at docker.io). */
function registryApiHost(registry) {
    return registry === _util_hosts_js__WEBPACK_IMPORTED_MODULE_1__/* .DOCKER_HUB */ .Xb ? 'registry-1.docker.io' : registry;
}
function referenceError(message) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryError */ .gl('REFERENCE_INVALID', message, { option: 'images' });
}
/** `tagRequired: false` for commands that act on the repository (init, signers, rotation): the tag is ignored. */
function parseImageReference(value, tagRequired = true) {
    const fail = (why) => {
        throw referenceError(`${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .T)(value)} is not a valid image reference: ${why}; expected [registry[:port]/]repository:tag`);
    };
    let rest = value.trim();
    let digest;
    const at = rest.indexOf('@');
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        if (!DIGEST.test(digest))
            fail('the digest must be sha256:<64 hex>');
    }
    const lastSlash = rest.lastIndexOf('/');
    const colon = rest.lastIndexOf(':');
    let tag = '';
    if (colon > lastSlash) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
    }
    if (!tag && tagRequired)
        fail('a tag is required (the tag is what gets signed)');
    if (tag && !TAG.test(tag))
        fail(`${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .T)(tag)} is not a valid tag`);
    const slash = rest.indexOf('/');
    let registry = _util_hosts_js__WEBPACK_IMPORTED_MODULE_1__/* .DOCKER_HUB */ .Xb;
    let repository = rest;
    const first = slash >= 0 ? rest.slice(0, slash) : '';
    if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('['))) {
        if (!DOMAIN.test(first))
            fail(`${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .quoted */ .T)(first)} is not a valid registry host`);
        registry = first === 'index.docker.io' ? _util_hosts_js__WEBPACK_IMPORTED_MODULE_1__/* .DOCKER_HUB */ .Xb : first;
        repository = rest.slice(slash + 1);
    }
    if (registry === _util_hosts_js__WEBPACK_IMPORTED_MODULE_1__/* .DOCKER_HUB */ .Xb && !repository.includes('/'))
        repository = `library/${repository}`;
    if (!repository || !repository.split('/').every((c) => PATH_COMPONENT.test(c))) {
        fail('the repository must be lowercase letters, digits and separators');
    }
    if (Buffer.byteLength(`${registry}/${repository}`) > 255)
        fail('the name is longer than 255 characters');
    return { original: value.trim(), registry, repository, tag, ...(digest ? { digest } : {}) };
}
/** `images` input: one per line or comma-separated. */
function parseImageList(text, tagRequired = true) {
    const items = text
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean);
    if (items.length === 0)
        throw referenceError('no image given; expected one or more [registry[:port]/]repository:tag, one per line or comma-separated');
    return items.map((item) => parseImageReference(item, tagRequired));
}


/***/ }),

/***/ 1568:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ml: () => (/* binding */ canonicalString),
/* harmony export */   Mr: () => (/* binding */ canonicalBytes),
/* harmony export */   lK: () => (/* binding */ htmlEscapeJson)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);

const utf8 = new TextEncoder();
function compareUtf8(a, b) {
    return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
function encodeString(value) {
    return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
function encode(value, out) {
    if (value === null) {
        out.push('null');
    }
    else if (typeof value === 'boolean') {
        out.push(value ? 'true' : 'false');
    }
    else if (typeof value === 'number') {
        if (!Number.isSafeInteger(value)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .EncodingError */ .Ug('JSON_NOT_CANONICAL', `canonical JSON allows integers only, got ${value}`);
        }
        out.push(String(value));
    }
    else if (typeof value === 'string') {
        out.push(encodeString(value));
    }
    else if (Array.isArray(value)) {
        out.push('[');
        value.forEach((item, i) => {
            if (i > 0)
                out.push(',');
            encode(item, out);
        });
        out.push(']');
    }
    else {
        out.push('{');
        Object.keys(value)
            .sort(compareUtf8)
            .forEach((key, i) => {
            if (i > 0)
                out.push(',');
            out.push(encodeString(key), ':');
            encode(value[key], out);
        });
        out.push('}');
    }
}
function canonicalString(value) {
    const out = [];
    encode(value, out);
    return out.join('');
}
function canonicalBytes(value) {
    return utf8.encode(canonicalString(value));
}
/**
 * Go's outer json.Marshal compacts the `signed` RawMessage with HTML escaping (indent.go compact):
 * `<` `>` `&` U+2028 U+2029 become \u escapes in the file. Signatures cover the unescaped bytes.
 */
function htmlEscapeJson(text) {
    return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}


/***/ }),

/***/ 44778:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ey: () => (/* binding */ fromBase64),
/* harmony export */   Hp: () => (/* binding */ utf8Text),
/* harmony export */   dy: () => (/* binding */ utf8Bytes),
/* harmony export */   fg: () => (/* binding */ sha256Hex),
/* harmony export */   nk: () => (/* binding */ toBase64)
/* harmony export */ });
/* harmony import */ var _noble_hashes_sha2_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(65108);
/* harmony import */ var _noble_hashes_utils_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(42565);


/** Notary writes []byte as standard base64 with padding (Go StdEncoding); readers need the padding. */
function toBase64(bytes) {
    return Buffer.from(bytes).toString('base64');
}
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Strict: rejects what Go's StdEncoding rejects (missing padding, URL alphabet, whitespace). */
function fromBase64(text) {
    if (!BASE64.test(text))
        return undefined;
    return new Uint8Array(Buffer.from(text, 'base64'));
}
function sha256Hex(bytes) {
    return (0,_noble_hashes_utils_js__WEBPACK_IMPORTED_MODULE_0__/* .bytesToHex */ .My)((0,_noble_hashes_sha2_js__WEBPACK_IMPORTED_MODULE_1__/* .sha256 */ .sc)(bytes));
}
function utf8Bytes(text) {
    return new TextEncoder().encode(text);
}
function utf8Text(bytes) {
    return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}


/***/ }),

/***/ 78674:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ JsonReader),
/* harmony export */   d: () => (/* binding */ parseJsonObject)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);

class JsonReader {
    source;
    constructor(source) {
        this.source = source;
    }
    fail(path, expected) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .VerificationError */ .mk('METADATA_MALFORMED', `${this.source}: malformed metadata: ${path} must be ${expected}`);
    }
    object(value, path) {
        if (typeof value !== 'object' || value === null || Array.isArray(value))
            this.fail(path, 'an object');
        return value;
    }
    array(value, path) {
        if (!Array.isArray(value))
            this.fail(path, 'an array');
        return value;
    }
    string(value, path) {
        if (typeof value !== 'string')
            this.fail(path, 'a string');
        return value;
    }
    boolean(value, path) {
        if (typeof value !== 'boolean')
            this.fail(path, 'a boolean');
        return value;
    }
    integer(value, path, min = 0) {
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
            this.fail(path, `an integer >= ${min}`);
        }
        return value;
    }
    stringArray(value, path) {
        return this.array(value, path).map((item, i) => this.string(item, `${path}[${i}]`));
    }
}
/** Parses a whole metadata file: bytes must be UTF-8 JSON with an object at the top. */
function parseJsonObject(bytes, source) {
    let value;
    try {
        value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .VerificationError */ .mk('METADATA_MALFORMED', `${source}: malformed metadata: not valid JSON (${error.message})`);
    }
    return new JsonReader(source).object(value, '(top level)');
}


/***/ }),

/***/ 95591:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J3: () => (/* binding */ PublicKey),
/* harmony export */   X: () => (/* binding */ publicKeyFromPem)
/* harmony export */ });
/* unused harmony export ed25519Spki */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _canonical_json_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1568);
/* harmony import */ var _encoding_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(44778);
/* harmony import */ var _x509_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(64103);





const KNOWN_TYPES = ['ecdsa', 'ecdsa-x509', 'ed25519', 'rsa', 'rsa-x509'];
/**
 * A public key as metadata lists it: `{"keytype":T,"keyval":{"private":null,"public":<b64>}}`.
 * `id` is the TUF key ID (sha256 of that canonical JSON). `canonicalId` is the ID of the bare
 * public key, which differs for certificates (x509.go CanonicalKeyID): private keys and
 * `docker trust inspect` use it.
 */
class PublicKey {
    keytype;
    publicBytes;
    cachedId;
    cachedCanonicalId;
    constructor(keytype, publicBytes) {
        this.keytype = keytype;
        this.publicBytes = publicBytes;
    }
    static fromJSON(reader, value, path) {
        const obj = reader.object(value, path);
        const keytype = reader.string(obj.keytype, `${path}.keytype`);
        const keyval = reader.object(obj.keyval, `${path}.keyval`);
        // Public metadata never carries private key material (Go writes "private":null).
        if (keyval.private !== undefined && keyval.private !== null)
            reader.fail(`${path}.keyval.private`, 'null');
        const bytes = (0,_encoding_js__WEBPACK_IMPORTED_MODULE_4__/* .fromBase64 */ .Ey)(reader.string(keyval.public, `${path}.keyval.public`));
        if (!bytes)
            reader.fail(`${path}.keyval.public`, 'padded standard base64');
        return new PublicKey(keytype, bytes);
    }
    /** A bare (non-certificate) public key from SubjectPublicKeyInfo DER. */
    static fromKeyObject(key) {
        switch (key.asymmetricKeyType) {
            case 'ec':
                return new PublicKey('ecdsa', (0,_x509_js__WEBPACK_IMPORTED_MODULE_3__/* .spkiOf */ .Bb)(key));
            case 'rsa':
                return new PublicKey('rsa', (0,_x509_js__WEBPACK_IMPORTED_MODULE_3__/* .spkiOf */ .Bb)(key));
            case 'ed25519':
                return new PublicKey('ed25519', new Uint8Array((0,_x509_js__WEBPACK_IMPORTED_MODULE_3__/* .spkiOf */ .Bb)(key).slice(-32)));
            default:
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KeyError */ .eN('KEY_INVALID', `unsupported public key type ${String(key.asymmetricKeyType)}`);
        }
    }
    /** An `ecdsa` key from an uncompressed P-256 point (04||x||y), as tokens hold it. */
    static fromP256Point(point) {
        return new PublicKey('ecdsa', new Uint8Array(Buffer.concat([P256_SPKI_PREFIX, point])));
    }
    toJSON() {
        return { keytype: this.keytype, keyval: { private: null, public: (0,_encoding_js__WEBPACK_IMPORTED_MODULE_4__/* .toBase64 */ .nk)(this.publicBytes) } };
    }
    get isKnownType() {
        return KNOWN_TYPES.includes(this.keytype);
    }
    get isCertificate() {
        return this.keytype.endsWith('-x509');
    }
    get id() {
        this.cachedId ??= (0,_encoding_js__WEBPACK_IMPORTED_MODULE_4__/* .sha256Hex */ .fg)((0,_canonical_json_js__WEBPACK_IMPORTED_MODULE_2__/* .canonicalBytes */ .Mr)(this.toJSON()));
        return this.cachedId;
    }
    /**
     * For certificates, the leaf certificate (first in the bundle). The bytes come from metadata, so
     * a certificate OpenSSL cannot read is a verification failure of that key, never a crash.
     */
    certificate() {
        if (!this.isCertificate)
            return undefined;
        try {
            return (0,_x509_js__WEBPACK_IMPORTED_MODULE_3__/* .parseCertificates */ .WW)((0,_encoding_js__WEBPACK_IMPORTED_MODULE_4__/* .utf8Text */ .Hp)(this.publicBytes))[0];
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .VerificationError */ .mk('CERTIFICATE_INVALID', `key ${this.id.slice(0, 12)}: its certificate does not parse`, { cause: error });
        }
    }
    /** The key as a Node KeyObject, or undefined for types notary cannot verify with. */
    keyObject() {
        try {
            switch (this.keytype) {
                case 'ecdsa':
                case 'rsa':
                    return (0,_x509_js__WEBPACK_IMPORTED_MODULE_3__/* .publicKeyFromSpki */ .W8)(this.publicBytes);
                case 'ecdsa-x509':
                case 'rsa-x509':
                    return this.certificate()?.publicKey;
                case 'ed25519':
                    return (0,_x509_js__WEBPACK_IMPORTED_MODULE_3__/* .publicKeyFromSpki */ .W8)(ed25519Spki(this.publicBytes));
                default:
                    return undefined;
            }
        }
        catch {
            return undefined;
        }
    }
    /** The ID of the bare public key: equal to `id` for non-certificate keys. */
    get canonicalId() {
        if (this.cachedCanonicalId === undefined) {
            const key = this.isCertificate ? this.keyObject() : undefined;
            this.cachedCanonicalId = key ? PublicKey.fromKeyObject(key).id : this.id;
        }
        return this.cachedCanonicalId;
    }
}
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** SubjectPublicKeyInfo header for an uncompressed P-256 point (ecPublicKey, prime256v1). */
const P256_SPKI_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');
function ed25519Spki(raw) {
    return new Uint8Array(Buffer.concat([ED25519_SPKI_PREFIX, raw]));
}
/**
 * A public key from PEM as docker writes it: `PUBLIC KEY` (with a `role:` header, which OpenSSL
 * refuses, hence our own PEM reader) or `CERTIFICATE` (as an `*-x509` key, PEM re-encoded the way
 * Go's pem.Encode writes it so that the key ID is the one notary computes).
 */
function publicKeyFromPem(text) {
    const blocks = (0,_x509_js__WEBPACK_IMPORTED_MODULE_3__/* .parsePemBlocks */ .Sq)(text);
    const certs = blocks.filter((b) => b.type === 'CERTIFICATE');
    const block = blocks.find((b) => b.type === 'PUBLIC KEY');
    if (certs.length === 0 && !block)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KeyError */ .eN('KEY_INVALID', 'no PEM PUBLIC KEY or CERTIFICATE block found');
    let base;
    try {
        base = PublicKey.fromKeyObject(certs[0] ? new node_crypto__WEBPACK_IMPORTED_MODULE_0__.X509Certificate(Buffer.from(certs[0].der)).publicKey : (0,_x509_js__WEBPACK_IMPORTED_MODULE_3__/* .publicKeyFromSpki */ .W8)(block.der));
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KeyError */ .eN)
            throw error;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KeyError */ .eN('KEY_INVALID', `the PEM ${certs[0] ? 'CERTIFICATE' : 'PUBLIC KEY'} does not parse`, { cause: error });
    }
    if (certs.length === 0)
        return base;
    if (base.keytype === 'ed25519')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .KeyError */ .eN('KEY_INVALID', 'ed25519 certificates are not supported by notary');
    return new PublicKey(`${base.keytype}-x509`, (0,_encoding_js__WEBPACK_IMPORTED_MODULE_4__/* .utf8Bytes */ .dy)(certs.map((c) => (0,_x509_js__WEBPACK_IMPORTED_MODULE_3__/* .encodePem */ .TS)('CERTIFICATE', c.der)).join('')));
}


/***/ }),

/***/ 83518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dc: () => (/* binding */ Timestamp),
/* harmony export */   Fm: () => (/* binding */ Snapshot),
/* harmony export */   Ht: () => (/* binding */ Targets),
/* harmony export */   P6: () => (/* binding */ serializeSignedFile),
/* harmony export */   bL: () => (/* binding */ Root),
/* harmony export */   fu: () => (/* binding */ fileMetaOf),
/* harmony export */   mV: () => (/* binding */ parseSignedFile),
/* harmony export */   mm: () => (/* binding */ isDelegationName)
/* harmony export */ });
/* unused harmony exports BASE_ROLES, parentRole */
/* harmony import */ var _noble_hashes_sha2_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(65108);
/* harmony import */ var _canonical_json_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1568);
/* harmony import */ var _encoding_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(44778);
/* harmony import */ var _guard_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(78674);
/* harmony import */ var _keys_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(95591);
/* harmony import */ var _time_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(99130);






/**
 * Notary v1 metadata (notary: tuf/data/*.go), one class per role, tuf-js style. Notary is not TUF 1.0:
 * `_type` is capitalised, there is no spec_version, signatures carry `method`.
 *
 * Parsing validates structure as notary's isValid*Structure functions do. Writing emits exactly
 * Go's field set (unknown fields are dropped, as Go drops them) because the server re-serializes
 * what we upload and indexes it by the hash of our bytes: they must be a fixed point of Go's
 * parse -> marshal (notary-protocol.md §2.4).
 */
const BASE_ROLES = ['root', 'targets', 'snapshot', 'timestamp'];
const HASH_SIZES = { sha256: 32, sha512: 64 };
/** Delegation names (notary: tuf/data/roles.go IsDelegation). */
const DELEGATION_NAME = /^targets\/[-a-z0-9_/]+$/;
function isDelegationName(name) {
    if (!DELEGATION_NAME.test(name) || Buffer.byteLength(name) >= 256)
        return false;
    // must already be path.Clean'ed: no empty, '.' or '..' segments, no trailing slash
    return name.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}
function parentRole(name) {
    return name.slice(0, name.lastIndexOf('/'));
}
/** Snapshot/timestamp entry for a file: its length, sha256 and sha512 (notary: const.go NotaryDefaultHashes). */
function fileMetaOf(bytes) {
    return { length: bytes.length, hashes: { sha256: (0,_noble_hashes_sha2_js__WEBPACK_IMPORTED_MODULE_4__/* .sha256 */ .sc)(bytes), sha512: (0,_noble_hashes_sha2_js__WEBPACK_IMPORTED_MODULE_4__/* .sha512 */ .Zf)(bytes) } };
}
function parseFileMeta(reader, value, path) {
    const obj = reader.object(value, path);
    const length = reader.integer(obj.length, `${path}.length`);
    const hashesObj = reader.object(obj.hashes, `${path}.hashes`);
    const hashes = {};
    for (const [alg, b64] of Object.entries(hashesObj)) {
        const bytes = (0,_encoding_js__WEBPACK_IMPORTED_MODULE_5__/* .fromBase64 */ .Ey)(reader.string(b64, `${path}.hashes.${alg}`));
        if (!bytes)
            reader.fail(`${path}.hashes.${alg}`, 'padded standard base64');
        const size = HASH_SIZES[alg];
        if (size !== undefined && bytes.length !== size)
            reader.fail(`${path}.hashes.${alg}`, `a ${size}-byte digest`);
        hashes[alg] = bytes;
    }
    if (Object.keys(hashes).length === 0)
        reader.fail(`${path}.hashes`, 'a non-empty object');
    const meta = { length, hashes };
    if (obj.custom !== undefined && obj.custom !== null)
        meta.custom = obj.custom;
    return meta;
}
function fileMetaJSON(meta) {
    const hashes = {};
    for (const [alg, bytes] of Object.entries(meta.hashes))
        hashes[alg] = (0,_encoding_js__WEBPACK_IMPORTED_MODULE_5__/* .toBase64 */ .nk)(bytes);
    const out = { hashes, length: meta.length };
    if (meta.custom !== undefined)
        out.custom = meta.custom;
    return out;
}
function parseCommon(reader, obj, type) {
    const actual = reader.string(obj._type, '_type');
    if (actual !== type)
        reader.fail('_type', `"${type}" (got "${actual}")`);
    const version = reader.integer(obj.version, 'version', 1);
    const expires = reader.string(obj.expires, 'expires');
    const expiresMs = (0,_time_js__WEBPACK_IMPORTED_MODULE_3__/* .parseRfc3339 */ .TM)(expires);
    if (expiresMs === undefined)
        reader.fail('expires', 'an RFC 3339 time');
    return { version, expires, expiresMs };
}
function parseKeyMap(reader, value, path) {
    const keys = new Map();
    for (const [id, key] of Object.entries(reader.object(value, path))) {
        keys.set(id, _keys_js__WEBPACK_IMPORTED_MODULE_2__/* .PublicKey */ .J3.fromJSON(reader, key, `${path}.${id}`));
    }
    return keys;
}
function keyMapJSON(keys) {
    const out = {};
    for (const [id, key] of keys)
        out[id] = key.toJSON();
    return out;
}
class Root {
    version;
    expires;
    keys;
    roles;
    consistentSnapshot;
    type = 'Root';
    constructor(version, expires, keys, roles, consistentSnapshot = false) {
        this.version = version;
        this.expires = expires;
        this.keys = keys;
        this.roles = roles;
        this.consistentSnapshot = consistentSnapshot;
    }
    get expiresMs() {
        return (0,_time_js__WEBPACK_IMPORTED_MODULE_3__/* .parseRfc3339 */ .TM)(this.expires) ?? 0;
    }
    static fromJSON(reader, obj) {
        const { version, expires } = parseCommon(reader, obj, 'Root');
        const consistentSnapshot = reader.boolean(obj.consistent_snapshot, 'consistent_snapshot');
        const keys = parseKeyMap(reader, obj.keys, 'keys');
        const rolesObj = reader.object(obj.roles, 'roles');
        const roles = new Map();
        for (const name of BASE_ROLES) {
            const path = `roles.${name}`;
            const role = reader.object(rolesObj[name], path);
            const keyids = reader.stringArray(role.keyids, `${path}.keyids`);
            const threshold = reader.integer(role.threshold, `${path}.threshold`, 1);
            for (const id of keyids)
                if (!keys.has(id))
                    reader.fail(`${path}.keyids`, `IDs of keys listed in keys (${id} is not)`);
            roles.set(name, { keyids, threshold });
        }
        return new Root(version, expires, keys, roles, consistentSnapshot);
    }
    role(name) {
        return this.roles.get(name) ?? { keyids: [], threshold: 1 };
    }
    toJSON() {
        const roles = {};
        for (const [name, spec] of this.roles)
            roles[name] = { keyids: spec.keyids, threshold: spec.threshold };
        return {
            _type: this.type,
            consistent_snapshot: this.consistentSnapshot,
            expires: this.expires,
            keys: keyMapJSON(this.keys),
            roles,
            version: this.version,
        };
    }
}
class Targets {
    version;
    expires;
    targets;
    delegationKeys;
    delegations;
    type = 'Targets';
    constructor(version, expires, targets = new Map(), delegationKeys = new Map(), delegations = []) {
        this.version = version;
        this.expires = expires;
        this.targets = targets;
        this.delegationKeys = delegationKeys;
        this.delegations = delegations;
    }
    get expiresMs() {
        return (0,_time_js__WEBPACK_IMPORTED_MODULE_3__/* .parseRfc3339 */ .TM)(this.expires) ?? 0;
    }
    /** `role` is the file's own role name: its delegations must be direct children of it. */
    static fromJSON(reader, obj, role) {
        const { version, expires } = parseCommon(reader, obj, 'Targets');
        const targets = new Map();
        for (const [name, meta] of Object.entries(reader.object(obj.targets, 'targets'))) {
            targets.set(name, parseFileMeta(reader, meta, `targets[${JSON.stringify(name)}]`));
        }
        const delegationsObj = reader.object(obj.delegations ?? { keys: {}, roles: [] }, 'delegations');
        const keys = parseKeyMap(reader, delegationsObj.keys ?? {}, 'delegations.keys');
        const delegations = reader.array(delegationsObj.roles ?? [], 'delegations.roles').map((value, i) => {
            const path = `delegations.roles[${i}]`;
            const d = reader.object(value, path);
            const name = reader.string(d.name, `${path}.name`);
            if (!isDelegationName(name) || parentRole(name) !== role) {
                reader.fail(`${path}.name`, `a delegation directly under ${role} (got "${name}")`);
            }
            const keyids = reader.stringArray(d.keyids, `${path}.keyids`);
            for (const id of keyids)
                if (!keys.has(id))
                    reader.fail(`${path}.keyids`, `IDs of keys in delegations.keys (${id} is not)`);
            const threshold = reader.integer(d.threshold, `${path}.threshold`, 1);
            const paths = d.paths === undefined || d.paths === null ? [] : reader.stringArray(d.paths, `${path}.paths`);
            return { name, keyids, threshold, paths };
        });
        return new Targets(version, expires, targets, keys, delegations);
    }
    toJSON() {
        const targets = {};
        for (const [name, meta] of this.targets)
            targets[name] = fileMetaJSON(meta);
        return {
            _type: this.type,
            // Always written, with {} and [] when empty: Go never omits this struct (types.go).
            delegations: {
                keys: keyMapJSON(this.delegationKeys),
                roles: this.delegations.map((d) => {
                    const role = { keyids: d.keyids, name: d.name, threshold: d.threshold };
                    if (d.paths.length > 0)
                        role.paths = d.paths; // `omitempty` in roles.go
                    return role;
                }),
            },
            expires: this.expires,
            targets,
            version: this.version,
        };
    }
}
class MetaRole {
    version;
    expires;
    meta;
    constructor(version, expires, meta) {
        this.version = version;
        this.expires = expires;
        this.meta = meta;
    }
    get expiresMs() {
        return (0,_time_js__WEBPACK_IMPORTED_MODULE_3__/* .parseRfc3339 */ .TM)(this.expires) ?? 0;
    }
    static parseMeta(reader, obj, type, required) {
        const common = parseCommon(reader, obj, type);
        const meta = new Map();
        for (const [name, value] of Object.entries(reader.object(obj.meta, 'meta'))) {
            meta.set(name, parseFileMeta(reader, value, `meta[${JSON.stringify(name)}]`));
        }
        for (const name of required) {
            if (!meta.get(name)?.hashes.sha256)
                reader.fail(`meta[${JSON.stringify(name)}]`, 'present with a sha256 hash');
        }
        return [common, meta];
    }
    toJSON() {
        const meta = {};
        for (const [name, fm] of this.meta)
            meta[name] = fileMetaJSON(fm);
        return { _type: this.type, expires: this.expires, meta, version: this.version };
    }
}
class Snapshot extends MetaRole {
    type = 'Snapshot';
    static fromJSON(reader, obj) {
        const [c, meta] = MetaRole.parseMeta(reader, obj, 'Snapshot', ['root', 'targets']);
        return new Snapshot(c.version, c.expires, meta);
    }
}
class Timestamp extends MetaRole {
    type = 'Timestamp';
    static fromJSON(reader, obj) {
        const [c, meta] = MetaRole.parseMeta(reader, obj, 'Timestamp', ['snapshot']);
        return new Timestamp(c.version, c.expires, meta);
    }
}
function parseSignedFile(role, bytes, parse) {
    const source = `${role}.json`;
    const top = (0,_guard_js__WEBPACK_IMPORTED_MODULE_1__/* .parseJsonObject */ .d)(bytes, source);
    const reader = new _guard_js__WEBPACK_IMPORTED_MODULE_1__/* .JsonReader */ .O(source);
    const signedObj = reader.object(top.signed, 'signed');
    const signatures = reader.array(top.signatures ?? [], 'signatures').map((value, i) => {
        const s = reader.object(value, `signatures[${i}]`);
        const sig = (0,_encoding_js__WEBPACK_IMPORTED_MODULE_5__/* .fromBase64 */ .Ey)(reader.string(s.sig, `signatures[${i}].sig`));
        if (!sig)
            reader.fail(`signatures[${i}].sig`, 'padded standard base64');
        return {
            keyid: reader.string(s.keyid, `signatures[${i}].keyid`),
            method: reader.string(s.method, `signatures[${i}].method`).toLowerCase(),
            sig,
        };
    });
    let signedBytes;
    try {
        signedBytes = (0,_canonical_json_js__WEBPACK_IMPORTED_MODULE_0__/* .canonicalBytes */ .Mr)(signedObj);
    }
    catch {
        reader.fail('signed', 'canonical-JSON encodable (integers only)');
    }
    return { role, bytes, signed: parse(reader, signedObj), signatures, signedBytes };
}
/** The file Go would write: `{"signed":<canonical, HTML-escaped>,"signatures":[...]}`, no newline. */
function serializeSignedFile(signed, signatures) {
    const sigs = signatures
        .map((s) => `{"keyid":${JSON.stringify(s.keyid)},"method":${JSON.stringify(s.method)},"sig":"${(0,_encoding_js__WEBPACK_IMPORTED_MODULE_5__/* .toBase64 */ .nk)(s.sig)}"}`)
        .join(',');
    return (0,_encoding_js__WEBPACK_IMPORTED_MODULE_5__/* .utf8Bytes */ .dy)(`{"signed":${(0,_canonical_json_js__WEBPACK_IMPORTED_MODULE_0__/* .htmlEscapeJson */ .lK)((0,_canonical_json_js__WEBPACK_IMPORTED_MODULE_0__/* .canonicalString */ .Ml)(signed))},"signatures":[${sigs}]}`);
}


/***/ }),

/***/ 99130:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AQ: () => (/* binding */ daysUntil),
/* harmony export */   M0: () => (/* binding */ DEFAULT_EXPIRY_DAYS),
/* harmony export */   SR: () => (/* binding */ expiryFromNow),
/* harmony export */   TM: () => (/* binding */ parseRfc3339)
/* harmony export */ });
/* unused harmony export formatExpiry */
/**
 * Notary's `expires` is Go's time.Time JSON: RFC 3339 with 0-9 fractional digits and any offset.
 * We keep the original text (Go re-prints it identically) and write new times as UTC without a
 * fraction, the one form that survives Go's parse -> re-serialize unchanged.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;
/** Milliseconds since the epoch, or undefined when the text is not RFC 3339. */
function parseRfc3339(text) {
    const m = RFC3339.exec(text);
    if (!m)
        return undefined;
    const [, y, mo, d, h, mi, s, frac, zone] = m;
    const month = Number(mo);
    const day = Number(d);
    if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) {
        return undefined;
    }
    let ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s), Number((frac ?? '0').padEnd(3, '0').slice(0, 3)));
    if (zone && zone !== 'Z') {
        const sign = zone.startsWith('-') ? -1 : 1;
        ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
    }
    return ms;
}
function formatExpiry(ms) {
    return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
const DAY_MS = 86_400_000;
/** Notary's default expiries (const.go NotaryDefaultExpiries): 365-day years. */
const DEFAULT_EXPIRY_DAYS = {
    root: 10 * 365,
    targets: 3 * 365,
    snapshot: 3 * 365,
    timestamp: 14,
};
function expiryFromNow(days, now = Date.now()) {
    return formatExpiry(now + days * DAY_MS);
}
function daysUntil(ms, now = Date.now()) {
    return (ms - now) / DAY_MS;
}


/***/ }),

/***/ 64103:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bb: () => (/* binding */ spkiOf),
/* harmony export */   LS: () => (/* binding */ commonName),
/* harmony export */   Sq: () => (/* binding */ parsePemBlocks),
/* harmony export */   TS: () => (/* binding */ encodePem),
/* harmony export */   W8: () => (/* binding */ publicKeyFromSpki),
/* harmony export */   WW: () => (/* binding */ parseCertificates)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

/**
 * X.509 helpers for Notary's `*-x509` keys (notary: tuf/utils/x509.go). Certificates are parsed by
 * Node's X509Certificate (OpenSSL). The PEM reader is our own, written by hand because notary's
 * key files carry RFC 1421 headers (`role: targets`) inside the block, which OpenSSL refuses and
 * Node has no API to read.
 */
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;
/** Reads every PEM block of a text, with RFC 1421-style headers (`role: targets`) kept. */
function parsePemBlocks(text) {
    const blocks = [];
    for (const m of text.matchAll(PEM_BLOCK)) {
        const headers = {};
        const body = [];
        for (const line of (m[2] ?? '').split(/\r?\n/)) {
            const header = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
            if (header && body.length === 0)
                headers[header[1].toLowerCase()] = header[2].trim();
            else if (line.trim())
                body.push(line.trim());
        }
        blocks.push({ type: m[1], headers, der: new Uint8Array(Buffer.from(body.join(''), 'base64')) });
    }
    return blocks;
}
/** PEM exactly as Go's pem.Encode writes it: 64 columns, LF, final newline. */
function encodePem(type, der, headers = {}) {
    const b64 = Buffer.from(der).toString('base64');
    const lines = b64.match(/.{1,64}/g) ?? [];
    const headerLines = Object.keys(headers)
        .sort()
        .map((k) => `${k}: ${headers[k]}\n`)
        .join('');
    return `-----BEGIN ${type}-----\n${headerLines}${headerLines ? '\n' : ''}${lines.join('\n')}\n-----END ${type}-----\n`;
}
function parseCertificates(pem) {
    return parsePemBlocks(pem)
        .filter((b) => b.type === 'CERTIFICATE')
        .map((b) => new node_crypto__WEBPACK_IMPORTED_MODULE_0__.X509Certificate(Buffer.from(b.der)));
}
function spkiOf(key) {
    return new Uint8Array(key.export({ type: 'spki', format: 'der' }));
}
function publicKeyFromSpki(der) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPublicKey)({ key: Buffer.from(der), format: 'der', type: 'spki' });
}
/** The subject's common name, or undefined when the subject has none. */
function commonName(cert) {
    for (const line of cert.subject.split('\n')) {
        if (line.startsWith('CN='))
            return line.slice(3);
    }
    return undefined;
}


/***/ }),

/***/ 75255:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dk: () => (/* binding */ TAG),
/* harmony export */   FK: () => (/* binding */ decodeOid),
/* harmony export */   H: () => (/* binding */ encodeTlv),
/* harmony export */   Y_: () => (/* binding */ children),
/* harmony export */   pw: () => (/* binding */ readTlv),
/* harmony export */   yi: () => (/* binding */ expectTag)
/* harmony export */ });
/* unused harmony export decodeSmallInteger */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);

function readTlv(bytes, offset = 0) {
    if (offset + 2 > bytes.length)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .EncodingError */ .Ug('DER_MALFORMED', 'truncated DER');
    const tag = bytes[offset];
    let length = bytes[offset + 1];
    let header = 2;
    if (length & 0x80) {
        const n = length & 0x7f;
        if (n === 0 || n > 4 || offset + 2 + n > bytes.length)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .EncodingError */ .Ug('DER_MALFORMED', 'bad DER length');
        length = 0;
        for (let i = 0; i < n; i++)
            length = length * 256 + bytes[offset + 2 + i];
        header += n;
    }
    const end = offset + header + length;
    if (end > bytes.length)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .EncodingError */ .Ug('DER_MALFORMED', 'truncated DER');
    return { tlv: { tag, value: bytes.subarray(offset + header, end), raw: bytes.subarray(offset, end) }, next: end };
}
/** The children of a constructed value (SEQUENCE, context tags). */
function children(value) {
    const out = [];
    let offset = 0;
    while (offset < value.length) {
        const { tlv, next } = readTlv(value, offset);
        out.push(tlv);
        offset = next;
    }
    return out;
}
function expectTag(tlv, tag, what) {
    if (!tlv || tlv.tag !== tag)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .EncodingError */ .Ug('DER_MALFORMED', `expected ${what}`);
    return tlv;
}
const TAG = { INTEGER: 0x02, BIT_STRING: 0x03, OCTET_STRING: 0x04, NULL: 0x05, OID: 0x06, SEQUENCE: 0x30 };
function decodeOid(value) {
    const parts = [];
    let n = 0;
    for (const byte of value) {
        n = n * 128 + (byte & 0x7f);
        if (!(byte & 0x80)) {
            if (parts.length === 0)
                parts.push(n < 80 ? Math.floor(n / 40) : 2, n < 80 ? n % 40 : n - 80);
            else
                parts.push(n);
            n = 0;
        }
    }
    return parts.join('.');
}
function decodeSmallInteger(value) {
    let n = 0;
    for (const byte of value)
        n = n * 256 + byte;
    return n;
}
// --- writing (root certificates) ---
function encodeLength(length) {
    if (length < 0x80)
        return Uint8Array.of(length);
    const bytes = [];
    for (let n = length; n > 0; n = Math.floor(n / 256))
        bytes.unshift(n & 0xff);
    return Uint8Array.of(0x80 | bytes.length, ...bytes);
}
function encodeTlv(tag, ...contents) {
    const value = Buffer.concat(contents);
    return new Uint8Array(Buffer.concat([Uint8Array.of(tag), encodeLength(value.length), value]));
}


/***/ }),

/***/ 82075:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U7: () => (/* binding */ isAzureContainerRegistry),
/* harmony export */   Xb: () => (/* binding */ DOCKER_HUB),
/* harmony export */   cW: () => (/* binding */ isLoopbackHost)
/* harmony export */ });
/** Docker Hub's registry name in references and GUNs (its API answers elsewhere: registry-1.docker.io). */
const DOCKER_HUB = 'docker.io';
/** Loopback hosts (`localhost`, 127.0.0.0/8, [::1]), which may speak plain HTTP, as docker allows. */
function isLoopbackHost(hostPort) {
    const host = hostPort.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
/**
 * An Azure Container Registry host (`<name>.azurecr.io`, and the sovereign clouds' `.azurecr.cn`
 * and `.azurecr.us`), which serves the Notary API on the registry's own host and token realm.
 */
function isAzureContainerRegistry(host) {
    return /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.azurecr\.(?:io|cn|us)(?::\d+)?$/i.test(host);
}


/***/ }),

/***/ 50767:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ quoted)
/* harmony export */ });
/** Longest echo of a bad value in an error: a 100 KB image name must not make a 100 KB log line. */
const MAX_ECHO = 120;
/** Redaction reads this much of a value at most: past it, nothing is echoed anyway. */
const MAX_SCANNED = 4096;
/**
 * A value as an error message may quote it: credentials in URLs (`https://user:pw@host`) and in
 * references (`user:pw@host/repo:tag`) replaced by `***`, and cut to a length a log line can hold.
 * The patterns are bounded (a scheme of at most 32 characters) so that redaction stays linear in
 * the value's length, however long and hostile it is.
 */
function quoted(value, max = MAX_ECHO) {
    const redacted = value
        .slice(0, MAX_SCANNED)
        .replace(/([a-z][a-z0-9+.-]{0,31}:\/\/)[^/@\s]*@/gi, '$1***@')
        .replace(/^[^/@\s:]*:[^/@\s]*@/, '***@')
        .replace(/[\r\n]+/g, ' ');
    const cut = redacted.length > max ? `${redacted.slice(0, max)}… (${value.length} characters)` : redacted;
    return `"${cut}"`;
}


/***/ })

};

//# sourceMappingURL=947.index.js.map