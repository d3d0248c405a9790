export const id = 163;
export const ids = [163];
export const modules = {

/***/ 55163:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   generateTokenKey: () => (/* binding */ generateTokenKey)
/* harmony export */ });
/* unused harmony exports ykcs11KeyLabel, checkYkcs11Target */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _generate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(69490);
/* harmony import */ var _pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(28283);



/**
 * A new P-256 key pair generated on the token (C_GenerateKeyPair, CKM_EC_KEY_PAIR_GEN), named by
 * the URI's object= (CKA_LABEL) and id= (CKA_ID). The private key never leaves the token
 * (sensitive, not extractable). A key, public key or certificate that already carries that label
 * or id is never replaced: KEY_EXISTS, and nothing is created. Once made, the key opens with
 * Pkcs11Signer.open(uri).
 *
 * ykcs11 (YubiKey PIV) generates only for its security officer (yubico-piv-tool:
 * ykcs11/ykcs11.c C_GenerateKeyPair needs login_state YKCS11_SO), and logs the SO in with the PIN
 * only when the management key is PIN-protected (ykcs11/token.c token_login), so there the login is
 * CKU_SO; id= picks the PIV slot and ykcs11 sets the label itself (see checkYkcs11Target).
 */
async function generateTokenKey(uriText, options) {
    const role = options.role ?? 'root';
    (0,_generate_js__WEBPACK_IMPORTED_MODULE_1__/* .checkKeyRole */ .cG)(role);
    const uri = (0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .parsePkcs11Uri */ .TB)(uriText);
    const token = await (0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .openToken */ .Mg)(uri, options, true);
    try {
        const yubikey = isYkcs11(token.module);
        if (yubikey)
            checkYkcs11Target(uri);
        loginToGenerate(token, options.pin, yubikey);
        refuseExisting(token, uri);
        const pair = generateP256(token, uri, yubikey);
        const what = (0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .describeObject */ .v8)(uri);
        if ((0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .findObjects */ .Qe)(token.api, token.module, token.session, token.api.CKO_PRIVATE_KEY, uri).length !== 1)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_STORE_ERROR', `token "${token.label}" made the key but does not find it by ${what}; name it by id= instead`);
        return (0,_generate_js__WEBPACK_IMPORTED_MODULE_1__/* .generatedKey */ .FQ)((0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .publicKeyObject */ .ob)(token.api, token.module, token.session, pair.publicKey, what), role);
    }
    catch (error) {
        throw (0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .storeError */ .gl)(error, token.modulePath);
    }
    finally {
        (0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .closeToken */ .Mp)(token);
    }
}
/** ykcs11's library manufacturer (yubico-piv-tool: ykcs11/ykcs11.c YKCS11_MANUFACTURER). */
function isYkcs11(module) {
    return (0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .trimmed */ .dE)(module.C_GetInfo().manufacturerID) === 'Yubico (www.yubico.com)';
}
const PIV_SLOT_NAMES = ['PIV Authentication', 'Digital Signature', 'Key Management', 'Card Authentication'];
/** ykcs11's own label for the private key of a slot id (yubico-piv-tool: ykcs11/objects.c piv_objects). */
function ykcs11KeyLabel(id) {
    if (id >= 1 && id <= 4)
        return `Private key for ${PIV_SLOT_NAMES[id - 1]}`;
    if (id >= 5 && id <= 24)
        return `Private key for Retired Key ${id - 4}`;
    return undefined;
}
/**
 * On a YubiKey, id= is the PIV slot (yubico-piv-tool: doc/YKCS11/index.adoc "Key Mapping": 1=9a,
 * 2=9c, 3=9d, 4=9e, 5-24 = retired slots 82-95; 25, f9, is the attestation key and not offered).
 * ykcs11 ignores CKA_LABEL and names each slot itself, so an object= other than that name would
 * make a key the URI cannot find again.
 */
function checkYkcs11Target(uri) {
    const id = uri.id?.length === 1 ? uri.id[0] : 0;
    const label = ykcs11KeyLabel(id);
    if (!label) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_INVALID', 'on a YubiKey, id= names the PIV slot to generate in: %01 (9a), %02 (9c), %03 (9d), %04 (9e) or %05-%18 (retired slots 82-95)');
    }
    if (uri.object !== undefined && uri.object !== label)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_INVALID', `on a YubiKey the key in id=%${uri.id.toString('hex')} is labelled "${label}" by ykcs11: drop object= or use that label`);
}
function loginToGenerate(token, pin, yubikey) {
    if (!yubikey)
        return (0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .login */ .iD)(token, token.api.CKU_USER, pin);
    try {
        (0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .login */ .iD)(token, token.api.CKU_SO, pin);
    }
    catch (error) {
        if ((0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .pkcs11Code */ .Pj)(error) !== token.api.CKR_USER_PIN_NOT_INITIALIZED)
            throw error;
        // ykcs11's answer to a PIN for the SO when the management key is not PIN-protected (ykcs11/token.c token_login).
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_ACCESS_DENIED', `the YubiKey "${token.label}" generates keys only with its management key, and it is not PIN-protected: run "ykman piv access change-management-key --protect --generate" once, give the management key (hex) instead of the PIN, or generate the key with "ykman piv keys generate --algorithm ECCP256 <slot> pub.pem" and "ykman piv certificates generate --subject CN=root <slot> pub.pem"`);
    }
}
/** KEY_EXISTS when any key or certificate already has the URI's label or id: a token key is never replaced. */
function refuseExisting(token, uri) {
    const { api, module, session } = token;
    const names = [];
    if (uri.object !== undefined)
        names.push({ object: uri.object });
    if (uri.id !== undefined)
        names.push({ id: uri.id });
    const classes = [
        [api.CKO_PRIVATE_KEY, 'a private key'],
        [api.CKO_PUBLIC_KEY, 'a public key'],
        [api.CKO_CERTIFICATE, 'a certificate'],
    ];
    const found = [];
    for (const [cls, what] of classes) {
        for (const name of names) {
            if ((0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .findObjects */ .Qe)(api, module, session, cls, name).length > 0)
                found.push(`${what} with ${(0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .describeObject */ .v8)(name)}`);
        }
    }
    if (found.length > 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_EXISTS', `token "${token.label}" already holds ${found.join(', ')}; a token key is never replaced`);
}
/**
 * On the token; the private key sensitive, never extractable and for signing only: every other
 * usage off, which ykcs11 accepts and ignores (yubico-piv-tool: ykcs11/objects.c
 * check_pvtkey_template; ykcs11/mechanisms.c in 2.2.0). Both halves carry the URI's label and id.
 */
function generateP256(token, uri, yubikey) {
    const { api, module, session } = token;
    const naming = [];
    if (uri.object !== undefined)
        naming.push({ type: api.CKA_LABEL, value: uri.object });
    if (uri.id !== undefined)
        naming.push({ type: api.CKA_ID, value: uri.id });
    const publicTemplate = [
        { type: api.CKA_TOKEN, value: true },
        { type: api.CKA_VERIFY, value: true },
        { type: api.CKA_ENCRYPT, value: false },
        { type: api.CKA_WRAP, value: false },
        { type: api.CKA_DERIVE, value: false },
        { type: api.CKA_EC_PARAMS, value: _pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .P256_PARAMS */ .Zv },
        ...naming,
    ];
    const privateTemplate = [
        { type: api.CKA_TOKEN, value: true },
        { type: api.CKA_PRIVATE, value: true },
        { type: api.CKA_SENSITIVE, value: true },
        // A PIV key cannot leave the YubiKey whatever the template says, and ykcs11 up to 2.2.0
        // (Debian 12's) refuses CKA_EXTRACTABLE in this template with CKR_ATTRIBUTE_TYPE_INVALID.
        ...(yubikey ? [] : [{ type: api.CKA_EXTRACTABLE, value: false }]),
        { type: api.CKA_SIGN, value: true },
        { type: api.CKA_DECRYPT, value: false },
        { type: api.CKA_UNWRAP, value: false },
        { type: api.CKA_DERIVE, value: false },
        ...naming,
    ];
    try {
        return module.C_GenerateKeyPair(session, { mechanism: api.CKM_EC_KEY_PAIR_GEN }, publicTemplate, privateTemplate);
    }
    catch (error) {
        if ((0,_pkcs11_token_js__WEBPACK_IMPORTED_MODULE_2__/* .pkcs11Code */ .Pj)(error) === api.CKR_USER_TYPE_INVALID)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_ACCESS_DENIED', `token "${token.label}" lets only its security officer generate keys`, { cause: error });
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_STORE_ERROR', `token "${token.label}" could not generate a P-256 key pair: ${error.message}`, {
            cause: error,
        });
    }
}


/***/ }),

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


/***/ })

};

//# sourceMappingURL=163.index.js.map