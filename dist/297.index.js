export const id = 297;
export const ids = [297];
export const modules = {

/***/ 8678:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AwsKmsSigner: () => (/* binding */ AwsKmsSigner)
/* harmony export */ });
/* unused harmony exports parseKmsUri, derToRawSignature */
/* harmony import */ var _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2632);
/* harmony import */ var _noble_curves_nist_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(895);
/* harmony import */ var _noble_hashes_sha2_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(5108);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _tuf_keys_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5591);
/* harmony import */ var _tuf_signatures_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3625);
/* harmony import */ var _tuf_x509_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4103);
/* harmony import */ var _util_hosts_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2075);
/* harmony import */ var _util_redact_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(767);









const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32}|alias\/[A-Za-z0-9/_-]{1,250})$/;
const ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:(?:key\/[A-Za-z0-9-]+|alias\/[A-Za-z0-9/_-]+)$/;
function parseKmsUri(uri) {
    const rest = uri.slice('awskms://'.length);
    const slash = rest.indexOf('/');
    const endpoint = slash > 0 ? rest.slice(0, slash) : undefined;
    const keyId = slash >= 0 ? rest.slice(slash + 1) : rest;
    const arn = ARN.exec(keyId);
    if (!arn && !KEY_ID.test(keyId)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_INVALID', `${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_4__/* .quoted */ .T)(uri)} is not an AWS KMS key URI; expected awskms://[endpoint]/<key id, alias/name, key ARN or alias ARN>`);
    }
    return { uri, keyId, ...(endpoint ? { endpoint } : {}), ...(arn ? { region: arn[1] } : {}) };
}
/** KMS signs ECDSA as a DER ECDSA-Sig-Value; notary wants raw r||s, 32 bytes each for P-256. */
function derToRawSignature(der) {
    try {
        return _noble_curves_nist_js__WEBPACK_IMPORTED_MODULE_5__/* .p256 */ .s9.Signature.fromBytes(der, 'der').toBytes('compact');
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .KeyError */ .eN('KEY_SIGN_FAILED', 'AWS KMS returned a signature that is not a DER P-256 ECDSA signature', { cause: error });
    }
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
    static async open(uri, limits = {}) {
        const key = parseKmsUri(uri);
        const endpoint = key.endpoint ? `${(0,_util_hosts_js__WEBPACK_IMPORTED_MODULE_6__/* .isLoopbackHost */ .c)(key.endpoint) ? 'http' : 'https'}://${key.endpoint}` : undefined;
        // Throttling and 5xx are retried by the SDK's standard strategy, with a bound.
        const client = new _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_7__/* .KMSClient */ .pgq({
            maxAttempts: 5,
            retryMode: 'standard',
            ...(key.region ? { region: key.region } : {}),
            ...(endpoint ? { endpoint } : {}),
            ...(limits.requestTimeoutMs
                ? {
                    requestHandler: {
                        connectionTimeout: limits.requestTimeoutMs,
                        requestTimeout: limits.requestTimeoutMs,
                        throwOnRequestTimeout: true,
                    },
                }
                : {}),
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


/***/ })

};

//# sourceMappingURL=297.index.js.map