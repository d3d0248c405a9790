export const id = 786;
export const ids = [786];
export const modules = {

/***/ 95786:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MAX_MANIFEST_IMAGES: () => (/* binding */ MAX_MANIFEST_IMAGES),
  imagesToVerify: () => (/* binding */ imagesToVerify),
  pinManifests: () => (/* binding */ pinManifests),
  readManifests: () => (/* binding */ readManifests)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "fs"
var external_fs_ = __webpack_require__(79896);
var external_fs_namespaceObject = /*#__PURE__*/__webpack_require__.t(external_fs_, 2);
// EXTERNAL MODULE: external "path"
var external_path_ = __webpack_require__(16928);
// EXTERNAL MODULE: external "url"
var external_url_ = __webpack_require__(87016);
// EXTERNAL MODULE: external "module"
var external_module_ = __webpack_require__(73339);
;// CONCATENATED MODULE: ./node_modules/tinyglobby/node_modules/fdir/dist/index.mjs




//#region rolldown:runtime
var __require = /* @__PURE__ */ (0,external_module_.createRequire)(import.meta.url);

//#endregion
//#region src/utils.ts
function cleanPath(path) {
	let normalized = (0,external_path_.normalize)(path);
	if (normalized.length > 1 && normalized[normalized.length - 1] === external_path_.sep) normalized = normalized.substring(0, normalized.length - 1);
	return normalized;
}
const SLASHES_REGEX = /[\\/]/g;
function convertSlashes(path, separator) {
	return path.replace(SLASHES_REGEX, separator);
}
const WINDOWS_ROOT_DIR_REGEX = /^[a-z]:[\\/]$/i;
function isRootDirectory(path) {
	return path === "/" || WINDOWS_ROOT_DIR_REGEX.test(path);
}
function normalizePath(path, options) {
	const { resolvePaths, normalizePath: normalizePath$1, pathSeparator } = options;
	const pathNeedsCleaning = process.platform === "win32" && path.includes("/") || path.startsWith(".");
	if (resolvePaths) path = (0,external_path_.resolve)(path);
	if (normalizePath$1 || pathNeedsCleaning) path = cleanPath(path);
	if (path === ".") return "";
	const needsSeperator = path[path.length - 1] !== pathSeparator;
	return convertSlashes(needsSeperator ? path + pathSeparator : path, pathSeparator);
}

//#endregion
//#region src/api/functions/join-path.ts
function joinPathWithBasePath(filename, directoryPath) {
	return directoryPath + filename;
}
function joinPathWithRelativePath(root, options) {
	return function(filename, directoryPath) {
		const sameRoot = directoryPath.startsWith(root);
		if (sameRoot) return directoryPath.slice(root.length) + filename;
		else return convertSlashes((0,external_path_.relative)(root, directoryPath), options.pathSeparator) + options.pathSeparator + filename;
	};
}
function joinPath(filename) {
	return filename;
}
function joinDirectoryPath(filename, directoryPath, separator) {
	return directoryPath + filename + separator;
}
function build$7(root, options) {
	const { relativePaths, includeBasePath } = options;
	return relativePaths && root ? joinPathWithRelativePath(root, options) : includeBasePath ? joinPathWithBasePath : joinPath;
}

//#endregion
//#region src/api/functions/push-directory.ts
function pushDirectoryWithRelativePath(root) {
	return function(directoryPath, paths) {
		paths.push(directoryPath.substring(root.length) || ".");
	};
}
function pushDirectoryFilterWithRelativePath(root) {
	return function(directoryPath, paths, filters) {
		const relativePath = directoryPath.substring(root.length) || ".";
		if (filters.every((filter) => filter(relativePath, true))) paths.push(relativePath);
	};
}
const pushDirectory = (directoryPath, paths) => {
	paths.push(directoryPath || ".");
};
const pushDirectoryFilter = (directoryPath, paths, filters) => {
	const path = directoryPath || ".";
	if (filters.every((filter) => filter(path, true))) paths.push(path);
};
const empty$2 = () => {};
function build$6(root, options) {
	const { includeDirs, filters, relativePaths } = options;
	if (!includeDirs) return empty$2;
	if (relativePaths) return filters && filters.length ? pushDirectoryFilterWithRelativePath(root) : pushDirectoryWithRelativePath(root);
	return filters && filters.length ? pushDirectoryFilter : pushDirectory;
}

//#endregion
//#region src/api/functions/push-file.ts
const pushFileFilterAndCount = (filename, _paths, counts, filters) => {
	if (filters.every((filter) => filter(filename, false))) counts.files++;
};
const pushFileFilter = (filename, paths, _counts, filters) => {
	if (filters.every((filter) => filter(filename, false))) paths.push(filename);
};
const pushFileCount = (_filename, _paths, counts, _filters) => {
	counts.files++;
};
const pushFile = (filename, paths) => {
	paths.push(filename);
};
const empty$1 = () => {};
function build$5(options) {
	const { excludeFiles, filters, onlyCounts } = options;
	if (excludeFiles) return empty$1;
	if (filters && filters.length) return onlyCounts ? pushFileFilterAndCount : pushFileFilter;
	else if (onlyCounts) return pushFileCount;
	else return pushFile;
}

//#endregion
//#region src/api/functions/get-array.ts
const getArray = (paths) => {
	return paths;
};
const getArrayGroup = () => {
	return [""].slice(0, 0);
};
function build$4(options) {
	return options.group ? getArrayGroup : getArray;
}

//#endregion
//#region src/api/functions/group-files.ts
const groupFiles = (groups, directory, files) => {
	groups.push({
		directory,
		files,
		dir: directory
	});
};
const empty = () => {};
function build$3(options) {
	return options.group ? groupFiles : empty;
}

//#endregion
//#region src/api/functions/resolve-symlink.ts
const resolveSymlinksAsync = function(path, state, callback$1) {
	const { queue, fs, options: { suppressErrors } } = state;
	queue.enqueue();
	fs.realpath(path, (error, resolvedPath) => {
		if (error) return queue.dequeue(suppressErrors ? null : error, state);
		fs.stat(resolvedPath, (error$1, stat) => {
			if (error$1) return queue.dequeue(suppressErrors ? null : error$1, state);
			if (stat.isDirectory() && isRecursive(path, resolvedPath, state)) return queue.dequeue(null, state);
			callback$1(stat, resolvedPath);
			queue.dequeue(null, state);
		});
	});
};
const resolveSymlinks = function(path, state, callback$1) {
	const { queue, fs, options: { suppressErrors } } = state;
	queue.enqueue();
	try {
		const resolvedPath = fs.realpathSync(path);
		const stat = fs.statSync(resolvedPath);
		if (stat.isDirectory() && isRecursive(path, resolvedPath, state)) return;
		callback$1(stat, resolvedPath);
	} catch (e) {
		if (!suppressErrors) throw e;
	}
};
function build$2(options, isSynchronous) {
	if (!options.resolveSymlinks || options.excludeSymlinks) return null;
	return isSynchronous ? resolveSymlinks : resolveSymlinksAsync;
}
function isRecursive(path, resolved, state) {
	if (state.options.useRealPaths) return isRecursiveUsingRealPaths(resolved, state);
	let parent = (0,external_path_.dirname)(path);
	let depth = 1;
	while (parent !== state.root && depth < 2) {
		const resolvedPath = state.symlinks.get(parent);
		const isSameRoot = !!resolvedPath && (resolvedPath === resolved || resolvedPath.startsWith(resolved) || resolved.startsWith(resolvedPath));
		if (isSameRoot) depth++;
		else parent = (0,external_path_.dirname)(parent);
	}
	state.symlinks.set(path, resolved);
	return depth > 1;
}
function isRecursiveUsingRealPaths(resolved, state) {
	return state.visited.includes(resolved + state.options.pathSeparator);
}

//#endregion
//#region src/api/functions/invoke-callback.ts
const onlyCountsSync = (state) => {
	return state.counts;
};
const groupsSync = (state) => {
	return state.groups;
};
const defaultSync = (state) => {
	return state.paths;
};
const limitFilesSync = (state) => {
	return state.paths.slice(0, state.options.maxFiles);
};
const onlyCountsAsync = (state, error, callback$1) => {
	report(error, callback$1, state.counts, state.options.suppressErrors);
	return null;
};
const defaultAsync = (state, error, callback$1) => {
	report(error, callback$1, state.paths, state.options.suppressErrors);
	return null;
};
const limitFilesAsync = (state, error, callback$1) => {
	report(error, callback$1, state.paths.slice(0, state.options.maxFiles), state.options.suppressErrors);
	return null;
};
const groupsAsync = (state, error, callback$1) => {
	report(error, callback$1, state.groups, state.options.suppressErrors);
	return null;
};
function report(error, callback$1, output, suppressErrors) {
	if (error && !suppressErrors) callback$1(error, output);
	else callback$1(null, output);
}
function build$1(options, isSynchronous) {
	const { onlyCounts, group, maxFiles } = options;
	if (onlyCounts) return isSynchronous ? onlyCountsSync : onlyCountsAsync;
	else if (group) return isSynchronous ? groupsSync : groupsAsync;
	else if (maxFiles) return isSynchronous ? limitFilesSync : limitFilesAsync;
	else return isSynchronous ? defaultSync : defaultAsync;
}

//#endregion
//#region src/api/functions/walk-directory.ts
const readdirOpts = { withFileTypes: true };
const walkAsync = (state, crawlPath, directoryPath, currentDepth, callback$1) => {
	state.queue.enqueue();
	if (currentDepth < 0) return state.queue.dequeue(null, state);
	const { fs } = state;
	state.visited.push(crawlPath);
	state.counts.directories++;
	fs.readdir(crawlPath || ".", readdirOpts, (error, entries = []) => {
		callback$1(entries, directoryPath, currentDepth);
		state.queue.dequeue(state.options.suppressErrors ? null : error, state);
	});
};
const walkSync = (state, crawlPath, directoryPath, currentDepth, callback$1) => {
	const { fs } = state;
	if (currentDepth < 0) return;
	state.visited.push(crawlPath);
	state.counts.directories++;
	let entries = [];
	try {
		entries = fs.readdirSync(crawlPath || ".", readdirOpts);
	} catch (e) {
		if (!state.options.suppressErrors) throw e;
	}
	callback$1(entries, directoryPath, currentDepth);
};
function build(isSynchronous) {
	return isSynchronous ? walkSync : walkAsync;
}

//#endregion
//#region src/api/queue.ts
/**
* This is a custom stateless queue to track concurrent async fs calls.
* It increments a counter whenever a call is queued and decrements it
* as soon as it completes. When the counter hits 0, it calls onQueueEmpty.
*/
var Queue = class {
	count = 0;
	constructor(onQueueEmpty) {
		this.onQueueEmpty = onQueueEmpty;
	}
	enqueue() {
		this.count++;
		return this.count;
	}
	dequeue(error, output) {
		if (this.onQueueEmpty && (--this.count <= 0 || error)) {
			this.onQueueEmpty(error, output);
			if (error) {
				output.controller.abort();
				this.onQueueEmpty = void 0;
			}
		}
	}
};

//#endregion
//#region src/api/counter.ts
var Counter = class {
	_files = 0;
	_directories = 0;
	set files(num) {
		this._files = num;
	}
	get files() {
		return this._files;
	}
	set directories(num) {
		this._directories = num;
	}
	get directories() {
		return this._directories;
	}
	/**
	* @deprecated use `directories` instead
	*/
	/* c8 ignore next 3 */
	get dirs() {
		return this._directories;
	}
};

//#endregion
//#region src/api/aborter.ts
/**
* AbortController is not supported on Node 14 so we use this until we can drop
* support for Node 14.
*/
var Aborter = class {
	aborted = false;
	abort() {
		this.aborted = true;
	}
};

//#endregion
//#region src/api/walker.ts
var Walker = class {
	root;
	isSynchronous;
	state;
	joinPath;
	pushDirectory;
	pushFile;
	getArray;
	groupFiles;
	resolveSymlink;
	walkDirectory;
	callbackInvoker;
	constructor(root, options, callback$1) {
		this.isSynchronous = !callback$1;
		this.callbackInvoker = build$1(options, this.isSynchronous);
		this.root = normalizePath(root, options);
		this.state = {
			root: isRootDirectory(this.root) ? this.root : this.root.slice(0, -1),
			paths: [""].slice(0, 0),
			groups: [],
			counts: new Counter(),
			options,
			queue: new Queue((error, state) => this.callbackInvoker(state, error, callback$1)),
			symlinks: /* @__PURE__ */ new Map(),
			visited: [""].slice(0, 0),
			controller: new Aborter(),
			fs: options.fs || external_fs_namespaceObject
		};
		this.joinPath = build$7(this.root, options);
		this.pushDirectory = build$6(this.root, options);
		this.pushFile = build$5(options);
		this.getArray = build$4(options);
		this.groupFiles = build$3(options);
		this.resolveSymlink = build$2(options, this.isSynchronous);
		this.walkDirectory = build(this.isSynchronous);
	}
	start() {
		this.pushDirectory(this.root, this.state.paths, this.state.options.filters);
		this.walkDirectory(this.state, this.root, this.root, this.state.options.maxDepth, this.walk);
		return this.isSynchronous ? this.callbackInvoker(this.state, null) : null;
	}
	walk = (entries, directoryPath, depth) => {
		const { paths, options: { filters, resolveSymlinks: resolveSymlinks$1, excludeSymlinks, exclude, maxFiles, signal, useRealPaths, pathSeparator }, controller } = this.state;
		if (controller.aborted || signal && signal.aborted || maxFiles && paths.length > maxFiles) return;
		const files = this.getArray(this.state.paths);
		for (let i = 0; i < entries.length; ++i) {
			const entry = entries[i];
			if (entry.isFile() || entry.isSymbolicLink() && !resolveSymlinks$1 && !excludeSymlinks) {
				const filename = this.joinPath(entry.name, directoryPath);
				this.pushFile(filename, files, this.state.counts, filters);
			} else if (entry.isDirectory()) {
				let path = joinDirectoryPath(entry.name, directoryPath, this.state.options.pathSeparator);
				if (exclude && exclude(entry.name, path)) continue;
				this.pushDirectory(path, paths, filters);
				this.walkDirectory(this.state, path, path, depth - 1, this.walk);
			} else if (this.resolveSymlink && entry.isSymbolicLink()) {
				let path = joinPathWithBasePath(entry.name, directoryPath);
				this.resolveSymlink(path, this.state, (stat, resolvedPath) => {
					if (stat.isDirectory()) {
						resolvedPath = normalizePath(resolvedPath, this.state.options);
						if (exclude && exclude(entry.name, useRealPaths ? resolvedPath : path + pathSeparator)) return;
						this.walkDirectory(this.state, resolvedPath, useRealPaths ? resolvedPath : path + pathSeparator, depth - 1, this.walk);
					} else {
						resolvedPath = useRealPaths ? resolvedPath : path;
						const filename = (0,external_path_.basename)(resolvedPath);
						const directoryPath$1 = normalizePath((0,external_path_.dirname)(resolvedPath), this.state.options);
						resolvedPath = this.joinPath(filename, directoryPath$1);
						this.pushFile(resolvedPath, files, this.state.counts, filters);
					}
				});
			}
		}
		this.groupFiles(this.state.groups, directoryPath, files);
	};
};

//#endregion
//#region src/api/async.ts
function promise(root, options) {
	return new Promise((resolve$1, reject) => {
		callback(root, options, (err, output) => {
			if (err) return reject(err);
			resolve$1(output);
		});
	});
}
function callback(root, options, callback$1) {
	let walker = new Walker(root, options, callback$1);
	walker.start();
}

//#endregion
//#region src/api/sync.ts
function sync(root, options) {
	const walker = new Walker(root, options);
	return walker.start();
}

//#endregion
//#region src/builder/api-builder.ts
var APIBuilder = class {
	constructor(root, options) {
		this.root = root;
		this.options = options;
	}
	withPromise() {
		return promise(this.root, this.options);
	}
	withCallback(cb) {
		callback(this.root, this.options, cb);
	}
	sync() {
		return sync(this.root, this.options);
	}
};

//#endregion
//#region src/builder/index.ts
let pm = null;
/* c8 ignore next 6 */
try {
	__require.resolve("picomatch");
	pm = __require("picomatch");
} catch {}
var Builder = class {
	globCache = {};
	options = {
		maxDepth: Infinity,
		suppressErrors: true,
		pathSeparator: external_path_.sep,
		filters: []
	};
	globFunction;
	constructor(options) {
		this.options = {
			...this.options,
			...options
		};
		this.globFunction = this.options.globFunction;
	}
	group() {
		this.options.group = true;
		return this;
	}
	withPathSeparator(separator) {
		this.options.pathSeparator = separator;
		return this;
	}
	withBasePath() {
		this.options.includeBasePath = true;
		return this;
	}
	withRelativePaths() {
		this.options.relativePaths = true;
		return this;
	}
	withDirs() {
		this.options.includeDirs = true;
		return this;
	}
	withMaxDepth(depth) {
		this.options.maxDepth = depth;
		return this;
	}
	withMaxFiles(limit) {
		this.options.maxFiles = limit;
		return this;
	}
	withFullPaths() {
		this.options.resolvePaths = true;
		this.options.includeBasePath = true;
		return this;
	}
	withErrors() {
		this.options.suppressErrors = false;
		return this;
	}
	withSymlinks({ resolvePaths = true } = {}) {
		this.options.resolveSymlinks = true;
		this.options.useRealPaths = resolvePaths;
		return this.withFullPaths();
	}
	withAbortSignal(signal) {
		this.options.signal = signal;
		return this;
	}
	normalize() {
		this.options.normalizePath = true;
		return this;
	}
	filter(predicate) {
		this.options.filters.push(predicate);
		return this;
	}
	onlyDirs() {
		this.options.excludeFiles = true;
		this.options.includeDirs = true;
		return this;
	}
	exclude(predicate) {
		this.options.exclude = predicate;
		return this;
	}
	onlyCounts() {
		this.options.onlyCounts = true;
		return this;
	}
	crawl(root) {
		return new APIBuilder(root || ".", this.options);
	}
	withGlobFunction(fn) {
		this.globFunction = fn;
		return this;
	}
	/**
	* @deprecated Pass options using the constructor instead:
	* ```ts
	* new fdir(options).crawl("/path/to/root");
	* ```
	* This method will be removed in v7.0
	*/
	/* c8 ignore next 4 */
	crawlWithOptions(root, options) {
		this.options = {
			...this.options,
			...options
		};
		return new APIBuilder(root || ".", this.options);
	}
	glob(...patterns) {
		if (this.globFunction) return this.globWithOptions(patterns);
		return this.globWithOptions(patterns, ...[{ dot: true }]);
	}
	globWithOptions(patterns, ...options) {
		const globFn = this.globFunction || pm;
		/* c8 ignore next 5 */
		if (!globFn) throw new Error("Please specify a glob function to use glob matching.");
		var isMatch = this.globCache[patterns.join("\0")];
		if (!isMatch) {
			isMatch = globFn(patterns, ...options);
			this.globCache[patterns.join("\0")] = isMatch;
		}
		this.options.filters.push((path) => isMatch(path));
		return this;
	}
};

//#endregion

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __webpack_require__(14006);
;// CONCATENATED MODULE: ./node_modules/tinyglobby/dist/index.mjs





//#region src/utils.ts
const isReadonlyArray = Array.isArray;
const BACKSLASHES = /\\/g;
const DRIVE_RELATIVE_PATH = /^[A-Za-z]:$/;
const isWin = process.platform === "win32";
const ONLY_PARENT_DIRECTORIES = /^(\/?\.\.)+$/;
function getPartialMatcher(patterns, options = {}) {
	const patternsCount = patterns.length;
	const patternsParts = Array(patternsCount);
	const matchers = Array(patternsCount);
	let i, j;
	for (i = 0; i < patternsCount; i++) {
		const parts = splitPattern(patterns[i]);
		patternsParts[i] = parts;
		const partsCount = parts.length;
		const partMatchers = Array(partsCount);
		for (j = 0; j < partsCount; j++) partMatchers[j] = picomatch(parts[j], options);
		matchers[i] = partMatchers;
	}
	return (input) => {
		const inputParts = input.split("/");
		if (inputParts[0] === ".." && ONLY_PARENT_DIRECTORIES.test(input)) return true;
		for (i = 0; i < patternsCount; i++) {
			const patternParts = patternsParts[i];
			const matcher = matchers[i];
			const inputPatternCount = inputParts.length;
			const minParts = Math.min(inputPatternCount, patternParts.length);
			j = 0;
			while (j < minParts) {
				const part = patternParts[j];
				if (part.includes("/")) return true;
				if (!matcher[j](inputParts[j])) break;
				if (!options.noglobstar && part === "**") return true;
				j++;
			}
			if (j === inputPatternCount) return true;
		}
		return false;
	};
}
/* node:coverage ignore next 2 */
const WIN32_ROOT_DIR = /^[A-Z]:\/$/i;
const isRoot = isWin ? (p) => WIN32_ROOT_DIR.test(p) : (p) => p === "/";
function buildFormat(cwd, root, absolute) {
	if (cwd === root || root.startsWith(`${cwd}/`)) {
		if (absolute) {
			const start = cwd.length + +!isRoot(cwd);
			return (p, isDir) => p.slice(start, isDir ? -1 : void 0) || ".";
		}
		const prefix = root.slice(cwd.length + 1);
		if (prefix) return (p, isDir) => {
			if (p === ".") return prefix;
			const result = `${prefix}/${p}`;
			return isDir ? result.slice(0, -1) : result;
		};
		return (p, isDir) => isDir && p !== "." ? p.slice(0, -1) : p;
	}
	if (absolute) return (p) => external_path_.posix.relative(cwd, p) || ".";
	return (p) => external_path_.posix.relative(cwd, `${root}/${p}`) || ".";
}
function buildRelative(cwd, root) {
	if (root.startsWith(`${cwd}/`)) {
		const prefix = root.slice(cwd.length + 1);
		return (p) => `${prefix}/${p}`;
	}
	return (p) => {
		const result = external_path_.posix.relative(cwd, `${root}/${p}`);
		return p[p.length - 1] === "/" && result !== "" ? `${result}/` : result || ".";
	};
}
function ensureNonDriveRelativePath(path) {
	return path.replace(DRIVE_RELATIVE_PATH, (match) => `${match}/`);
}
const splitPatternOptions = { parts: true };
function splitPattern(path) {
	var _result$parts;
	const result = picomatch.scan(path, splitPatternOptions);
	return ((_result$parts = result.parts) === null || _result$parts === void 0 ? void 0 : _result$parts.length) ? result.parts : [path];
}
const ESCAPED_WIN32_BACKSLASHES = /\\(?![()[\]{}!+@])/g;
function convertPosixPathToPattern(path) {
	return escapePosixPath(path);
}
function convertWin32PathToPattern(path) {
	return escapeWin32Path(path).replace(ESCAPED_WIN32_BACKSLASHES, "/");
}
/**
* Converts a path to a pattern depending on the platform.
* Identical to {@link escapePath} on POSIX systems.
* @see {@link https://superchupu.dev/tinyglobby/documentation#convertPathToPattern}
*/
/* node:coverage ignore next 3 */
const convertPathToPattern = (/* unused pure expression or super */ null && (isWin ? convertWin32PathToPattern : convertPosixPathToPattern));
const POSIX_UNESCAPED_GLOB_SYMBOLS = /(?<!\\)([()[\]{}*?|]|^!|[!+@](?=\()|\\(?![()[\]{}!*+?@|]))/g;
const WIN32_UNESCAPED_GLOB_SYMBOLS = /(?<!\\)([()[\]{}]|^!|[!+@](?=\())/g;
const escapePosixPath = (path) => path.replace(POSIX_UNESCAPED_GLOB_SYMBOLS, "\\$&");
const escapeWin32Path = (path) => path.replace(WIN32_UNESCAPED_GLOB_SYMBOLS, "\\$&");
/**
* Escapes a path's special characters depending on the platform.
* @see {@link https://superchupu.dev/tinyglobby/documentation#escapePath}
*/
/* node:coverage ignore next */
const escapePath = isWin ? escapeWin32Path : escapePosixPath;
/**
* Checks if a pattern has dynamic parts.
*
* Has a few minor differences with [`fast-glob`](https://github.com/mrmlnc/fast-glob) for better accuracy:
*
* - Doesn't necessarily return `false` on patterns that include `\`.
* - Returns `true` if the pattern includes parentheses, regardless of them representing one single pattern or not.
* - Returns `true` for unfinished glob extensions i.e. `(h`, `+(h`.
* - Returns `true` for unfinished brace expansions as long as they include `,` or `..`.
*
* @see {@link https://superchupu.dev/tinyglobby/documentation#isDynamicPattern}
*/
function isDynamicPattern(pattern, options) {
	if ((options === null || options === void 0 ? void 0 : options.caseSensitiveMatch) === false) return true;
	const scan = picomatch.scan(pattern);
	return scan.isGlob || scan.negated;
}
function log(...tasks) {
	console.log(`[tinyglobby ${(/* @__PURE__ */ new Date()).toLocaleTimeString("es")}]`, ...tasks);
}
function ensureStringArray(value) {
	return typeof value === "string" ? [value] : value !== null && value !== void 0 ? value : [];
}
//#endregion
//#region src/patterns.ts
const PARENT_DIRECTORY = /^(\/?\.\.)+/;
const ESCAPING_BACKSLASHES = /\\(?=[()[\]{}!*+?@|])/g;
function normalizePattern(pattern, opts, props, isIgnore) {
	var _PARENT_DIRECTORY$exe;
	const cwd = opts.cwd;
	let result = pattern;
	if (pattern[pattern.length - 1] === "/") result = pattern.slice(0, -1);
	if (result[result.length - 1] !== "*" && opts.expandDirectories) result += "/**";
	const escapedCwd = escapePath(cwd);
	result = (0,external_path_.isAbsolute)(result.replace(ESCAPING_BACKSLASHES, "")) ? external_path_.posix.relative(escapedCwd, result) : external_path_.posix.normalize(result);
	const parentDir = (_PARENT_DIRECTORY$exe = PARENT_DIRECTORY.exec(result)) === null || _PARENT_DIRECTORY$exe === void 0 ? void 0 : _PARENT_DIRECTORY$exe[0];
	const parts = splitPattern(result);
	if (parentDir) {
		const n = (parentDir.length + 1) / 3;
		let i = 0;
		const cwdParts = escapedCwd.split("/");
		while (i < n && parts[i + n] === cwdParts[cwdParts.length + i - n]) {
			result = result.slice(0, (n - i - 1) * 3) + result.slice((n - i) * 3 + parts[i + n].length + 1) || ".";
			i++;
		}
		const potentialRoot = external_path_.posix.join(cwd, parentDir.slice(i * 3));
		if (potentialRoot[0] !== "." && props.root.length > potentialRoot.length) {
			props.root = ensureNonDriveRelativePath(potentialRoot);
			props.depthOffset = -n + i;
		}
	}
	if (!isIgnore && props.depthOffset >= 0) {
		var _props$commonPath;
		(_props$commonPath = props.commonPath) !== null && _props$commonPath !== void 0 || (props.commonPath = parts);
		const newCommonPath = [];
		const length = Math.min(props.commonPath.length, parts.length);
		for (let i = 0; i < length; i++) {
			const part = parts[i];
			if (part === "**" && !parts[i + 1]) {
				newCommonPath.pop();
				break;
			}
			if (i === parts.length - 1 || part !== props.commonPath[i] || isDynamicPattern(part)) break;
			newCommonPath.push(part);
		}
		props.depthOffset = newCommonPath.length;
		props.commonPath = newCommonPath;
		props.root = ensureNonDriveRelativePath(newCommonPath.length > 0 ? external_path_.posix.join(cwd, ...newCommonPath) : cwd);
	}
	return result;
}
function processPatterns(options, patterns, props) {
	const matchPatterns = [];
	const ignorePatterns = [];
	for (const pattern of options.ignore) {
		if (!pattern) continue;
		if (pattern[0] !== "!" || pattern[1] === "(") ignorePatterns.push(normalizePattern(pattern, options, props, true));
	}
	for (const pattern of patterns) {
		if (!pattern) continue;
		if (pattern[0] !== "!" || pattern[1] === "(") matchPatterns.push(normalizePattern(pattern, options, props, false));
		else if (pattern[1] !== "!" || pattern[2] === "(") ignorePatterns.push(normalizePattern(pattern.slice(1), options, props, true));
	}
	return {
		match: matchPatterns,
		ignore: ignorePatterns
	};
}
//#endregion
//#region src/crawler.ts
function buildCrawler(options, patterns) {
	const cwd = options.cwd;
	const props = {
		root: cwd,
		depthOffset: 0
	};
	const processed = processPatterns(options, patterns, props);
	if (options.debug) log("internal processing patterns:", processed);
	const { absolute, caseSensitiveMatch, debug, dot, followSymbolicLinks, onlyDirectories } = options;
	const root = props.root.replace(BACKSLASHES, "");
	const matchOptions = {
		dot,
		nobrace: options.braceExpansion === false,
		nocase: !caseSensitiveMatch,
		noextglob: options.extglob === false,
		noglobstar: options.globstar === false,
		posix: true
	};
	const matcher = picomatch(processed.match, matchOptions);
	const ignore = picomatch(processed.ignore, matchOptions);
	const partialMatcher = getPartialMatcher(processed.match, matchOptions);
	const format = buildFormat(cwd, root, absolute);
	const excludeFormatter = absolute ? format : buildFormat(cwd, root, true);
	const excludePredicate = (_, p) => {
		const relativePath = excludeFormatter(p, true);
		return relativePath !== "." && !partialMatcher(relativePath) || ignore(relativePath);
	};
	let maxDepth;
	if (options.deep !== void 0) maxDepth = Math.round(options.deep - props.depthOffset);
	const crawler = new Builder({
		filters: [debug ? (p, isDirectory) => {
			const path = format(p, isDirectory);
			const matches = matcher(path) && !ignore(path);
			if (matches) log(`matched ${path}`);
			return matches;
		} : (p, isDirectory) => {
			const path = format(p, isDirectory);
			return matcher(path) && !ignore(path);
		}],
		exclude: debug ? (_, p) => {
			const skipped = excludePredicate(_, p);
			log(`${skipped ? "skipped" : "crawling"} ${p}`);
			return skipped;
		} : excludePredicate,
		fs: options.fs,
		pathSeparator: "/",
		relativePaths: !absolute,
		resolvePaths: absolute,
		includeBasePath: absolute,
		resolveSymlinks: followSymbolicLinks,
		excludeSymlinks: !followSymbolicLinks,
		excludeFiles: onlyDirectories,
		includeDirs: onlyDirectories || !options.onlyFiles,
		maxDepth,
		signal: options.signal
	}).crawl(root);
	if (options.debug) log("internal properties:", {
		...props,
		root
	});
	return [crawler, cwd !== root && !absolute && buildRelative(cwd, root)];
}
//#endregion
//#region src/index.ts
function formatPaths(paths, mapper) {
	if (mapper) for (let i = paths.length - 1; i >= 0; i--) paths[i] = mapper(paths[i]);
	return paths;
}
const defaultOptions = {
	caseSensitiveMatch: true,
	debug: !!process.env.TINYGLOBBY_DEBUG,
	expandDirectories: true,
	followSymbolicLinks: true,
	onlyFiles: true
};
function getOptions(options) {
	const opts = Object.assign({}, options);
	for (const key in defaultOptions) if (opts[key] === void 0) Object.assign(opts, { [key]: defaultOptions[key] });
	opts.cwd = (opts.cwd instanceof URL ? (0,external_url_.fileURLToPath)(opts.cwd) : (0,external_path_.resolve)(opts.cwd || process.cwd())).replace(BACKSLASHES, "/");
	opts.ignore = ensureStringArray(opts.ignore);
	opts.fs && (opts.fs = {
		readdir: opts.fs.readdir || external_fs_.readdir,
		readdirSync: opts.fs.readdirSync || external_fs_.readdirSync,
		realpath: opts.fs.realpath || external_fs_.realpath,
		realpathSync: opts.fs.realpathSync || external_fs_.realpathSync,
		stat: opts.fs.stat || external_fs_.stat,
		statSync: opts.fs.statSync || external_fs_.statSync
	});
	if (opts.debug) log("globbing with options:", opts);
	return opts;
}
function getCrawler(globInput, inputOptions = {}) {
	var _ref;
	if (globInput && (inputOptions === null || inputOptions === void 0 ? void 0 : inputOptions.patterns)) throw new Error("Cannot pass patterns as both an argument and an option");
	const isModern = isReadonlyArray(globInput) || typeof globInput === "string";
	const patterns = ensureStringArray((_ref = isModern ? globInput : globInput.patterns) !== null && _ref !== void 0 ? _ref : "**/*");
	const options = getOptions(isModern ? inputOptions : globInput);
	return patterns.length > 0 ? buildCrawler(options, patterns) : [];
}
async function glob(globInput, options) {
	const [crawler, relative] = getCrawler(globInput, options);
	return crawler ? formatPaths(await crawler.withPromise(), relative) : [];
}
function globSync(globInput, options) {
	const [crawler, relative] = getCrawler(globInput, options);
	return crawler ? formatPaths(crawler.sync(), relative) : [];
}
//#endregion


// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
// EXTERNAL MODULE: ./src/util/yaml-error.ts
var yaml_error = __webpack_require__(42738);
;// CONCATENATED MODULE: ./src/manifests/image-fields.ts



/** A manifest larger than this has no business at a deploy gate (and would make a log line of its errors). */
const MAX_IMAGE_FIELDS_PER_FILE = 10_000;
const STYLES = {
    PLAIN: 'plain',
    QUOTE_DOUBLE: 'double-quoted',
    QUOTE_SINGLE: 'single-quoted',
    BLOCK_LITERAL: 'block',
    BLOCK_FOLDED: 'block',
};
function invalid(name, lines, offset, message) {
    const { line, col } = lines.linePos(offset);
    return new errors/* ManifestError */.Sh('MANIFEST_INVALID', `${name}:${line}:${col}: ${message}`, { option: 'manifests' });
}
/**
 * Every `image:` whose value is a string, in every document, at any depth: the containers,
 * initContainers and ephemeralContainers of every workload kind (a Pod, a Deployment's template, a
 * CronJob's jobTemplate, a List's items, custom resources), compose's services.*.image, and an
 * image volume's `image.reference`. A key is read as kubectl and compose (go-yaml) read it: an
 * alias key counts by what it names, and a key with a tag other than `!!str` is refused rather
 * than guessed at. A value given through an alias counts once, at its anchor. Aliases are resolved
 * from one index of the document's anchors (the library's own resolve walks the whole document per
 * alias) and never followed into collections, so the walk is linear in the file.
 */
function findImageFields(text, name) {
    const lines = new dist/* LineCounter */.HN();
    const documents = (0,dist/* parseAllDocuments */.hR)(text, { lineCounter: lines, uniqueKeys: true });
    const docs = Array.isArray(documents) ? documents : [];
    const fields = new Map();
    for (const doc of docs) {
        const error = doc.errors[0];
        if (error)
            throw invalid(name, lines, error.pos[0], `not valid YAML: ${(0,yaml_error/* yamlProblem */.T)(error.message)}`);
        const reader = new DocumentReader(doc, name, lines);
        const pending = [doc.contents];
        while (pending.length > 0) {
            const node = pending.pop();
            if ((0,dist/* isMap */.jh)(node)) {
                for (const pair of node.items) {
                    if (!(0,dist/* isPair */.tO)(pair))
                        continue;
                    if (reader.keyText(pair.key) === 'image') {
                        const field = reader.imageField(pair.value, pair.key?.range?.[0] ?? 0);
                        if (field)
                            fields.set(field.start, field);
                        else
                            pending.push(pair.value);
                    }
                    else {
                        pending.push(pair.value);
                    }
                }
            }
            else if ((0,dist/* isSeq */.oP)(node)) {
                pending.push(...node.items);
            }
            if (fields.size > MAX_IMAGE_FIELDS_PER_FILE)
                throw new errors/* ManifestError */.Sh('MANIFEST_INVALID', `${name}: more than ${MAX_IMAGE_FIELDS_PER_FILE} image: fields`, {
                    option: 'manifests',
                });
        }
    }
    return [...fields.values()].sort((a, b) => a.start - b.start);
}
/** Aliases one file may use: far more than any manifest, few enough that no file can make the walk slow. */
const MAX_ALIASES_PER_FILE = 10_000;
const STRING_TAG = 'tag:yaml.org,2002:str';
/** One document's anchors, indexed once, and the reading of its keys and image values. */
class DocumentReader {
    name;
    lines;
    /** Anchor name -> the nodes that carry it, by source position (a later anchor of the same name wins after it). */
    anchors = new Map();
    aliases = 0;
    constructor(doc, name, lines) {
        this.name = name;
        this.lines = lines;
        const pending = [doc.contents];
        while (pending.length > 0) {
            const node = pending.pop();
            if ((0,dist/* isMap */.jh)(node) || (0,dist/* isSeq */.oP)(node) || (0,dist/* isScalar */.jn)(node)) {
                if (node.anchor) {
                    const list = this.anchors.get(node.anchor) ?? [];
                    list.push({ start: node.range?.[0] ?? 0, node });
                    this.anchors.set(node.anchor, list);
                }
            }
            if ((0,dist/* isMap */.jh)(node))
                for (const pair of node.items)
                    pending.push(pair.key, pair.value);
            else if ((0,dist/* isSeq */.oP)(node))
                pending.push(...node.items);
        }
        for (const list of this.anchors.values())
            list.sort((a, b) => a.start - b.start);
    }
    /** The node an alias names: the last anchor of that name before it. */
    resolve(alias) {
        if (++this.aliases > MAX_ALIASES_PER_FILE)
            throw invalid(this.name, this.lines, alias.range?.[0] ?? 0, `more than ${MAX_ALIASES_PER_FILE} aliases`);
        const at = alias.range?.[0] ?? 0;
        const target = (this.anchors.get(alias.source) ?? []).filter((a) => a.start < at).pop();
        if (!target)
            throw invalid(this.name, this.lines, at, `alias *${alias.source} has no anchor in its document`);
        return target.node;
    }
    /** A key's text as go-yaml reads it; undefined for a key that is not a string (a number, a mapping). */
    keyText(key) {
        const node = (0,dist/* isAlias */.Vj)(key) ? this.resolve(key) : key;
        if (!(0,dist/* isScalar */.jn)(node))
            return undefined;
        if (node.tag && node.tag !== STRING_TAG)
            throw invalid(this.name, this.lines, node.range?.[0] ?? 0, `a key with the tag ${node.tag} is not read; write the key without a tag`);
        return typeof node.value === 'string' ? node.value : undefined;
    }
    /** The image an `image:` names; undefined for a mapping or list with no `reference` (a chart's values, a custom resource's own shape). */
    imageField(value, keyOffset) {
        let node = (0,dist/* isAlias */.Vj)(value) ? this.resolve(value) : value;
        if ((0,dist/* isMap */.jh)(node)) {
            // An image volume (Kubernetes 1.31+): `image: {reference: registry/app:1, pullPolicy: ...}`.
            const reference = node.items.find((pair) => this.keyText(pair.key) === 'reference');
            if (!reference)
                return undefined;
            node = (0,dist/* isAlias */.Vj)(reference.value) ? this.resolve(reference.value) : reference.value;
            keyOffset = reference.key?.range?.[0] ?? keyOffset;
        }
        if ((0,dist/* isSeq */.oP)(node))
            return undefined;
        const { name, lines } = this;
        if (!(0,dist/* isScalar */.jn)(node) || !node.range || node.value === null)
            throw invalid(name, lines, keyOffset, 'image: has no value; expected an image reference');
        if (typeof node.value !== 'string' || node.value.trim() === '')
            throw invalid(name, lines, node.range[0], 'image: is not an image reference; expected a string such as registry/app:1.2');
        const [start, end] = node.range;
        const { line, col } = lines.linePos(start);
        return { value: node.value, line, column: col, start, end, style: STYLES[node.type ?? ''] ?? 'plain' };
    }
}
/** The scalar as it is written in its own style: a pinned reference needs no escaping in any of them. */
function written(value, style) {
    if (style === 'double-quoted')
        return `"${value}"`;
    if (style === 'single-quoted')
        return `'${value}'`;
    return value;
}
/** Reference characters only: nothing that could end a quoted scalar or start a comment or a flow collection. */
const PINNED = /^[A-Za-z0-9._/:@[\]-]+$/;
/**
 * The text with each field's value replaced, each in the style it was written in; nothing else
 * changes. `fields` are all of the text's fields, as findImageFields found them. The result is
 * parsed again and must hold exactly the new values where the old ones were.
 */
function replaceImageFields(text, name, fields, replacements) {
    const ordered = [...replacements].sort(([a], [b]) => b.start - a.start);
    let out = text;
    for (const [field, value] of ordered) {
        if (field.style === 'block')
            throw new errors/* ManifestError */.Sh('MANIFEST_INVALID', `${name}:${field.line}:${field.column}: image: is a block scalar; write it on one line to pin it`, { option: 'manifests' });
        if (!PINNED.test(value))
            throw new errors/* ManifestError */.Sh('MANIFEST_INVALID', `${name}: cannot write ${JSON.stringify(value)} as an image`);
        out = `${out.slice(0, field.start)}${written(value, field.style)}${out.slice(field.end)}`;
    }
    const byStart = new Map([...replacements].map(([f, value]) => [f.start, value]));
    const before = fields.map((f) => byStart.get(f.start) ?? f.value);
    const after = findImageFields(out, name).map((f) => f.value);
    if (before.length !== after.length || before.some((v, i) => v !== after[i]))
        throw new errors/* ManifestError */.Sh('MANIFEST_WRITE_FAILED', `${name}: the pinned file does not read back as written; it is left as it was`, {
            option: 'manifests',
        });
    return out;
}

// EXTERNAL MODULE: ./src/registry/reference.ts
var reference = __webpack_require__(79310);
;// CONCATENATED MODULE: ./src/manifests/references.ts


/** The tag a container runtime pulls when a manifest names none. */
const DEFAULT_TAG = 'latest';
/**
 * The reference a manifest's `image:` means: no tag is `latest`, as the runtime pulls it. A digest
 * without a tag is refused: content trust signs tags, so there is no signature to check it against.
 */
function manifestReference(value, where) {
    let ref;
    try {
        ref = (0,reference/* parseImageReference */.o_)(value, false);
    }
    catch (error) {
        if (!(0,errors/* isDctError */.AE)(error))
            throw error;
        throw new errors/* ManifestError */.Sh('MANIFEST_INVALID', `${where}: ${error.message}`, { option: 'manifests' });
    }
    if (ref.tag)
        return ref;
    if (ref.digest)
        throw new errors/* ManifestError */.Sh('MANIFEST_INVALID', `${where}: ${value} pins a digest but no tag; expected name:tag@sha256:… so that the tag's signature can be checked`, { option: 'manifests' });
    return { ...ref, tag: DEFAULT_TAG };
}
/** `<name as written>:<tag>@<digest>`: what deploys exactly the verified manifest, and still says which tag it was. */
function pinnedValue(value, ref, digest) {
    const name = value.trim().replace(/@.*$/, '');
    const hasTag = name.lastIndexOf(':') > name.lastIndexOf('/');
    return `${hasTag ? name : `${name}:${ref.tag}`}@${digest}`;
}

// EXTERNAL MODULE: ./src/util/redact.ts
var redact = __webpack_require__(50767);
// EXTERNAL MODULE: ./src/action/input-files.ts
var input_files = __webpack_require__(43044);
;// CONCATENATED MODULE: ./src/action/manifests.ts










const MAX_MANIFEST_FILES = 1000;
const MAX_MANIFEST_BYTES = 16 << 20;
/** More distinct images than a deploy has; each costs a registry look-up. */
const MAX_MANIFEST_IMAGES = 10_000;
/** The files the `manifests` input names (paths and globs, one per line), each once: as named, and where they really are. */
function manifestPaths(value) {
    const paths = [];
    for (const line of value.split('\n').map((l) => l.trim())) {
        if (!line)
            continue;
        if (!isDynamicPattern(line)) {
            paths.push(line);
            continue;
        }
        // Paths as the pattern was written: an absolute glob finds absolute paths, a relative one relative paths.
        const found = globSync(line, { onlyFiles: true, expandDirectories: false, absolute: (0,external_node_path_.isAbsolute)(line) }).sort();
        if (found.length === 0)
            throw new errors/* InputError */.dz('manifests', `${(0,redact/* quoted */.T)(line)} matches no file; expected files or globs of deployment manifests`);
        paths.push(...found);
    }
    const byRealPath = new Map();
    for (const path of paths) {
        let real = path;
        try {
            real = (0,external_node_fs_.realpathSync)(path);
        }
        catch {
            // readInputFile says what is wrong with it.
        }
        if (!byRealPath.has(real))
            byRealPath.set(real, path);
    }
    if (byRealPath.size > MAX_MANIFEST_FILES)
        throw new errors/* InputError */.dz('manifests', `more than ${MAX_MANIFEST_FILES} files`);
    return [...byRealPath].map(([realPath, path]) => ({ path, realPath }));
}
/** Every file of the `manifests` input, read, parsed, and each `image:` value parsed as a reference. */
function readManifests(value) {
    return manifestPaths(value).map(({ path, realPath }) => {
        const text = (0,input_files/* readInputFile */.j)('manifests', path, 'a YAML or JSON manifest', MAX_MANIFEST_BYTES);
        const fields = findImageFields(text, path).map((field) => ({
            field,
            ref: manifestReference(field.value, `${path}:${field.line}`),
        }));
        return { path, realPath, text, fields };
    });
}
/** What verify checks: `images`, then each distinct manifest image once, with where each was found. */
function imagesToVerify(images, files) {
    const key = (ref) => `${(0,reference/* gunOf */.qu)(ref)}:${ref.tag}@${ref.digest ?? ''}`;
    const byKey = new Map();
    for (const ref of images)
        if (!byKey.has(key(ref)))
            byKey.set(key(ref), ref);
    const all = [...images];
    const foundIn = new Map();
    const refOf = new Map();
    for (const file of files) {
        for (const { field, ref } of file.fields) {
            let known = byKey.get(key(ref));
            if (!known) {
                known = ref;
                byKey.set(key(ref), ref);
                all.push(ref);
            }
            refOf.set(field, known);
            const where = `${file.path}:${field.line}`;
            const places = foundIn.get(known);
            if (places)
                places.push(where);
            else
                foundIn.set(known, [where]);
        }
    }
    if (all.length === 0)
        throw new errors/* InputError */.dz('manifests', 'no image: field in any of the files, and images is empty; expected something to verify');
    if (byKey.size > MAX_MANIFEST_IMAGES)
        throw new errors/* InputError */.dz('manifests', `more than ${MAX_MANIFEST_IMAGES} distinct images`);
    return { images: all, foundIn, refOf };
}
/**
 * Rewrites each `image:` to `<name>:<tag>@<digest>` of its verified tag. Every new text is made
 * (and read back) before any file is touched; each goes to a temporary file beside its original,
 * then all are renamed over the originals, and a failure puts back what was renamed. Returns
 * the files whose bytes changed (a second run changes none).
 */
function pinManifests(files, refOf, digestOf) {
    const changed = [];
    for (const file of files) {
        const replacements = new Map();
        for (const { field } of file.fields) {
            const ref = refOf.get(field);
            const digest = ref && digestOf(ref);
            if (!ref || !digest)
                throw new errors/* ManifestError */.Sh('MANIFEST_WRITE_FAILED', `${file.path}:${field.line}: ${field.value} has no verified digest`);
            const value = pinnedValue(field.value, ref, digest);
            if (value !== field.value)
                replacements.set(field, value);
        }
        if (replacements.size > 0)
            changed.push({
                file,
                text: replaceImageFields(file.text, file.path, file.fields.map((f) => f.field), replacements),
            });
    }
    const temporary = [];
    try {
        for (const { file, text } of changed) {
            const temp = (0,external_node_path_.join)((0,external_node_path_.dirname)(file.realPath), `.${(0,external_node_path_.basename)(file.realPath)}.dct-sign-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`);
            (0,external_node_fs_.writeFileSync)(temp, text, { mode: (0,external_node_fs_.statSync)(file.realPath).mode & 0o7777, flag: 'wx' });
            temporary.push({ file, temp });
        }
    }
    catch (error) {
        for (const { temp } of temporary)
            (0,external_node_fs_.rmSync)(temp, { force: true });
        throw new errors/* ManifestError */.Sh('MANIFEST_WRITE_FAILED', `cannot write the pinned manifests (${error.message.split(',')[0]}); no file was changed`, {
            option: 'manifests',
        });
    }
    const renamed = [];
    try {
        for (const { file, temp } of temporary) {
            (0,external_node_fs_.renameSync)(temp, file.realPath);
            renamed.push(file);
        }
    }
    catch (error) {
        const notRestored = [];
        for (const file of renamed) {
            try {
                (0,external_node_fs_.writeFileSync)(file.realPath, file.text);
            }
            catch {
                notRestored.push(file.path);
            }
        }
        for (const { temp } of temporary)
            (0,external_node_fs_.rmSync)(temp, { force: true });
        const after = notRestored.length > 0 ? `these stay pinned and could not be put back: ${notRestored.join(', ')}` : 'they were put back as they were';
        throw new errors/* ManifestError */.Sh('MANIFEST_WRITE_FAILED', `cannot replace the manifests (${error.message.split(',')[0]}); ${after}`, {
            option: 'manifests',
        });
    }
    return changed.map((c) => c.file.path);
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

//# sourceMappingURL=786.index.js.map