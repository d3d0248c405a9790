export const id = 107;
export const ids = [107];
export const modules = {

/***/ 7107:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Pkcs11Signer: () => (/* binding */ Pkcs11Signer)
/* harmony export */ });
/* unused harmony exports YKCS11_PATHS, parsePkcs11Uri, findModule */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8995);
/* harmony import */ var node_module__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_module__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _noble_hashes_sha2_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5108);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _tuf_keys_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5591);
/* harmony import */ var _tuf_signatures_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3625);
/* harmony import */ var _memory_signer_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5376);








/** Where the YubiKey PKCS#11 module is installed (N:trustmanager/yubikey/pkcs11_linux.go, _darwin.go, and distributions). */
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
function parsePkcs11Uri(uri, input) {
    const fail = (why) => {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(input, `"${uri.replace(/pin-value=[^&;]*/g, 'pin-value=***')}" is not a usable pkcs11: URI: ${why}`);
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
/** module-path, else PKCS11_MODULE, else the YubiKey module where it is usually installed. */
function findModule(uri, input) {
    const candidate = uri.modulePath ?? process.env.PKCS11_MODULE;
    if (candidate) {
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(candidate))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(input, `PKCS#11 module ${candidate} does not exist`);
        return candidate;
    }
    const found = YKCS11_PATHS.find((p) => (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(p));
    if (!found) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(input, `no PKCS#11 module found: set module-path in the URI or PKCS11_MODULE (looked for ykcs11 in ${YKCS11_PATHS.join(', ')})`);
    }
    return found;
}
/**
 * The addon: the one bundled in dist/ (built for Linux x64, N-API so any Node version), or one
 * built for this machine, named by DCT_SIGN_PKCS11JS (see the README for macOS and arm64).
 */
async function loadAddon() {
    const override = process.env.DCT_SIGN_PKCS11JS;
    if (override)
        return (0,node_module__WEBPACK_IMPORTED_MODULE_2__.createRequire)(import.meta.url)(override);
    if (process.platform !== 'linux' || process.arch !== 'x64') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN(`the bundled pkcs11js addon is built for linux-x64, not ${process.platform}-${process.arch}: run "npm install -g pkcs11js" on this runner and set DCT_SIGN_PKCS11JS to "$(npm root -g)/pkcs11js"`);
    }
    const module = (await __webpack_require__.e(/* import() */ 902).then(__webpack_require__.t.bind(__webpack_require__, 2902, 23)));
    return module.default ?? module;
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
class Pkcs11Signer {
    api;
    module;
    session;
    privateKey;
    publicKeyValue;
    alwaysAuthenticate;
    options;
    description;
    method = 'ecdsa';
    closed = false;
    constructor(api, module, session, privateKey, publicKeyValue, alwaysAuthenticate, options, description) {
        this.api = api;
        this.module = module;
        this.session = session;
        this.privateKey = privateKey;
        this.publicKeyValue = publicKeyValue;
        this.alwaysAuthenticate = alwaysAuthenticate;
        this.options = options;
        this.description = description;
    }
    static async open(uriText, options) {
        const uri = parsePkcs11Uri(uriText, options.input);
        const modulePath = findModule(uri, options.input);
        let api;
        try {
            api = await loadAddon();
        }
        catch (error) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(options.input, error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN ? error.message : `cannot load the pkcs11js addon: ${error.message}`);
        }
        const module = new api.PKCS11();
        let session;
        let loggedIn = false;
        try {
            try {
                module.load(modulePath);
            }
            catch (error) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(options.input, `cannot load PKCS#11 module ${modulePath}: ${error.message}`);
            }
            try {
                module.C_Initialize();
            }
            catch (error) {
                if (error.code !== api.CKR_CRYPTOKI_ALREADY_INITIALIZED)
                    throw error;
            }
            const slot = findSlot(module, uri, options.input);
            session = module.C_OpenSession(slot.handle, api.CKF_SERIAL_SESSION);
            if (!options.pin)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(options.passphraseInput, `the PIN of token "${slot.label}" is required`);
            try {
                module.C_Login(session, api.CKU_USER, options.pin);
                loggedIn = true;
            }
            catch (error) {
                const code = error.code;
                if (code === api.CKR_USER_ALREADY_LOGGED_IN)
                    loggedIn = true;
                // Never retried: every wrong attempt burns one of the token's few PIN tries.
                else if (code === api.CKR_PIN_INCORRECT)
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(options.passphraseInput, `wrong PIN for token "${slot.label}" (not retried, to spare the PIN counter)`);
                else if (code === api.CKR_PIN_LOCKED)
                    throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(options.passphraseInput, `the PIN of token "${slot.label}" is locked`);
                else
                    throw error;
            }
            const what = [uri.object ? `object=${uri.object}` : '', uri.id ? `id=${uri.id.toString('hex')}` : ''].filter(Boolean).join(', ');
            const keys = findObjects(api, module, session, api.CKO_PRIVATE_KEY, uri);
            if (keys.length === 0)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(options.input, `no private key with ${what} on token "${slot.label}"`);
            if (keys.length > 1)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(options.input, `${keys.length} private keys match ${what} on token "${slot.label}"; add id= to choose one`);
            const attribute = (type) => {
                // One at a time: a module fails the whole call when an object lacks any one attribute.
                try {
                    return module.C_GetAttributeValue(session, keys[0], [{ type }])[0]?.value;
                }
                catch {
                    return undefined;
                }
            };
            const keyType = ulong(attribute(api.CKA_KEY_TYPE));
            if (keyType !== api.CKK_EC) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(options.input, `the token key ${what} is not an EC key (CKA_KEY_TYPE ${keyType}); notary needs ECDSA P-256`);
            }
            const params = attribute(api.CKA_EC_PARAMS);
            if (params && params.length > 0 && !params.equals(P256_PARAMS))
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(options.input, `the token key ${what} is not on curve P-256`);
            const alwaysAuth = attribute(api.CKA_ALWAYS_AUTHENTICATE);
            const id = attribute(api.CKA_ID);
            const publicKey = readPublicKey(api, module, session, { ...uri, id: id && id.length > 0 ? id : uri.id }, options.input, what);
            const description = `PKCS#11 token "${slot.label}" ${what}`;
            return new Pkcs11Signer(api, module, session, keys[0], publicKey, alwaysAuth?.[0] === 1, options, description);
        }
        catch (error) {
            closeQuietly(module, session, loggedIn);
            throw error;
        }
    }
    publicKey() {
        return Promise.resolve(this.publicKeyValue);
    }
    sign(data) {
        if (this.closed)
            return Promise.reject(new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN(`${this.description} is closed`));
        this.options.notice?.(`Signing with ${this.description}: touch the device if it blinks`);
        const digest = Buffer.from((0,_noble_hashes_sha2_js__WEBPACK_IMPORTED_MODULE_7__/* .sha256 */ .sc)(data));
        this.module.C_SignInit(this.session, { mechanism: this.api.CKM_ECDSA }, this.privateKey);
        if (this.alwaysAuthenticate) {
            // PIV slot 9c: every signature needs its own PIN verification (CKU_CONTEXT_SPECIFIC).
            try {
                this.module.C_Login(this.session, this.api.CKU_CONTEXT_SPECIFIC, this.options.pin);
            }
            catch (error) {
                return Promise.reject(new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN(`${this.description}: the per-signature PIN login failed: ${error.message}`));
            }
        }
        const signature = new Uint8Array(this.module.C_Sign(this.session, digest, Buffer.alloc(64)));
        if (!(0,_tuf_signatures_js__WEBPACK_IMPORTED_MODULE_5__/* .verifySignature */ .Od)(this.publicKeyValue, 'ecdsa', signature, data)) {
            return Promise.reject(new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN(`${this.description} returned a signature that does not verify with its public key`));
        }
        return Promise.resolve(signature);
    }
    close() {
        if (!this.closed) {
            this.closed = true;
            closeQuietly(this.module, this.session, true);
        }
        return Promise.resolve();
    }
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
function findSlot(module, uri, input) {
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
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(input, `no token matches the URI (tokens present: ${seen.join(', ') || 'none'})`);
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
function readPublicKey(api, module, session, uri, input, what) {
    const byId = uri.id ? { id: uri.id } : uri;
    const [pub] = findObjects(api, module, session, api.CKO_PUBLIC_KEY, byId);
    if (pub) {
        let point = module.C_GetAttributeValue(session, pub, [{ type: api.CKA_EC_POINT }])[0].value;
        // CKA_EC_POINT is a DER OCTET STRING around 04||x||y; some modules give the bare point.
        if (point.length === 67 && point[0] === 0x04 && point[1] === 0x41)
            point = point.subarray(2);
        if (point.length !== 65 || point[0] !== 0x04)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .InputError */ .dz(input, `the public key of ${what} is not an uncompressed P-256 point`);
        return (0,_memory_signer_js__WEBPACK_IMPORTED_MODULE_6__/* .p256PublicKey */ .w)(new Uint8Array(point));
    }
    const [cert] = findObjects(api, module, session, api.CKO_CERTIFICATE, byId);
    if (cert) {
        const der = module.C_GetAttributeValue(session, cert, [{ type: api.CKA_VALUE }])[0].value;
        return _tuf_keys_js__WEBPACK_IMPORTED_MODULE_4__/* .PublicKey */ .J3.fromKeyObject(new node_crypto__WEBPACK_IMPORTED_MODULE_0__.X509Certificate(der).publicKey);
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .KeyError */ .eN(`no public key or certificate for ${what} on the token`);
}


/***/ })

};

//# sourceMappingURL=107.index.js.map