export const id = 688;
export const ids = [688];
export const modules = {

/***/ 29168:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ah: () => (/* binding */ withIdentityToken),
/* harmony export */   B9: () => (/* binding */ tokenOf),
/* harmony export */   Rm: () => (/* binding */ TOKEN_USER_HELPER),
/* harmony export */   WC: () => (/* binding */ tokenRequestUrl),
/* harmony export */   aR: () => (/* binding */ basicAuthorization),
/* harmony export */   pJ: () => (/* binding */ oauthTokenForm),
/* harmony export */   uV: () => (/* binding */ parseChallenges),
/* harmony export */   xq: () => (/* binding */ tokenRealm)
/* harmony export */ });
/* unused harmony exports TOKEN_USER_ACR, tokenScopes, OAUTH_CLIENT_ID */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _failures_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(79245);


/** Parses `Bearer realm="https://auth",service="registry",scope="repository:a:pull"` (and Basic). */
function parseChallenges(header) {
    const values = Array.isArray(header) ? header : header ? [header] : [];
    const out = [];
    for (const value of values) {
        const m = /^\s*([A-Za-z]+)\s*(.*)$/.exec(value);
        if (!m)
            continue;
        const params = {};
        for (const p of m[2].matchAll(/([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
            params[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : (p[3] ?? '');
        }
        out.push({ scheme: m[1].toLowerCase(), params });
    }
    return out;
}
/**
 * The user name that stands for "the password is a refresh token": Azure Container Registry's
 * (`az acr login --expose-token`), and what `az acr login` writes beside an `identitytoken`.
 */
const TOKEN_USER_ACR = '00000000-0000-0000-0000-000000000000';
/** A credential helper's user name meaning "the secret is an identity token" (docker/cli: cli/config/credentials/native_store.go tokenUsername). */
const TOKEN_USER_HELPER = '<token>';
/** Credentials whose password is a refresh token (the ACR zero user) become an identity token, as docker login turns them into one. */
function withIdentityToken(credentials) {
    if (credentials.identityToken || credentials.username !== TOKEN_USER_ACR || !credentials.password)
        return credentials;
    return { username: credentials.username, password: '', identityToken: credentials.password };
}
function basicAuthorization(credentials) {
    return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}
/**
 * The realm of a Bearer challenge to `request`, checked before anything is sent to it. The realm
 * may be another host, as docker allows (auth.docker.io issues tokens for registry-1.docker.io),
 * but an https request is never answered through a plain-http realm: that downgrade would put the
 * credentials on the network in the clear. An http realm for an http request (a loopback registry)
 * stays allowed. The realm's own text is not echoed: it is the server's, and may carry anything.
 */
function tokenRealm(realm, request) {
    const refuse = (realmName, why) => new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpError */ .j$('HTTP_AUTH', `the token realm ${realmName}that ${request.origin} names ${why}`, (0,_failures_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(request));
    let url;
    try {
        url = new URL(realm);
    }
    catch {
        throw refuse('', 'is not a URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw refuse('', `is not an http(s) URL (${url.protocol})`);
    if (url.protocol === 'http:' && request.protocol === 'https:')
        throw refuse(`${url.origin} `, 'is not HTTPS: credentials for an HTTPS server are never sent over plain HTTP');
    return url;
}
/** The scopes to ask for: the challenge's, and ours when it names another. */
function tokenScopes(params, scope) {
    return [...new Set([params.scope, scope].filter((x) => !!x))];
}
/** docker/distribution token flow (docs/spec/auth/token.md): GET realm?service=&scope=&account=. */
function tokenRequestUrl(realm, params, scope, credentials) {
    const url = new URL(realm);
    if (params.service)
        url.searchParams.set('service', params.service);
    for (const s of tokenScopes(params, scope))
        url.searchParams.append('scope', s);
    if (credentials && !credentials.identityToken)
        url.searchParams.set('account', credentials.username);
    return url;
}
/** The OAuth2 client ID the token exchange names (a required field: distribution docs/spec/auth/oauth.md). */
const OAUTH_CLIENT_ID = 'dct-sign';
/**
 * The form of an OAuth2 token request (distribution docs/spec/auth/oauth.md, as docker sends it:
 * distribution registry/client/auth/session.go fetchTokenWithOAuth): the refresh-token grant for an
 * identity token, else the password grant; scopes space-separated.
 */
function oauthTokenForm(params, scope, credentials) {
    const form = new URLSearchParams();
    form.set('scope', tokenScopes(params, scope).join(' '));
    if (params.service)
        form.set('service', params.service);
    form.set('client_id', OAUTH_CLIENT_ID);
    if (credentials.identityToken) {
        form.set('grant_type', 'refresh_token');
        form.set('refresh_token', credentials.identityToken);
    }
    else {
        form.set('grant_type', 'password');
        form.set('username', credentials.username);
        form.set('password', credentials.password);
    }
    return form.toString();
}
/** The token of a token server's JSON answer (`token`, or OAuth2's `access_token`). */
function tokenOf(body, from) {
    let parsed;
    try {
        parsed = JSON.parse(Buffer.from(body).toString('utf8'));
    }
    catch {
        parsed = undefined;
    }
    const fields = typeof parsed === 'object' && parsed !== null ? parsed : {};
    const token = fields.token ?? fields.access_token;
    if (typeof token !== 'string' || !token)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpError */ .j$('HTTP_AUTH', `token response from ${from.origin} has no token`, (0,_failures_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP)(from));
    return token;
}


/***/ }),

/***/ 73329:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ HttpClient)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(41692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/* harmony import */ var _auth_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(29168);
/* harmony import */ var _failures_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(79245);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(28902);
/* harmony import */ var _proxy_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(57856);








class HttpClient {
    options;
    httpsAgent;
    httpAgent = new (node_http__WEBPACK_IMPORTED_MODULE_0___default().Agent)({ keepAlive: true, maxSockets: 16 });
    /** Agents through a proxy, by proxy and scheme; made on first use. */
    proxyAgents = new Map();
    /**
     * The system roots plus the extra CA, built once: given as `ca`, every connection would parse
     * all ~150 certificates again, and every request's agent key would concatenate them.
     */
    secureContext;
    /** Authorization headers that worked, by host and scope, so later requests skip the 401. */
    authCache = new Map();
    /** What the signal stops: each request in flight and each wait registers its own stopper. */
    stoppers = new Set();
    onAbort = () => [...this.stoppers].forEach((stop) => stop());
    attempts;
    backoffMs;
    timeoutMs;
    requestDeadlineMs;
    maxRetryAfterMs;
    constructor(options = {}) {
        this.options = options;
        this.secureContext = options.extraCa ? (0,node_tls__WEBPACK_IMPORTED_MODULE_2__.createSecureContext)({ ca: [...node_tls__WEBPACK_IMPORTED_MODULE_2__.rootCertificates, options.extraCa] }) : undefined;
        this.httpsAgent = new (node_https__WEBPACK_IMPORTED_MODULE_1___default().Agent)({
            keepAlive: true,
            maxSockets: 16,
            ...(this.secureContext ? { secureContext: this.secureContext } : {}),
        });
        this.attempts = Math.max(1, options.attempts ?? 4);
        this.backoffMs = options.backoffMs ?? 250;
        this.timeoutMs = options.timeoutMs ?? 30_000;
        this.requestDeadlineMs = options.requestDeadlineMs ?? 120_000;
        this.maxRetryAfterMs = options.maxRetryAfterMs ?? 30_000;
        // One listener for the client, not one per request: a signal warns past 10 listeners.
        options.signal?.addEventListener('abort', this.onAbort, { once: true });
    }
    close() {
        this.options.signal?.removeEventListener('abort', this.onAbort);
        this.httpsAgent.destroy();
        this.httpAgent.destroy();
        for (const agent of this.proxyAgents.values())
            agent.destroy();
    }
    /** The agent for `url`: through the proxy the settings pick for it, else direct. The extra CA applies either way. */
    agentFor(url, proxy) {
        const secure = url.protocol === 'https:';
        if (!proxy)
            return secure ? this.httpsAgent : this.httpAgent;
        const key = `${url.protocol}|${proxy.href}`;
        let agent = this.proxyAgents.get(key);
        if (!agent) {
            agent = (0,_proxy_js__WEBPACK_IMPORTED_MODULE_7__/* .proxyAgent */ .QT)(proxy, secure ? 'https:' : 'http:');
            this.proxyAgents.set(key, agent);
        }
        return agent;
    }
    /** A request with auth (401 -> token or basic, once) and retries. */
    async request(req) {
        const url = new URL(req.url);
        // By origin, scheme included: an authorization earned over https never rides a plain-http request to that host.
        const cacheKey = `${url.origin}|${req.scope ?? ''}`;
        const cached = this.authCache.get(cacheKey);
        const response = await this.send(cached ? withAuthorization(req, cached) : req);
        if (response.status !== 401)
            return response;
        const authorization = await this.authorize(url, response, req.scope);
        if (!authorization)
            return response;
        const retried = await this.send(withAuthorization(req, authorization));
        if (retried.status !== 401)
            this.authCache.set(cacheKey, authorization);
        return retried;
    }
    /**
     * The answer to a 401's challenges. Whose credentials go where, as docker does: they are looked
     * up for the host the request went to (the registry or Notary server), never for a realm's host;
     * a Basic answer goes back only to that host (the same URL, and the cache is keyed by host), and
     * a Bearer challenge sends them to the realm it names, which may be another host. Sources:
     * docker/cli: cli/trust/trust.go (simpleCredentialStore.Basic returns the registry's login
     * whatever URL it is asked for), distribution: registry/client/auth/session.go (fetchToken puts
     * them on the realm request). Ours on top: no plain-http realm for an https request (tokenRealm).
     */
    async authorize(url, response, scope) {
        let credentials;
        const lookUp = () => (credentials ??= this.options.credentials?.(url) ?? Promise.resolve(undefined));
        for (const challenge of (0,_auth_js__WEBPACK_IMPORTED_MODULE_4__/* .parseChallenges */ .uV)(response.headers['www-authenticate'])) {
            if (challenge.scheme === 'bearer' && challenge.params.realm) {
                const realm = (0,_auth_js__WEBPACK_IMPORTED_MODULE_4__/* .tokenRealm */ .xq)(challenge.params.realm, url);
                return `Bearer ${await this.fetchToken(realm, challenge.params, scope, await lookUp())}`;
            }
            const basic = challenge.scheme === 'basic' ? await lookUp() : undefined;
            if (basic && !basic.identityToken)
                return (0,_auth_js__WEBPACK_IMPORTED_MODULE_4__/* .basicAuthorization */ .aR)(basic);
        }
        return undefined;
    }
    /**
     * A token from the realm, the way docker gets one (distribution registry/client/auth/session.go):
     * an identity token is traded with the OAuth2 refresh-token grant (POST); a user name and password
     * go as Basic auth on a GET (docs/spec/auth/token.md), and when the realm does not serve GET (404
     * or 405, an OAuth2-only server) with the password grant instead.
     */
    async fetchToken(realm, params, scope, credentials) {
        if (credentials?.identityToken)
            return this.postToken(realm, params, scope, credentials, 'the identity token was refused');
        const url = (0,_auth_js__WEBPACK_IMPORTED_MODULE_4__/* .tokenRequestUrl */ .WC)(realm, params, scope, credentials);
        const headers = credentials ? { authorization: (0,_auth_js__WEBPACK_IMPORTED_MODULE_4__/* .basicAuthorization */ .aR)(credentials) } : {};
        const response = await this.send({ url: url.toString(), headers, maxBytes: 1 << 20 });
        if (credentials && (response.status === 404 || response.status === 405))
            return this.postToken(realm, params, scope, credentials, 'the credentials were refused');
        if (response.status !== 200) {
            const hint = credentials ? (response.status === 401 ? ' (the credentials were refused)' : '') : ' (no credentials configured)';
            // Origin and path only: the query carries the account, and whatever the realm put there.
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .HttpError */ .j$('HTTP_AUTH', `token request to ${(0,_failures_js__WEBPACK_IMPORTED_MODULE_5__/* .shown */ .SP)(url)} failed with HTTP ${response.status}${hint}`, (0,_failures_js__WEBPACK_IMPORTED_MODULE_5__/* .shown */ .SP)(url));
        }
        return (0,_auth_js__WEBPACK_IMPORTED_MODULE_4__/* .tokenOf */ .B9)(response.body, url);
    }
    /** The OAuth2 token request: a form POST to the realm, never retried on 4xx. */
    async postToken(realm, params, scope, credentials, refused) {
        const body = new Uint8Array(Buffer.from((0,_auth_js__WEBPACK_IMPORTED_MODULE_4__/* .oauthTokenForm */ .pJ)(params, scope, credentials)));
        const response = await this.send({
            method: 'POST',
            url: realm.toString(),
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body,
            maxBytes: 1 << 20,
        });
        if (response.status !== 200) {
            const hint = response.status === 400 || response.status === 401 ? ` (${refused})` : '';
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .HttpError */ .j$('HTTP_AUTH', `token request to ${(0,_failures_js__WEBPACK_IMPORTED_MODULE_5__/* .shown */ .SP)(realm)} failed with HTTP ${response.status}${hint}`, (0,_failures_js__WEBPACK_IMPORTED_MODULE_5__/* .shown */ .SP)(realm));
        }
        return (0,_auth_js__WEBPACK_IMPORTED_MODULE_4__/* .tokenOf */ .B9)(response.body, realm);
    }
    /** One request with retries on connection errors and 5xx/429, every wait cut short by the signal. */
    async send(req) {
        const attempts = req.retry === false ? 1 : this.attempts;
        for (let attempt = 1;; attempt++) {
            let wait;
            try {
                const response = await this.once(req);
                wait = attempt < attempts ? this.retryWait(response, attempt) : undefined;
                if (wait === undefined)
                    return response;
            }
            catch (error) {
                if (attempt >= attempts || !(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .HttpError */ .j$) || !error.retryable)
                    throw error;
                wait = (0,_retry_js__WEBPACK_IMPORTED_MODULE_6__/* .backoff */ .JN)(this.backoffMs, attempt);
            }
            await this.pause(wait, new URL(req.url));
        }
    }
    /** How long to wait before trying this response's request again, or undefined to return it. */
    retryWait(response, attempt) {
        if (response.status < 500 && response.status !== 429)
            return undefined;
        const asked = response.status === 429 || response.status === 503 ? (0,_retry_js__WEBPACK_IMPORTED_MODULE_6__/* .retryAfterMs */ .Vs)(response.headers['retry-after'], Date.now()) : undefined;
        if (asked === undefined)
            return (0,_retry_js__WEBPACK_IMPORTED_MODULE_6__/* .backoff */ .JN)(this.backoffMs, attempt);
        // Longer than we wait: the response goes back now, as after the last attempt, and the caller
        // reports its status; failing here instead would hide which server said so and why.
        return asked <= this.maxRetryAfterMs ? asked : undefined;
    }
    /** A wait between attempts that the signal ends at once. */
    pause(ms, url) {
        if (this.options.signal?.aborted)
            return Promise.reject((0,_failures_js__WEBPACK_IMPORTED_MODULE_5__/* .abortedError */ .ip)(url));
        return new Promise((resolve, reject) => {
            const stop = () => {
                clearTimeout(timer);
                this.stoppers.delete(stop);
                reject((0,_failures_js__WEBPACK_IMPORTED_MODULE_5__/* .abortedError */ .ip)(url));
            };
            const timer = setTimeout(() => {
                this.stoppers.delete(stop);
                resolve();
            }, ms);
            this.stoppers.add(stop);
        });
    }
    /** One attempt: the request, its capped body, the idle timeout; `bounded` adds the deadline and the signal. */
    once(req) {
        const url = new URL(req.url);
        if (this.options.signal?.aborted)
            return Promise.reject((0,_failures_js__WEBPACK_IMPORTED_MODULE_5__/* .abortedError */ .ip)(url));
        const proxy = this.options.proxy ? (0,_proxy_js__WEBPACK_IMPORTED_MODULE_7__/* .proxyFor */ .iJ)(this.options.proxy, url) : undefined;
        const request = (url.protocol === 'https:' ? (node_https__WEBPACK_IMPORTED_MODULE_1___default()) : (node_http__WEBPACK_IMPORTED_MODULE_0___default())).request(url, {
            method: req.method ?? 'GET',
            agent: this.agentFor(url, proxy),
            // Through a CONNECT tunnel the TLS to the server is made from these options, not the agent's.
            ...(proxy && this.secureContext ? { secureContext: this.secureContext } : {}),
            headers: {
                'user-agent': this.options.userAgent ?? 'dct-sign',
                ...req.headers,
                ...(req.body ? { 'content-length': String(req.body.length) } : {}),
            },
            timeout: this.timeoutMs,
        });
        const exchange = new Promise((resolve, reject) => {
            request.on('response', (response) => void readBody(response, req, url).then(resolve, reject));
            request.on('timeout', () => request.destroy((0,_failures_js__WEBPACK_IMPORTED_MODULE_5__/* .idleError */ .NF)(url, this.timeoutMs)));
            request.on('error', (error) => reject((0,_failures_js__WEBPACK_IMPORTED_MODULE_5__/* .connectionError */ .$t)(url, error, proxy && (0,_proxy_js__WEBPACK_IMPORTED_MODULE_7__/* .shownProxy */ .qb)(proxy))));
        });
        request.end(req.body ? Buffer.from(req.body) : undefined);
        return this.bounded(url, request, exchange);
    }
    /** The exchange, or the first of its deadline and the signal: either destroys the socket. */
    bounded(url, request, exchange) {
        let stopWith;
        const stopped = new Promise((_resolve, reject) => {
            stopWith = (error) => {
                reject(error);
                request.destroy();
            };
        });
        const abort = () => stopWith((0,_failures_js__WEBPACK_IMPORTED_MODULE_5__/* .abortedError */ .ip)(url));
        const timer = setTimeout(() => stopWith((0,_failures_js__WEBPACK_IMPORTED_MODULE_5__/* .deadlineError */ .$f)(url, this.requestDeadlineMs)), this.requestDeadlineMs);
        this.stoppers.add(abort);
        return Promise.race([exchange, stopped]).finally(() => {
            clearTimeout(timer);
            this.stoppers.delete(abort);
        });
    }
}
function withAuthorization(req, authorization) {
    return { ...req, headers: { ...req.headers, authorization } };
}
/** The body, read while it streams and stopped at `maxBytes`. */
function readBody(response, req, url) {
    return new Promise((resolve, reject) => {
        const declared = Number(response.headers['content-length'] ?? NaN);
        // A HEAD response declares the length of a body it does not send.
        if (req.method !== 'HEAD' && declared > req.maxBytes) {
            response.destroy();
            reject((0,_failures_js__WEBPACK_IMPORTED_MODULE_5__/* .tooLargeError */ .SH)(url, `declares ${declared} bytes, more than the ${req.maxBytes} allowed`));
            return;
        }
        const chunks = [];
        let size = 0;
        response.on('data', (chunk) => {
            size += chunk.length;
            if (size <= req.maxBytes)
                return void chunks.push(chunk);
            response.destroy();
            reject((0,_failures_js__WEBPACK_IMPORTED_MODULE_5__/* .tooLargeError */ .SH)(url, `is larger than the ${req.maxBytes} bytes allowed`));
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: new Uint8Array(Buffer.concat(chunks)) }));
        response.on('error', (error) => reject((0,_failures_js__WEBPACK_IMPORTED_MODULE_5__/* .connectionError */ .$t)(url, error)));
    });
}


/***/ }),

/***/ 79245:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $f: () => (/* binding */ deadlineError),
/* harmony export */   $t: () => (/* binding */ connectionError),
/* harmony export */   NF: () => (/* binding */ idleError),
/* harmony export */   SH: () => (/* binding */ tooLargeError),
/* harmony export */   SP: () => (/* binding */ shown),
/* harmony export */   ip: () => (/* binding */ abortedError)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(28902);


/**
 * A URL as an error may show it, in its message and its `url`: origin and path only. Userinfo
 * (`https://user:pw@host`) would put a password in the job log, and a query (a token realm's
 * `account=`, a signed upload URL) may name an account or carry a secret.
 */
function shown(url) {
    return `${url.origin}${url.pathname}`;
}
const seconds = (ms) => `${ms / 1000} s`;
/**
 * A socket or TLS failure, as Node reported it (its words name no URL). `proxy` is the proxy the
 * request went through (already stripped of credentials), so the message says which hop failed.
 */
function connectionError(url, error, proxy) {
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpError */ .j$)
        return error;
    const errno = error.code ?? 'ERROR';
    const system = `${error.message}${error.code && !error.message.includes(error.code) ? ` (${error.code})` : ''}`;
    const reason = proxy ? `${system}, through the proxy ${proxy}` : system;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpError */ .j$(errno === 'ETIMEDOUT' ? 'HTTP_TIMEOUT' : 'HTTP_CONNECTION', `cannot reach ${url.origin}: ${reason}`, shown(url), {
        errno,
        reason,
        retryable: _retry_js__WEBPACK_IMPORTED_MODULE_1__/* .RETRYABLE_CODES */ .wX.has(errno),
    });
}
/** Nothing sent or received for `ms`: retried, like a dropped connection. */
function idleError(url, ms) {
    const reason = `no data for ${seconds(ms)}`;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpError */ .j$('HTTP_TIMEOUT', `${shown(url)} timed out: ${reason}`, shown(url), { errno: 'ETIMEDOUT', reason, retryable: true });
}
/** The request's overall deadline passed: not retried, as each retry of a server that slow would take as long again. */
function deadlineError(url, ms) {
    const reason = `did not complete within its ${seconds(ms)} deadline`;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpError */ .j$('HTTP_TIMEOUT', `request to ${shown(url)} ${reason}`, shown(url), { reason, retryable: false });
}
function abortedError(url) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpError */ .j$('HTTP_ABORTED', `request to ${shown(url)} stopped: the command's deadline passed`, shown(url), {
        reason: "the command's deadline passed",
        retryable: false,
    });
}
/** A response over its cap (`what` says by how much): never retried, the same server would send it again. */
function tooLargeError(url, what) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpError */ .j$('HTTP_TOO_LARGE', `response from ${shown(url)} ${what}`, shown(url));
}


/***/ }),

/***/ 57856:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JB: () => (/* binding */ NO_PROXY_SETTINGS),
/* harmony export */   QT: () => (/* binding */ proxyAgent),
/* harmony export */   Qr: () => (/* binding */ ProxyRoutingAgent),
/* harmony export */   iJ: () => (/* binding */ proxyFor),
/* harmony export */   qb: () => (/* binding */ shownProxy)
/* harmony export */ });
/* unused harmony export bypassesProxy */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(37067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(44708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var agent_base__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(319);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(77030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var http_proxy_agent__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(28947);
/* harmony import */ var https_proxy_agent__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(71566);






const NO_PROXY_SETTINGS = { noProxy: [] };
/**
 * Whether `url` is exempt from the proxy, with the rules curl and Go's httpproxy share: `*` is
 * every host; `example.com` and `.example.com` match the host and its subdomains; an IP address or
 * CIDR block matches addresses; `host:port` needs the port too. Written here because
 * proxy-from-env, the usual library, reads process.env itself, which only the action layer does.
 */
function bypassesProxy(noProxy, url) {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    for (const raw of noProxy) {
        const entry = raw.trim().toLowerCase();
        if (!entry)
            continue;
        if (entry === '*')
            return true;
        const [entryHost, entryPort] = splitHostPort(entry);
        if (entryPort && entryPort !== port)
            continue;
        if (entryHost.includes('/')) {
            if ((0,node_net__WEBPACK_IMPORTED_MODULE_3__.isIP)(host) && inCidr(host, entryHost))
                return true;
            continue;
        }
        const name = entryHost.replace(/^\*?\./, '');
        // An address matches only itself: 10.0.0.1 is no "subdomain" of 0.0.1.
        if (host === name || (!(0,node_net__WEBPACK_IMPORTED_MODULE_3__.isIP)(host) && !(0,node_net__WEBPACK_IMPORTED_MODULE_3__.isIP)(name) && host.endsWith(`.${name}`)))
            return true;
    }
    return false;
}
function splitHostPort(entry) {
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    if (bracketed)
        return [bracketed[1], bracketed[2]];
    const m = /^([^:]+):(\d+)$/.exec(entry);
    return m ? [m[1], m[2]] : [entry, undefined];
}
function inCidr(address, cidr) {
    const [network, bits] = cidr.split('/');
    const family = (0,node_net__WEBPACK_IMPORTED_MODULE_3__.isIP)(network ?? '');
    const prefix = Number(bits);
    if (!family || !Number.isInteger(prefix) || (0,node_net__WEBPACK_IMPORTED_MODULE_3__.isIP)(address) !== family)
        return false;
    const list = new node_net__WEBPACK_IMPORTED_MODULE_3__.BlockList();
    try {
        list.addSubnet(network, prefix, family === 4 ? 'ipv4' : 'ipv6');
    }
    catch {
        return false;
    }
    return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
/** The proxy a request to `url` goes through, or undefined for a direct connection. */
function proxyFor(settings, url) {
    const proxy = url.protocol === 'https:' ? settings.httpsProxy : settings.httpProxy;
    if (!proxy || bypassesProxy(settings.noProxy, url))
        return undefined;
    return proxy;
}
/** A proxy URL for messages: scheme, host and port, never the user and password it may carry. */
function shownProxy(proxy) {
    return `${proxy.protocol}//${proxy.host}`;
}
/**
 * The node:http(s) agent that sends requests for `target` through `proxy`: CONNECT for https (TLS
 * to the target inside the tunnel, so the target's certificate and our CAs apply as without a
 * proxy), the absolute-URI form for http. One library for our client and the AWS SDK's handler,
 * which both take node agents; it is the one Azure's and Google's SDKs use too.
 */
function proxyAgent(proxy, target, options = {}) {
    const common = { keepAlive: options.keepAlive ?? true, maxSockets: options.maxSockets ?? 16 };
    return target === 'https:' ? new https_proxy_agent__WEBPACK_IMPORTED_MODULE_5__/* .HttpsProxyAgent */ .b(proxy, common) : new http_proxy_agent__WEBPACK_IMPORTED_MODULE_4__/* .HttpProxyAgent */ .s(proxy, common);
}
/**
 * One agent for a client whose hosts are not known in advance (an SDK's endpoint resolves inside
 * it): each connection goes through the proxy the settings pick for its host, or directly.
 */
class ProxyRoutingAgent extends agent_base__WEBPACK_IMPORTED_MODULE_2__/* .Agent */ .g6 {
    settings;
    agentOptions;
    agents = new Map();
    constructor(settings, agentOptions = {}) {
        super({ keepAlive: agentOptions.keepAlive ?? true });
        this.settings = settings;
        this.agentOptions = agentOptions;
    }
    connect(_request, target) {
        const protocol = target.secureEndpoint ? 'https:' : 'http:';
        const host = target.host ?? 'localhost';
        const url = new URL(`${protocol}//${host.includes(':') ? `[${host}]` : host}:${target.port}`);
        const proxy = proxyFor(this.settings, url);
        const key = `${protocol}|${proxy?.href ?? 'direct'}`;
        let agent = this.agents.get(key);
        if (!agent) {
            const common = { keepAlive: this.agentOptions.keepAlive ?? true, maxSockets: this.agentOptions.maxSockets ?? 16 };
            agent = proxy
                ? proxyAgent(proxy, protocol, this.agentOptions)
                : protocol === 'https:'
                    ? new (node_https__WEBPACK_IMPORTED_MODULE_1___default().Agent)(common)
                    : new (node_http__WEBPACK_IMPORTED_MODULE_0___default().Agent)(common);
            this.agents.set(key, agent);
        }
        return agent;
    }
    destroy() {
        for (const agent of this.agents.values())
            agent.destroy();
        this.agents.clear();
        super.destroy();
    }
}


/***/ }),

/***/ 28902:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JN: () => (/* binding */ backoff),
/* harmony export */   Vs: () => (/* binding */ retryAfterMs),
/* harmony export */   wX: () => (/* binding */ RETRYABLE_CODES)
/* harmony export */ });
/** When to try a request again, and how long to wait first. */
/** Connection errors worth another attempt: the server or the path to it may be back in a moment. */
const RETRYABLE_CODES = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
    'ENOTFOUND',
    'EHOSTUNREACH',
    'ECONNABORTED',
    'UND_ERR_SOCKET',
]);
/** Exponential backoff with ±25 % jitter, so parallel jobs do not retry in step: base, 2×base, 4×base… */
function backoff(baseMs, attempt) {
    return baseMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2);
}
/**
 * A Retry-After header (RFC 9110 section 10.2.3) as milliseconds from `now`: delay-seconds or an
 * HTTP-date, a date already past being 0. Undefined when absent or malformed: the backoff applies.
 */
function retryAfterMs(value, now) {
    const text = value?.trim();
    if (!text)
        return undefined;
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    // The three HTTP-date forms (IMF-fixdate, RFC 850, asctime) start with the day's name; Date.parse
    // alone would also take "5.5" or "2" as dates.
    const date = /^[A-Za-z]{3}/.test(text) ? Date.parse(text) : NaN;
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
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

//# sourceMappingURL=688.index.js.map