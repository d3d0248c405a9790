export const id = 731;
export const ids = [731];
export const modules = {

/***/ 39731:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  COMMAND_INPUTS: () => (/* binding */ COMMAND_INPUTS),
  commandUsage: () => (/* binding */ commandUsage),
  inputsOf: () => (/* binding */ inputsOf),
  parseCommandLine: () => (/* binding */ parseCommandLine),
  parseInputDescriptions: () => (/* binding */ parseInputDescriptions),
  readInputDescriptions: () => (/* binding */ readInputDescriptions),
  runCli: () => (/* binding */ runCli),
  usage: () => (/* binding */ usage)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./src/version.ts
/** The release of dct-sign (package.json's version; a test holds the two together). */
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./src/cli.ts




/**
 * The command line over the same core as the action. Only this file and version.ts load for
 * `--version`: the input lists come in for parsing and help, the core (main.js, every SDK) only
 * for a command that runs.
 */
/** What each command reads: the action's inputs (docs/inputs.md, "used by"; a test holds the two together). */
const NETWORK_INPUTS = [
    'images',
    'images-file',
    'notary-server',
    'notary-ca',
    'insecure-registries',
    'registry-username',
    'registry-password',
    'trusted-root-keys',
    'trust-state',
    'expiry-warning-days',
    'request-timeout',
    'timeout',
];
const SNAPSHOT_KEY = ['snapshot-key', 'snapshot-key-passphrase'];
const REPOSITORY_KEY = ['repository-key', 'repository-key-passphrase'];
const ROOT_KEY = ['root-key', 'root-key-passphrase'];
const COMMAND_INPUTS = {
    sign: { own: ['push', 'oci-layout', 'signer', 'signer-key', 'signer-key-passphrase', ...SNAPSHOT_KEY], network: true },
    verify: { own: ['required-signers', 'policy', 'manifests', 'pin-manifests', 'registry-check'], network: true },
    inspect: { own: ['trust-data-file'], network: true },
    init: { own: [...ROOT_KEY, ...REPOSITORY_KEY, 'server-managed', ...SNAPSHOT_KEY], network: true },
    // signer-key-passphrase: the PIN of a token that signer-public-key reads from (inputs.ts readPublicKeySetting).
    'add-signer': { own: ['signer', 'signer-public-key', 'signer-key-passphrase', ...REPOSITORY_KEY, ...SNAPSHOT_KEY], network: true },
    'remove-signer': { own: ['signer', ...REPOSITORY_KEY, ...SNAPSHOT_KEY], network: true },
    'rotate-key': {
        own: ['role', ...ROOT_KEY, ...REPOSITORY_KEY, 'new-key', 'new-key-passphrase', 'server-managed', ...SNAPSHOT_KEY],
        network: true,
    },
    renew: {
        own: [...ROOT_KEY, ...REPOSITORY_KEY, 'signer-key', 'signer-key-passphrase', ...SNAPSHOT_KEY],
        network: true,
    },
    'generate-key': { own: ['role', 'key-file', 'public-key-file', 'new-key', 'new-key-passphrase'], network: false },
};
/** Every input a command reads, its own first. */
function inputsOf(command) {
    const { own, network } = COMMAND_INPUTS[command];
    return [...own, ...(network ? NETWORK_INPUTS : [])];
}
const COMMAND_SUMMARIES = {
    sign: 'push (optional) and sign tags into targets/releases and targets/<signer>, publish, read back and verify',
    verify: 'verify the trust data and registry digest of every image; output the digests to deploy by',
    inspect: "what docker trust inspect printed, fully verified, with each role's expiry",
    init: "create a repository's trust data: root and targets (by default the server holds the timestamp and snapshot keys)",
    'add-signer': "add a signer's public key to targets/<signer> and targets/releases",
    'remove-signer': 'remove a signer from the repository',
    'rotate-key': 'replace the key of root, targets, snapshot, timestamp or a delegation',
    renew: 're-sign, with fresh expiry dates, every role the keys given can sign that expires soon or has expired',
    'generate-key': 'a new P-256 key: an encrypted key file as docker writes it, or a key on a PKCS#11 token',
};
async function loadVocabulary() {
    const [{ COMMANDS }, { INPUT_NAMES }, { SECRET_INPUTS }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(108), __webpack_require__.e(947)]).then(__webpack_require__.bind(__webpack_require__, 76947)),
        __webpack_require__.e(/* import() */ 383).then(__webpack_require__.bind(__webpack_require__, 62383)),
        __webpack_require__.e(/* import() */ 307).then(__webpack_require__.bind(__webpack_require__, 44688)),
    ]);
    return { commands: COMMANDS, inputNames: new Set(INPUT_NAMES), secretInputs: SECRET_INPUTS };
}
/**
 * Each input's description, from action.yml: one text for the action's users and the command line.
 * The bundler copies the file beside the bundle (it follows this path), so an installed package
 * has it; without it, help lists the names alone.
 */
function readInputDescriptions() {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(__webpack_require__.ab + "action.yml", 'utf8');
    }
    catch {
        return new Map();
    }
    return parseInputDescriptions(text);
}
/** action.yml's `inputs:` block, as it is written there: `  <name>:` then `    description: <one quoted line>`. */
function parseInputDescriptions(yaml) {
    const descriptions = new Map();
    const block = yaml.split(/^inputs:\n/m)[1]?.split(/^\S/m)[0] ?? '';
    for (const m of block.matchAll(/^ {2}([a-z][a-z-]*):\n {4}description: (.+)$/gm)) {
        const raw = m[2].trim();
        // YAML: a single-quoted scalar doubles its quotes; the double-quoted ones here use no escapes.
        if (raw.startsWith("'") && raw.endsWith("'"))
            descriptions.set(m[1], raw.slice(1, -1).replace(/''/g, "'"));
        else if (raw.startsWith('"') && raw.endsWith('"'))
            descriptions.set(m[1], raw.slice(1, -1).replace(/\\"/g, '"'));
        else
            descriptions.set(m[1], raw);
    }
    return descriptions;
}
const WIDTH = 100;
/** Words wrapped to WIDTH columns, every line indented. */
function wrap(text, indent) {
    const lines = [];
    let line = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
        if (line && indent.length + line.length + 1 + word.length > WIDTH) {
            lines.push(indent + line);
            line = word;
        }
        else
            line = line ? `${line} ${word}` : word;
    }
    if (line)
        lines.push(indent + line);
    return lines.join('\n');
}
const ENVIRONMENT_NOTE = 'Every input is also read from INPUT_<NAME> (upper-cased, dashes kept: INPUT_SIGNER-KEY), as on a runner; a flag wins ' +
    "over the variable. Secrets go in files (--<input>-file PATH, one trailing newline dropped) or INPUT_* variables: a flag's " +
    'value is visible to other users (ps).';
const capitalized = (text) => text.charAt(0).toUpperCase() + text.slice(1);
function usage(commands) {
    const width = Math.max(...commands.map((c) => c.length)) + 2;
    return [
        `usage: dct-sign <${commands.join('|')}> [--<input-name> VALUE ...]\n       dct-sign <command> --help\n       dct-sign --version`,
        `Commands:\n${commands.map((c) => `  ${c.padEnd(width)}${COMMAND_SUMMARIES[c]}`).join('\n')}`,
        wrap("Flags are the action's input names (--images, --signer-key, --notary-server, ...), as --name VALUE or --name=VALUE; " +
            `dct-sign <command> --help lists a command's inputs. ${ENVIRONMENT_NOTE}`, ''),
        wrap('Outputs are printed as name=value lines (a multi-line value JSON-quoted) when GITHUB_OUTPUT is not set. Exit status: ' +
            '0 on success, 1 on any failure (an unknown command or flag included).', ''),
    ].join('\n\n');
}
function commandUsage(command, vocabulary, descriptions) {
    const entry = (input) => {
        const flags = vocabulary.secretInputs.includes(input) ? `--${input} VALUE, --${input}-file PATH` : `--${input} VALUE`;
        const description = descriptions.get(input);
        return description ? `  ${flags}\n${wrap(description, '      ')}` : `  ${flags}`;
    };
    const { own, network } = COMMAND_INPUTS[command];
    const sections = [
        `usage: dct-sign ${command} [--<input-name> VALUE ...]`,
        wrap(`${capitalized(COMMAND_SUMMARIES[command])}.`, ''),
        wrap(ENVIRONMENT_NOTE, ''),
        `Inputs of ${command}:\n${own.map(entry).join('\n')}`,
    ];
    if (network)
        sections.push(`Inputs of every command that reads trust data:\n${NETWORK_INPUTS.map(entry).join('\n')}`);
    return sections.join('\n\n');
}
/**
 * `dct-sign <command> --<input> VALUE ...` read: the command is the first word, every flag an input
 * of the action or a secret input's `-file` twin. A misspelt flag is refused: ignored,
 * --trusted-root-key would quietly drop the pin it was meant to set.
 */
async function parseCommandLine(argv) {
    const [first, ...rest] = argv;
    if (first === '--version')
        return { kind: 'version' };
    const vocabulary = await loadVocabulary();
    const isHelp = (arg) => arg === '--help' || arg === '-h';
    if (first === undefined || isHelp(first))
        return { kind: 'help', text: usage(vocabulary.commands), exitCode: first ? 0 : 1 };
    const shown = (arg) => JSON.stringify(arg.slice(0, 80));
    if (!vocabulary.commands.includes(first)) {
        const why = first.startsWith('-') ? 'the command comes first' : `${shown(first)} is not a command`;
        return { kind: 'refused', message: `${why}; expected one of ${vocabulary.commands.join(', ')} (see dct-sign --help)` };
    }
    const command = first;
    if (rest.some(isHelp))
        return { kind: 'help', text: commandUsage(command, vocabulary, readInputDescriptions()), exitCode: 0 };
    const flagNames = new Set([...vocabulary.inputNames, ...vocabulary.secretInputs.map((name) => `${name}-file`)].filter((name) => name !== 'command'));
    const flags = new Map();
    for (let i = 0; i < rest.length; i++) {
        const arg = rest[i];
        if (!arg.startsWith('--') || arg === '--')
            return {
                kind: 'refused',
                message: `unexpected argument ${shown(arg)}; expected --<input-name> VALUE (see dct-sign ${command} --help)`,
            };
        const eq = arg.indexOf('=');
        const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
        if (!flagNames.has(name))
            return { kind: 'refused', message: `--${name.slice(0, 80)} is not an input; see dct-sign ${command} --help` };
        const value = eq > 0 ? arg.slice(eq + 1) : rest[++i];
        if (value === undefined)
            return { kind: 'refused', message: `--${name} needs a value: --${name} VALUE or --${name}=VALUE` };
        // Given twice, one value would be dropped without a word (for images, half a batch left unsigned).
        if (flags.has(name))
            return { kind: 'refused', message: `--${name} is given twice; give it once (a list: one value, comma-separated)` };
        flags.set(name, value);
    }
    return { kind: 'run', command, flags };
}
/** A secret given on the command line: a passphrase or password, or key text (a key's path or URI is not secret). */
function isSecretValue(input, value) {
    if (!value)
        return false;
    if (input.endsWith('-passphrase') || input === 'registry-password')
        return true;
    return value.includes('-----BEGIN') || /^[A-Za-z0-9+/=\s]{100,}$/.test(value);
}
/** generate-key with no passphrase from a flag, a file or INPUT_*, on a terminal a person can answer. */
function needsPassphrase(flags) {
    const given = (name) => flags.has(name) || !!process.env[`INPUT_${name.toUpperCase()}`];
    return !given('new-key-passphrase') && !given('new-key-passphrase-file') && process.stdin.isTTY === true;
}
/** One line typed on the terminal, not echoed (raw mode: Node has no no-echo prompt of its own). */
function readHidden(prompt) {
    return new Promise((resolve) => {
        const stdin = process.stdin;
        process.stderr.write(prompt);
        stdin.setRawMode(true);
        stdin.resume();
        let typed = '';
        const done = (value) => {
            stdin.setRawMode(false);
            stdin.pause();
            stdin.off('data', onData);
            process.stderr.write('\n');
            resolve(value);
        };
        const onData = (chunk) => {
            for (const char of chunk.toString('utf8')) {
                if (char === '\r' || char === '\n')
                    return done(typed);
                if (char === '\u0003' || char === '\u0004')
                    return done(undefined); // Ctrl-C, Ctrl-D
                if (char === '\u007f' || char === '\b')
                    typed = typed.slice(0, -1);
                else
                    typed += char;
            }
        };
        stdin.on('data', onData);
    });
}
/** The passphrase for a new key, typed twice so that a typo cannot lock the key away. */
async function askNewPassphrase() {
    const first = await readHidden('Passphrase for the new key: ');
    if (first === undefined)
        return undefined;
    const second = await readHidden('Repeat the passphrase: ');
    if (second === undefined)
        return undefined;
    if (first !== second) {
        process.stderr.write('dct-sign: the passphrases differ; nothing was generated\n');
        return undefined;
    }
    return first;
}
/**
 * The command line's entry. Flags are handed to the core as inputs, not copied into the
 * environment, so child processes (docker) never inherit them.
 */
async function runCli(argv) {
    const line = await parseCommandLine(argv);
    switch (line.kind) {
        case 'version':
            process.stdout.write(`dct-sign ${VERSION}\n`);
            return;
        case 'help':
            (line.exitCode === 0 ? process.stdout : process.stderr).write(`${line.text}\n`);
            process.exitCode = line.exitCode;
            return;
        case 'refused':
            process.stderr.write(`dct-sign: ${line.message}\n`);
            process.exitCode = 1;
            return;
    }
    const { command, flags } = line;
    flags.set('command', command);
    const { SECRET_INPUTS } = await __webpack_require__.e(/* import() */ 307).then(__webpack_require__.bind(__webpack_require__, 44688));
    // Before any prompt: the passphrase typed there is no flag, and no one else sees it.
    for (const name of SECRET_INPUTS.filter((input) => isSecretValue(input, flags.get(input))))
        process.stderr.write(`dct-sign: warning: --${name} on the command line is visible to other users; use --${name}-file or INPUT_* instead\n`);
    if (command === 'generate-key' && needsPassphrase(flags)) {
        const passphrase = await askNewPassphrase();
        if (passphrase === undefined) {
            process.exitCode = 1;
            return;
        }
        flags.set('new-key-passphrase', passphrase);
    }
    // No source maps turned on here: Node would parse the core's whole map before running a line of it.
    const { run } = await Promise.all(/* import() */[__webpack_require__.e(215), __webpack_require__.e(40), __webpack_require__.e(108), __webpack_require__.e(421), __webpack_require__.e(947), __webpack_require__.e(688), __webpack_require__.e(574)]).then(__webpack_require__.bind(__webpack_require__, 15574));
    if (process.env.GITHUB_OUTPUT)
        return run(flags);
    // Outside a runner: collect the outputs in a temp file, then print them as name=value lines.
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'dct-sign-'));
    process.env.GITHUB_OUTPUT = (0,external_node_path_.join)(dir, 'output');
    (0,external_node_fs_.writeFileSync)(process.env.GITHUB_OUTPUT, '');
    try {
        await run(flags);
        for (const [name, value] of Object.entries(parseOutputs((0,external_node_fs_.readFileSync)(process.env.GITHUB_OUTPUT, 'utf8')))) {
            process.stdout.write(`${name}=${value.includes('\n') ? JSON.stringify(value) : value}\n`);
        }
    }
    finally {
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    }
}
/** GITHUB_OUTPUT's format: `name<<delimiter`, value lines, `delimiter`. */
function parseOutputs(text) {
    const outputs = {};
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const m = /^([^<]+)<<(.+)$/.exec(lines[i]);
        if (!m)
            continue;
        const value = [];
        while (++i < lines.length && lines[i] !== m[2])
            value.push(lines[i]);
        outputs[m[1]] = value.join('\n');
    }
    return outputs;
}


/***/ })

};

//# sourceMappingURL=731.index.js.map