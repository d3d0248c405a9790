export const id = 729;
export const ids = [729];
export const modules = {

/***/ 6729:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_POLICY_BYTES: () => (/* binding */ MAX_POLICY_BYTES),
/* harmony export */   MAX_POLICY_RULES: () => (/* binding */ MAX_POLICY_RULES),
/* harmony export */   parseTrustPolicy: () => (/* binding */ parseTrustPolicy),
/* harmony export */   readPolicyFile: () => (/* binding */ readPolicyFile)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _util_redact_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(50767);
/* harmony import */ var _util_yaml_error_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(42738);
/* harmony import */ var _input_files_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(43044);
/* harmony import */ var _trust_values_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(99359);






/**
 * The `policy` input's file (action-interface.md, "Trust policy file"): YAML or JSON, read through
 * the YAML library's syntax tree so that every refusal names the file, the line and the field.
 * Its fields take what the inputs of the same name take, parsed by the same code.
 */
/** Bounds no policy needs to reach: a policy is a page of rules, not a database. */
const MAX_POLICY_BYTES = 1 << 20;
const MAX_POLICY_RULES = 10_000;
const MAX_ITEMS_PER_FIELD = 100;
const RULE_FIELDS = ['match', 'notary-server', 'trusted-root-keys', 'required-signers'];
/** The characters of `<registry>/<repository>`, and the wildcards `*`, `?` and `[...]`. */
const MATCH = /^[A-Za-z0-9._:/*?[\]-]{1,512}$/;
class PolicyReader {
    name;
    lines = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    constructor(name) {
        this.name = name;
    }
    fail(node, field, message) {
        const offset = node?.range?.[0] ?? 0;
        const { line, col } = this.lines.linePos(offset);
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('policy', `${this.name}:${line}:${col}: ${field}: ${message}`);
    }
    parse(text) {
        // Every value is a string (the failsafe schema): a key ID of digits and one `e` must not turn into a number.
        const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { lineCounter: this.lines, uniqueKeys: true, schema: 'failsafe' });
        const error = doc.errors[0];
        if (error) {
            const { line, col } = this.lines.linePos(error.pos[0]);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('policy', `${this.name}:${line}:${col}: not valid YAML or JSON: ${(0,_util_yaml_error_js__WEBPACK_IMPORTED_MODULE_4__/* .yamlProblem */ .T)(error.message)}`);
        }
        const top = doc.contents;
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(top))
            throw this.fail(top, 'policy', 'expected a mapping with version: 1 and repositories');
        this.onlyFields(top, '', ['version', 'repositories']);
        const version = top.get('version', true);
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(version) || String(version.value) !== '1')
            throw this.fail(version ?? top, 'version', 'expected 1');
        const repositories = top.get('repositories', true);
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(repositories) || repositories.items.length === 0)
            throw this.fail(repositories ?? top, 'repositories', 'expected a list of rules, each with match and trusted-root-keys');
        if (repositories.items.length > MAX_POLICY_RULES)
            throw this.fail(repositories, 'repositories', `more than ${MAX_POLICY_RULES} rules`);
        const seen = new Map();
        return {
            rules: repositories.items.map((item, i) => {
                const rule = this.rule(item, `repositories[${i}]`);
                const earlier = seen.get(rule.match);
                if (earlier)
                    throw this.fail(item, `repositories[${i}].match`, `${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_5__/* .quoted */ .T)(rule.match)} is already the match of ${earlier}`);
                seen.set(rule.match, `repositories[${i}] (${rule.source})`);
                return rule;
            }),
        };
    }
    onlyFields(map, prefix, allowed) {
        for (const pair of map.items) {
            const key = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? String(pair.key.value) : '';
            if (!allowed.includes(key))
                throw this.fail(pair.key, `${prefix}${key || '(key)'}`, `unknown field; expected ${allowed.join(', ')}`);
        }
    }
    rule(node, path) {
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node))
            throw this.fail(node, path, 'expected a mapping: match, trusted-root-keys, and optionally notary-server, required-signers');
        this.onlyFields(node, `${path}.`, RULE_FIELDS);
        const match = node.get('match', true);
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(match) || typeof match.value !== 'string')
            throw this.fail(match ?? node, `${path}.match`, 'is required: a glob over <registry>/<repository>, e.g. registry.example.com/team/*');
        if (!MATCH.test(match.value))
            throw this.fail(match, `${path}.match`, `${(0,_util_redact_js__WEBPACK_IMPORTED_MODULE_5__/* .quoted */ .T)(match.value)} is not a glob over <registry>/<repository>`);
        const { line } = this.lines.linePos(node.range?.[0] ?? 0);
        const server = node.get('notary-server', true);
        const notaryServer = server === undefined ? undefined : this.parsed(server, `${path}.notary-server`, (v) => (0,_trust_values_js__WEBPACK_IMPORTED_MODULE_3__/* .parseServerUrl */ .Ep)(v, 'notary-server'));
        const roots = node.get('trusted-root-keys', true);
        if (roots === undefined)
            throw this.fail(node, `${path}.trusted-root-keys`, 'is required: the root key IDs (64 hex) or root certificates (PEM) this repository chains from');
        const trustedRootKeyIds = new Set();
        for (const item of this.strings(roots, `${path}.trusted-root-keys`))
            for (const id of this.parsed(item.node, item.field, (v) => (0,_trust_values_js__WEBPACK_IMPORTED_MODULE_3__/* .parseTrustedRootKeys */ .fo)(v)))
                trustedRootKeyIds.add(id);
        if (trustedRootKeyIds.size === 0)
            throw this.fail(roots, `${path}.trusted-root-keys`, 'is empty; expected at least one root key ID or certificate');
        const signers = node.get('required-signers', true);
        const requiredSigners = signers === undefined
            ? []
            : this.strings(signers, `${path}.required-signers`).flatMap((item) => this.parsed(item.node, item.field, (v) => (0,_trust_values_js__WEBPACK_IMPORTED_MODULE_3__/* .parseSignerNames */ .cs)(v)));
        return {
            match: match.value,
            source: `${this.name}:${line}`,
            ...(notaryServer ? { notaryServer } : {}),
            trustedRootKeyIds,
            requiredSigners,
        };
    }
    /** A string, or a list of strings (as the input takes them, one per line or comma-separated). */
    strings(node, field) {
        const items = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node) ? node.items : [node];
        if (items.length > MAX_ITEMS_PER_FIELD)
            throw this.fail(node, field, `more than ${MAX_ITEMS_PER_FIELD} items`);
        return items.map((item, i) => {
            const at = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node) ? `${field}[${i}]` : field;
            if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(item) || typeof item.value !== 'string')
                throw this.fail(item, at, 'expected a string, or a list of strings');
            return { node: item, field: at, value: item.value };
        });
    }
    /** A value through the input's own parser; its refusal is re-told at the field's position. */
    parsed(node, field, parse) {
        const value = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) && typeof node.value === 'string' ? node.value : undefined;
        if (value === undefined)
            throw this.fail(node, field, 'expected a string');
        try {
            return parse(value);
        }
        catch (error) {
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz)
                throw this.fail(node, field, error.message);
            throw error;
        }
    }
}
/** The policy in `text`; `name` (the file's path) is what messages call it. */
function parseTrustPolicy(text, name) {
    return new PolicyReader(name).parse(text);
}
/** The `policy` input: the file it names, read and checked before anything is sent. */
function readPolicyFile(path) {
    return parseTrustPolicy((0,_input_files_js__WEBPACK_IMPORTED_MODULE_2__/* .readInputFile */ .j)('policy', path, 'a trust policy file (YAML or JSON)', MAX_POLICY_BYTES), path);
}


/***/ }),

/***/ 42738:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ yamlProblem)
/* harmony export */ });
/**
 * The YAML library's error message, first line only and without its position (the caller names
 * file, line and column itself): its later lines quote the source, and the source may hold secrets.
 */
function yamlProblem(message) {
    return (message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
}


/***/ })

};

//# sourceMappingURL=729.index.js.map