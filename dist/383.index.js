export const id = 383;
export const ids = [383];
export const modules = {

/***/ 62383:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   INPUT_NAMES: () => (/* binding */ INPUT_NAMES)
/* harmony export */ });
/**
 * Every input the action takes, as action.yml declares them (a test holds the two together). The
 * command line refuses any other flag: a misspelt --trusted-root-key must not quietly drop a pin.
 */
const INPUT_NAMES = [
    'command',
    'images',
    'images-file',
    'push',
    'oci-layout',
    'notary-server',
    'notary-ca',
    'insecure-registries',
    'registry-username',
    'registry-password',
    'registry-password-file',
    'signer',
    'signer-key',
    'signer-key-file',
    'signer-key-passphrase',
    'signer-key-passphrase-file',
    'root-key',
    'root-key-file',
    'root-key-passphrase',
    'root-key-passphrase-file',
    'repository-key',
    'repository-key-file',
    'repository-key-passphrase',
    'repository-key-passphrase-file',
    'signer-public-key',
    'role',
    'new-key',
    'new-key-file',
    'new-key-passphrase',
    'new-key-passphrase-file',
    'server-managed',
    'snapshot-key',
    'snapshot-key-file',
    'snapshot-key-passphrase',
    'snapshot-key-passphrase-file',
    'trusted-root-keys',
    'required-signers',
    'policy',
    'manifests',
    'pin-manifests',
    'registry-check',
    'expiry-warning-days',
    'trust-state',
    'request-timeout',
    'timeout',
    'key-file',
    'public-key-file',
    'trust-data-file',
];


/***/ })

};

//# sourceMappingURL=383.index.js.map