export const id = 307;
export const ids = [307];
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

//# sourceMappingURL=307.index.js.map