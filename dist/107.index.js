export const id = 107;
export const ids = [107];
export const modules = {

/***/ 28283:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C9: () => (/* binding */ ulong),
/* harmony export */   EO: () => (/* binding */ closeQuietly),
/* harmony export */   Mg: () => (/* binding */ openToken),
/* harmony export */   Mp: () => (/* binding */ closeToken),
/* harmony export */   Pj: () => (/* binding */ pkcs11Code),
/* harmony export */   Qe: () => (/* binding */ findObjects),
/* harmony export */   RR: () => (/* binding */ readPublicKey),
/* harmony export */   TB: () => (/* binding */ parsePkcs11Uri),
/* harmony export */   Zv: () => (/* binding */ P256_PARAMS),
/* harmony export */   dE: () => (/* binding */ trimmed),
/* harmony export */   gl: () => (/* binding */ storeError),
/* harmony export */   iD: () => (/* binding */ login),
/* harmony export */   ob: () => (/* binding */ publicKeyObject),
/* harmony export */   v8: () => (/* binding */ describeObject)
/* harmony export */ });
/* unused harmony exports YKCS11_PATHS, findModule, loadAddon, findSlot */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(98995);
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_module__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/* harmony import */ var _tuf_keys_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(95591);





/** Where the YubiKey PKCS#11 module is installed (notary: trustmanager/yubikey/pkcs11_linux.go, pkcs11_darwin.go; and distributions). */
const YKCS11_PATHS = [
    '/usr/lib/libykcs11.so',
    '/usr/lib/libykcs11.so.1',
    '/usr/lib64/libykcs11.so',
    '/usr/lib64/libykcs11.so.1',
    '/usr/lib/x86_64-linux-gnu/libykcs11.so',
    '/usr/lib/x86_64-linux-gnu/libykcs11.so.2',
    '/usr/lib/aarch64-linux-gnu/libykcs11.so',
    '/usr/lib/aarch64-linux-gnu/libykcs11.so.2',
    '/usr/local/lib/libykcs11.so',
    '/usr/local/lib/libykcs11.dylib',
    '/opt/homebrew/lib/libykcs11.dylib',
];
const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');
function parsePkcs11Uri(uri) {
    const fail = (why) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_INVALID', `"${uri.replace(/pin-value=[^&;]*/g, 'pin-value=***')}" is not a usable pkcs11: URI: ${why}`);
    };
    const body = uri.slice('pkcs11:'.length);
    const [path = '', query = ''] = body.split('?', 2);
    const attrs = new Map();
    const decode = (value) => {
        try {
            return decodeURIComponent(value);
        }
        catch {
            return fail(`bad percent-encoding in "${value}"`);
        }
    };
    for (const part of [...path.split(';'), ...query.split('&')].filter(Boolean)) {
        const eq = part.indexOf('=');
        if (eq <= 0)
            fail(`"${part}" is not name=value`);
        attrs.set(part.slice(0, eq), part.slice(eq + 1));
    }
    if (attrs.has('pin-value') || attrs.has('pin-source'))
        fail('give the PIN in the matching *-passphrase input, not in the URI');
    const result = {};
    if (attrs.has('token'))
        result.token = decode(attrs.get('token'));
    if (attrs.has('serial'))
        result.serial = decode(attrs.get('serial'));
    if (attrs.has('object'))
        result.object = decode(attrs.get('object'));
    if (attrs.has('module-path'))
        result.modulePath = decode(attrs.get('module-path'));
    if (attrs.has('slot-id')) {
        const slot = Number(decode(attrs.get('slot-id')));
        if (!Number.isSafeInteger(slot) || slot < 0)
            fail('slot-id must be a number');
        result.slotId = slot;
    }
    if (attrs.has('id')) {
        // id is raw bytes, percent-encoded (RFC 7512 2.3): %01, or plain characters
        const raw = attrs.get('id');
        const bytes = [];
        for (let i = 0; i < raw.length; i++) {
            if (raw[i] === '%' && /^[0-9a-fA-F]{2}$/.test(raw.slice(i + 1, i + 3))) {
                bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
                i += 2;
            }
            else
                bytes.push(...Buffer.from(raw[i], 'utf8'));
        }
        result.id = Buffer.from(bytes);
    }
    if (result.object === undefined && result.id === undefined)
        fail('name the key with object= (its label) or id=');
    return result;
}
/** module-path, else the default module (PKCS11_MODULE), else the YubiKey module where it is usually installed. */
function findModule(uri, defaultModule) {
    const candidate = uri.modulePath ?? defaultModule;
    if (candidate) {
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(candidate))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_STORE_ERROR', `PKCS#11 module ${candidate} does not exist`);
        return candidate;
    }
    const found = YKCS11_PATHS.find((p) => (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(p));
    if (!found) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_STORE_ERROR', `no PKCS#11 module found: set module-path in the URI or PKCS11_MODULE (looked for ykcs11 in ${YKCS11_PATHS.join(', ')})`);
    }
    return found;
}
/**
 * The addon: the one bundled in dist/ (built for Linux x64, N-API so any Node version), or one
 * built for this machine, named by `addonPath` (DCT_SIGN_PKCS11JS; see the README for macOS and arm64).
 */
async function loadAddon(addonPath) {
    try {
        if (addonPath)
            return (0,node_module__WEBPACK_IMPORTED_MODULE_2__.createRequire)(import.meta.url)(addonPath);
        if (process.platform !== 'linux' || process.arch !== 'x64') {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_STORE_ERROR', `the bundled pkcs11js addon is built for linux-x64, not ${process.platform}-${process.arch}: run "npm install -g pkcs11js" on this runner and set DCT_SIGN_PKCS11JS to "$(npm root -g)/pkcs11js"`);
        }
        const module = (await __webpack_require__.e(/* import() */ 902).then(__webpack_require__.t.bind(__webpack_require__, 42902, 23)));
        return module.default ?? module;
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN)
            throw error;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_STORE_ERROR', `cannot load the pkcs11js addon: ${error.message}`, { cause: error });
    }
}
/** A CK_ULONG attribute (native byte order: little-endian on the platforms the addon builds for). */
function ulong(value) {
    if (!value || value.length === 0)
        return undefined;
    return value.length >= 4 ? value.readUInt32LE(0) : value[0];
}
function trimmed(text) {
    return text.replace(/[\s\0]+$/, '');
}
function closeQuietly(module, session, loggedIn) {
    const attempt = (fn) => {
        try {
            fn();
        }
        catch {
            // already closed or never opened
        }
    };
    if (session && loggedIn)
        attempt(() => module.C_Logout(session));
    if (session)
        attempt(() => module.C_CloseSession(session));
    attempt(() => module.C_Finalize());
    attempt(() => module.close());
}
/** Loads the module and opens a session on the token the URI names; on failure everything opened so far is closed. */
async function openToken(uri, options, readWrite) {
    const modulePath = findModule(uri, options.defaultModule);
    const api = await loadAddon(options.addonPath);
    const module = new api.PKCS11();
    let session;
    try {
        try {
            module.load(modulePath);
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_STORE_ERROR', `cannot load PKCS#11 module ${modulePath}: ${error.message}`, { cause: error });
        }
        try {
            module.C_Initialize();
        }
        catch (error) {
            if (pkcs11Code(error) !== api.CKR_CRYPTOKI_ALREADY_INITIALIZED)
                throw error;
        }
        const slot = findSlot(module, uri);
        session = module.C_OpenSession(slot.handle, api.CKF_SERIAL_SESSION | (readWrite ? api.CKF_RW_SESSION : 0));
        return { api, module, modulePath, session, label: slot.label, loggedIn: false };
    }
    catch (error) {
        closeQuietly(module, session, false);
        throw storeError(error, modulePath);
    }
}
function closeToken(token) {
    closeQuietly(token.module, token.session, token.loggedIn);
}
function pkcs11Code(error) {
    const code = error?.code;
    return typeof code === 'number' ? code : undefined;
}
/** A KeyError as it is; anything else the module threw, as KEY_STORE_ERROR naming the module. */
function storeError(error, modulePath) {
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN)
        return error;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_STORE_ERROR', `PKCS#11 module ${modulePath}: ${error.message}`, { cause: error });
}
/** One login; never retried: every wrong attempt burns one of the token's few PIN tries. */
function login(token, userType, pin) {
    const { api, module, session, label } = token;
    if (!pin)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_PASSPHRASE_REQUIRED', `the PIN of token "${label}" is required`);
    try {
        module.C_Login(session, userType, pin);
        token.loggedIn = true;
    }
    catch (error) {
        const code = pkcs11Code(error);
        if (code === api.CKR_USER_ALREADY_LOGGED_IN)
            token.loggedIn = true;
        else if (code === api.CKR_PIN_INCORRECT)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_WRONG_PASSPHRASE', `wrong PIN for token "${label}" (not retried, to spare the PIN counter)`);
        else if (code === api.CKR_PIN_LOCKED)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_PIN_LOCKED', `the PIN of token "${label}" is locked`);
        else
            throw error;
    }
}
function describeObject(uri) {
    return [uri.object ? `object=${uri.object}` : '', uri.id ? `id=${uri.id.toString('hex')}` : ''].filter(Boolean).join(', ');
}
function findSlot(module, uri) {
    const slots = module.C_GetSlotList(true);
    const seen = [];
    for (const handle of slots) {
        const info = module.C_GetTokenInfo(handle);
        const label = trimmed(info.label);
        const serial = trimmed(info.serialNumber);
        seen.push(`"${label}" (serial ${serial})`);
        if (uri.token !== undefined && uri.token !== label)
            continue;
        if (uri.serial !== undefined && uri.serial !== serial)
            continue;
        if (uri.slotId !== undefined && ulong(handle) !== uri.slotId)
            continue;
        return { handle, label };
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_NOT_FOUND', `no token matches the URI (tokens present: ${seen.join(', ') || 'none'})`);
}
function findObjects(api, module, session, cls, uri) {
    const template = [{ type: api.CKA_CLASS, value: cls }];
    if (uri.object !== undefined)
        template.push({ type: api.CKA_LABEL, value: uri.object });
    if (uri.id !== undefined)
        template.push({ type: api.CKA_ID, value: uri.id });
    module.C_FindObjectsInit(session, template);
    try {
        return module.C_FindObjects(session, 16);
    }
    finally {
        module.C_FindObjectsFinal(session);
    }
}
/** From the public key object (CKA_EC_POINT), else from the certificate in the same slot (PIV). */
function readPublicKey(api, module, session, uri, what) {
    const byId = uri.id ? { id: uri.id } : uri;
    const [pub] = findObjects(api, module, session, api.CKO_PUBLIC_KEY, byId);
    if (pub)
        return publicKeyObject(api, module, session, pub, what);
    const [cert] = findObjects(api, module, session, api.CKO_CERTIFICATE, byId);
    if (cert) {
        const der = module.C_GetAttributeValue(session, cert, [{ type: api.CKA_VALUE }])[0].value;
        try {
            return _tuf_keys_js__WEBPACK_IMPORTED_MODULE_4__/* .PublicKey */ .J3.fromKeyObject(new node_crypto__WEBPACK_IMPORTED_MODULE_0__.X509Certificate(der).publicKey);
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_INVALID', `the certificate of ${what} on the token does not parse`, { cause: error });
        }
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_NOT_FOUND', `no public key or certificate for ${what} on the token`);
}
/** The key of a public key object, from CKA_EC_POINT. */
function publicKeyObject(api, module, session, handle, what) {
    let point = module.C_GetAttributeValue(session, handle, [{ type: api.CKA_EC_POINT }])[0].value;
    // CKA_EC_POINT is a DER OCTET STRING around 04||x||y; some modules give the bare point.
    if (point.length === 67 && point[0] === 0x04 && point[1] === 0x41)
        point = point.subarray(2);
    if (point.length !== 65 || point[0] !== 0x04)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN('KEY_INVALID', `the public key of ${what} is not an uncompressed P-256 point`);
    return _tuf_keys_js__WEBPACK_IMPORTED_MODULE_4__/* .PublicKey */ .J3.fromP256Point(new Uint8Array(point));
}


/***/ }),

/***/ 27107:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pkcs11Signer: () => (/* binding */ Pkcs11Signer)
/* harmony export */ });
/* harmony import */ var _noble_hashes_sha2_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(65108);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _tuf_signatures_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(46360);
/* harmony import */ var _pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(28283);




/**
 * Keys on a PKCS#11 token as signers. The private key never leaves the token: it signs the
 * SHA-256 digest with CKM_ECDSA, whose output is already notary's raw r||s.
 */

class Pkcs11Signer {
    api;
    module;
    session;
    privateKey;
    publicKey;
    alwaysAuthenticate;
    options;
    description;
    closed = false;
    constructor(api, module, session, privateKey, publicKey, alwaysAuthenticate, options, description) {
        this.api = api;
        this.module = module;
        this.session = session;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.alwaysAuthenticate = alwaysAuthenticate;
        this.options = options;
        this.description = description;
    }
    static async open(uriText, options) {
        const uri = (0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .parsePkcs11Uri */ .TB)(uriText);
        const token = await (0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .openToken */ .Mg)(uri, options, false);
        const { api, module, session } = token;
        try {
            (0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .login */ .iD)(token, api.CKU_USER, options.pin);
            const what = (0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .describeObject */ .v8)(uri);
            const keys = (0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .findObjects */ .Qe)(api, module, session, api.CKO_PRIVATE_KEY, uri);
            if (keys.length === 0)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_NOT_FOUND', `no private key with ${what} on token "${token.label}"`);
            if (keys.length > 1)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_INVALID', `${keys.length} private keys match ${what} on token "${token.label}"; add id= to choose one`);
            const attribute = (type) => {
                // One at a time: a module fails the whole call when an object lacks any one attribute.
                try {
                    return module.C_GetAttributeValue(session, keys[0], [{ type }])[0]?.value;
                }
                catch {
                    return undefined;
                }
            };
            const keyType = (0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .ulong */ .C9)(attribute(api.CKA_KEY_TYPE));
            if (keyType !== api.CKK_EC) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_INVALID', `the token key ${what} is not an EC key (CKA_KEY_TYPE ${keyType}); notary needs ECDSA P-256`);
            }
            const params = attribute(api.CKA_EC_PARAMS);
            if (params && params.length > 0 && !params.equals(_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .P256_PARAMS */ .Zv))
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_INVALID', `the token key ${what} is not on curve P-256`);
            const alwaysAuth = attribute(api.CKA_ALWAYS_AUTHENTICATE);
            const id = attribute(api.CKA_ID);
            const publicKey = (0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .readPublicKey */ .RR)(api, module, session, { ...uri, id: id && id.length > 0 ? id : uri.id }, what);
            const description = `PKCS#11 token "${token.label}" ${what}`;
            return new Pkcs11Signer(api, module, session, keys[0], publicKey, alwaysAuth?.[0] === 1, options, description);
        }
        catch (error) {
            (0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .closeToken */ .Mp)(token);
            throw (0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .storeError */ .gl)(error, token.modulePath);
        }
    }
    sign(data) {
        if (this.closed)
            return Promise.reject(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_SIGN_FAILED', `${this.description} is closed`));
        this.options.notice?.(`Signing with ${this.description}: touch the device if it blinks`);
        const digest = Buffer.from((0,_noble_hashes_sha2_js__WEBPACK_IMPORTED_MODULE_3__/* .sha256 */ .sc)(data));
        let signature;
        try {
            this.module.C_SignInit(this.session, { mechanism: this.api.CKM_ECDSA }, this.privateKey);
            if (this.alwaysAuthenticate) {
                // PIV slot 9c: every signature needs its own PIN verification (CKU_CONTEXT_SPECIFIC).
                try {
                    this.module.C_Login(this.session, this.api.CKU_CONTEXT_SPECIFIC, this.options.pin);
                }
                catch (error) {
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_SIGN_FAILED', `${this.description}: the per-signature PIN login failed: ${error.message}`);
                }
            }
            signature = new Uint8Array(this.module.C_Sign(this.session, digest, Buffer.alloc(64)));
        }
        catch (error) {
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN)
                return Promise.reject(error);
            return Promise.reject(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_SIGN_FAILED', `${this.description}: ${error.message}`, { cause: error }));
        }
        if (!(0,_tuf_signatures_js__WEBPACK_IMPORTED_MODULE_1__/* .verifySignature */ .Od)(this.publicKey, 'ecdsa', signature, data)) {
            return Promise.reject(new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_SIGN_FAILED', `${this.description} returned a signature that does not verify with its public key`));
        }
        return Promise.resolve(signature);
    }
    close() {
        if (!this.closed) {
            this.closed = true;
            (0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .closeQuietly */ .EO)(this.module, this.session, true);
        }
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

//# sourceMappingURL=107.index.js.map