/**
 * How authmate reads a JSON flag value (`--bearer-rules`, `--session-tokens`,
 * `--container-policy`; authmate.md §4.1, v0.22+): if the text itself is valid JSON it is used,
 * otherwise it is taken as a file path whose content must be valid JSON.
 *
 * JSON is parsed by our own strict parser so that errors carry line:column (JSON.parse in
 * Node 20 reports neither reliably) and duplicate object keys can be refused where Go's
 * protojson refuses them.
 */
import bs58 from 'bs58';
import { AuthmateError, type AuthmateErrorOptions } from '../errors.js';
import type { JsonObject, JsonValue } from '../util/protojson.js';
import { FILE_LIMITS, FileInputError, readBoundedFileSync } from '../util/files.js';

export class JsonSyntaxError extends AuthmateError {
  readonly line: number;
  readonly column: number;
  readonly reason: string;

  constructor(line: number, column: number, reason: string) {
    super('JSON_SYNTAX', `line ${line}:${column}: ${reason}`, { position: `${line}:${column}` });
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

export interface ParseJsonOptions {
  /** protojson refuses a repeated key; Go's encoding/json keeps the last one (the default here). */
  duplicateKeys?: 'last' | 'error';
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Strict RFC 8259 JSON (what Go's `json.Valid` accepts). Positions are 1-based, columns in UTF-16 units. */
export function parseJson(text: string, options: ParseJsonOptions = {}): JsonValue {
  let i = 0;
  const fail = (at: number, reason: string): never => {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    throw new JsonSyntaxError(line, at - before.lastIndexOf('\n'), reason);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const found = (): string => (i >= text.length ? 'end of input' : JSON.stringify(text[i]));

  const value = (depth: number): JsonValue => {
    if (depth > 1000) fail(i, 'nesting too deep');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: JsonObject = {};
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        const keyAt = i;
        if (text[i] !== '"') fail(i, `expected a string key, found ${found()}`);
        const key = string();
        if (Object.hasOwn(obj, key) && options.duplicateKeys === 'error') fail(keyAt, `duplicate key ${JSON.stringify(key)}`);
        ws();
        if (text[i] !== ':') fail(i, `expected ":" after key, found ${found()}`);
        i++;
        // defineProperty: a "__proto__" key stays a plain key.
        Object.defineProperty(obj, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail(i, `expected "," or "}" in object, found ${found()}`);
      }
    }
    if (c === '[') {
      i++;
      const arr: JsonValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail(i, `expected "," or "]" in array, found ${found()}`);
      }
    }
    if (c === '"') return string();
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (m && m[0] !== '-' && m[0] !== '') {
      i += m[0].length;
      return Number(m[0]);
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    return fail(i, `unexpected ${found()}, expected a JSON value`);
  };

  // Plain runs are appended as slices: a string built one character at a time is a rope of a node
  // per character (a 1 MB policy string cost ~60 MB that way).
  const string = (): string => {
    const start = i;
    i++;
    let out = '';
    let run = i;
    for (;;) {
      if (i >= text.length) fail(start, 'unterminated string');
      const code = text.charCodeAt(i);
      if (code === 0x22) {
        out += text.slice(run, i);
        i++;
        return out;
      }
      if (code < 0x20) fail(i, 'control character in string');
      if (code === 0x5c) {
        out += text.slice(run, i);
        const e = text[i + 1];
        if (e !== undefined && Object.hasOwn(SIMPLE_ESCAPES, e)) {
          out += SIMPLE_ESCAPES[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail(i, `invalid escape in string`);
        run = i;
        continue;
      }
      i++;
    }
  };

  const v = value(0);
  ws();
  if (i < text.length) fail(i, `unexpected ${found()} after the JSON value`);
  return v;
}

export interface ReadJsonInputOptions extends ParseJsonOptions {
  /** The option this value is for (set as the errors' `field`). */
  field?: string;
  /** Reads a file (injectable for tests); defaults to a bounded read (FILE_LIMITS.rules) as UTF-8. */
  readFile?: (path: string) => string;
}

/** Rules and policies given as a file: bounded (FILE_LIMITS.rules), a regular file or a FIFO. */
function readRulesFile(path: string): string {
  return readBoundedFileSync(path, { maxBytes: FILE_LIMITS.rules, what: 'rules file', allowFifo: true }).toString('utf8');
}

/** A JSON input that is neither valid JSON nor a readable file holding valid JSON. */
export class JsonInputError extends AuthmateError {
  constructor(message: string, options: AuthmateErrorOptions) {
    super('JSON_INPUT', message, options);
  }
}

/**
 * Reads a JSON input as authmate takes it: the text if it is valid JSON, else the file it names
 * (which must hold valid JSON). Errors say which, and for invalid JSON, the line:column.
 */
export function readJsonInput(value: string, options: ReadJsonInputOptions = {}): JsonValue {
  const field = options.field;
  let textError: JsonSyntaxError;
  try {
    return parseJson(value, options);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    textError = err;
  }
  // Like Go: only duplicate keys in otherwise valid JSON are a JSON error, not a file name.
  if (/^duplicate key/.test(textError.reason)) {
    throw new JsonInputError(`invalid JSON at ${textError.message}`, { field, position: textError.position, cause: textError });
  }
  let content: string;
  try {
    content = (options.readFile ?? readRulesFile)(value);
  } catch (err) {
    // The errno code is enough beside the path the user typed; a limit or a file type needs the words.
    const errno = ((err instanceof FileInputError ? err.cause : err) as NodeJS.ErrnoException | undefined)?.code;
    const why = errno ?? (err as Error).message;
    const looksLikeJson = /^\s*[[{"]/.test(value);
    throw new JsonInputError(
      looksLikeJson ? `invalid JSON at ${textError.message}` : `neither valid JSON (${textError.message}) nor a readable file (${why})`,
      { field, position: textError.position, cause: err },
    );
  }
  try {
    return parseJson(content, options);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    throw new JsonInputError(`file ${JSON.stringify(value)}: invalid JSON at ${err.message}`, { field, position: err.position, cause: err });
  }
}

/** The placeholder of the 2021 docs for the container that will hold the access box. */
export const BOX_CONTAINER_PLACEHOLDER = '%CID';

/**
 * Replaces `%CID` in rules with the box container's ID: base64 inside a protojson
 * `{"value": "%CID"}` (eACL tables, legacy session rules), base58 as a bare string (session rules).
 */
export function substituteBoxContainer(json: JsonValue, containerId: Uint8Array): JsonValue {
  if (json === BOX_CONTAINER_PLACEHOLDER) return bs58.encode(containerId);
  if (Array.isArray(json)) return json.map((v) => substituteBoxContainer(v, containerId));
  if (json !== null && typeof json === 'object') {
    const keys = Object.keys(json);
    if (keys.length === 1 && keys[0] === 'value' && json.value === BOX_CONTAINER_PLACEHOLDER) {
      return { value: Buffer.from(containerId).toString('base64') };
    }
    return Object.fromEntries(keys.map((k) => [k, substituteBoxContainer(json[k]!, containerId)]));
  }
  return json;
}
