/**
 * The NeoFS placement policy language (SDK rc.17 `netmap/parser/Query.g4`, `QueryLexer.g4`;
 * protocol.md §5.7.2):
 *
 *   policy := (REP n [IN name] | EC n/n [IN name])+ [CBF n]
 *             (SELECT n [IN [SAME|DISTINCT] attr] FROM (filter | *) [AS name])*
 *             (FILTER expr AS name)*
 *   expr   := expr AND expr | expr OR expr | ( expr ) | @name | key (EQ|NE|GT|GE|LT|LE) value
 *
 * Keywords are upper case and case-sensitive; REP IN AS SELECT FROM FILTER EC may also serve as
 * names. Strings are '...' or "..." with JSON escapes; like Go, only the quotes are stripped
 * (escapes stay as written). AND binds tighter than OR; a chain `a AND b AND c` becomes one AND
 * filter with three operands. There is no UNIQUE keyword in NeoFS (that is FrostFS syntax).
 *
 * Unlike rc.17 `DecodeString` (which checks references against the receiver's *previous*
 * value, so misses them), undefined `FROM` filters and `IN` selectors are errors here, with
 * their position.
 */
import { AuthmateError } from '../errors.js';
import { FilterOp, SelectorClause, type PlacementFilter, type PlacementPolicy, PLACEMENT_LIMITS } from './placement.js';

/**
 * Deepest parenthesis nesting a FILTER expression may have. Real policies nest two or three
 * levels; the bound keeps parsing (and everything that walks the filter tree) off the stack limit.
 */
export const PLACEMENT_QL_MAX_NESTING = 64;

/** A policy text that does not parse; `line` and `column` are 1-based (column in code points). */
export class PlacementPolicySyntaxError extends AuthmateError {
  readonly line: number;
  readonly column: number;
  readonly reason: string;

  constructor(line: number, column: number, reason: string) {
    super('PLACEMENT_POLICY_SYNTAX', `placement policy: line ${line}:${column}: ${reason}`, { position: `${line}:${column}` });
    this.line = line;
    this.column = column;
    this.reason = reason;
  }
}

type Kind =
  | 'REP' | 'IN' | 'AS' | 'CBF' | 'SELECT' | 'FROM' | 'FILTER' | 'EC' | 'SAME' | 'DISTINCT' | 'AND' | 'OR'
  | 'OP' | '*' | '(' | ')' | '@' | '/' | 'IDENT' | 'NUMBER1' | 'ZERO' | 'STRING' | 'EOF';

interface Token {
  kind: Kind;
  text: string;
  line: number;
  column: number;
}

const KEYWORDS = new Set<Kind>(['REP', 'IN', 'AS', 'CBF', 'SELECT', 'FROM', 'FILTER', 'EC', 'SAME', 'DISTINCT', 'AND', 'OR']);
const SIMPLE_OPS = new Set(['EQ', 'NE', 'GE', 'GT', 'LT', 'LE']);
/** Keywords the grammar also accepts as names (`keyword` rule). */
const NAME_KEYWORDS = new Set<Kind>(['REP', 'IN', 'AS', 'SELECT', 'FROM', 'FILTER', 'EC']);
const PUNCT: Record<string, Kind> = { '*': '*', '(': '(', ')': ')', '@': '@', '/': '/' };

const isLetter = (c: string): boolean => /^[A-Za-z_]$/.test(c);
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

/** Tokenizer, pulled by the parser so that errors surface in text order (as with ANTLR). */
class Lexer {
  private readonly cp: string[];
  private i = 0;
  private line = 1;
  private col = 1;

  constructor(text: string) {
    this.cp = Array.from(text);
  }

  private fail(line: number, col: number, what: string): never {
    throw new PlacementPolicySyntaxError(line, col, what);
  }

  private advance(): string {
    const c = this.cp[this.i++]!;
    if (c === '\n') {
      this.line++;
      this.col = 1;
    } else this.col++;
    return c;
  }

  next(): Token {
    while (this.i < this.cp.length && ' \t\r\n'.includes(this.cp[this.i]!)) this.advance();
    const line = this.line;
    const column = this.col;
    const tok = (kind: Kind, text: string): Token => ({ kind, text, line, column });
    if (this.i >= this.cp.length) return tok('EOF', '');
    const c = this.cp[this.i]!;
    if (isLetter(c)) {
      let s = '';
      while (this.i < this.cp.length && (isLetter(this.cp[this.i]!) || isDigit(this.cp[this.i]!))) s += this.advance();
      if (SIMPLE_OPS.has(s)) return tok('OP', s);
      return tok(KEYWORDS.has(s as Kind) ? (s as Kind) : 'IDENT', s);
    }
    if (c === '0') return tok('ZERO', this.advance());
    if (isDigit(c)) {
      let s = '';
      while (this.i < this.cp.length && isDigit(this.cp[this.i]!)) s += this.advance();
      return tok('NUMBER1', s);
    }
    if (c === '"' || c === "'") return tok('STRING', this.string(c, line, column));
    const p = PUNCT[c];
    if (p) return tok(p, this.advance());
    this.fail(line, column, `unexpected character ${JSON.stringify(c)}`);
  }

  private string(quote: string, line: number, column: number): string {
    let s = this.advance();
    for (;;) {
      if (this.i >= this.cp.length) this.fail(line, column, `unterminated string starting with ${quote}`);
      const c = this.cp[this.i]!;
      if (c === quote) return s + this.advance();
      if (c.codePointAt(0)! < 0x20) this.fail(line, column, `control character U+${c.codePointAt(0)!.toString(16).padStart(4, '0')} in string (use an escape)`);
      if (c === '\\') {
        s += this.advance();
        const e = this.cp[this.i];
        if (e !== undefined && '\'"\\/bfnrt'.includes(e)) s += this.advance();
        else if (e === 'u' && this.cp.slice(this.i + 1, this.i + 5).join('').match(/^[0-9a-fA-F]{4}$/)) {
          for (let k = 0; k < 5; k++) s += this.advance();
        } else this.fail(line, column, `invalid escape "\\${e ?? ''}" in string`);
        continue;
      }
      s += this.advance();
    }
  }
}

const show = (t: Token): string => (t.kind === 'EOF' ? 'end of input' : JSON.stringify(t.text));

class Parser {
  private tok: Token;
  private depth = 0;

  constructor(private readonly lexer: Lexer) {
    this.tok = lexer.next();
  }

  private at(kind: Kind): boolean {
    return this.tok.kind === kind;
  }

  private take(): Token {
    const t = this.tok;
    this.tok = this.lexer.next();
    return t;
  }

  private fail(t: Token, expected: string): never {
    throw new PlacementPolicySyntaxError(t.line, t.column, `unexpected ${show(t)}, expected ${expected}`);
  }

  private expect(kind: Kind, expected: string): Token {
    if (this.tok.kind !== kind) this.fail(this.tok, expected);
    return this.take();
  }

  private count(what: string): number {
    const t = this.tok;
    if (t.kind !== 'NUMBER1') this.fail(t, `${what} (a positive integer)`);
    this.take();
    const n = Number(t.text);
    if (n > 0xffff_ffff) throw new PlacementPolicySyntaxError(t.line, t.column, `${what} ${t.text} does not fit in uint32`);
    return n;
  }

  private isName(): boolean {
    return this.at('IDENT') || NAME_KEYWORDS.has(this.tok.kind);
  }

  private name(what: string): Token {
    if (!this.isName()) this.fail(this.tok, what);
    return this.take();
  }

  policy(): { policy: PlacementPolicy; refs: Ref[] } {
    const p: PlacementPolicy = { replicas: [], containerBackupFactor: 0, selectors: [], filters: [], ecRules: [] };
    const refs: Ref[] = [];
    if (!this.at('REP') && !this.at('EC')) this.fail(this.tok, 'REP or EC');
    while (this.at('REP') || this.at('EC')) {
      const start = this.take();
      if (start.kind === 'REP') {
        const count = this.count('replica count');
        let selector = '';
        if (this.at('IN')) {
          this.take();
          const s = this.name('a selector name after IN');
          selector = s.text;
          refs.push({ kind: 'selector', name: selector, at: s, rule: `REP #${p.replicas.length}` });
        }
        p.replicas.push({ count, selector });
      } else {
        const dataPartNum = this.count('EC data part count');
        this.expect('/', '"/" between EC data and parity part counts');
        const parityPartNum = this.count('EC parity part count');
        if (dataPartNum + parityPartNum > PLACEMENT_LIMITS.maxECParts) {
          throw new PlacementPolicySyntaxError(start.line, start.column, `EC ${dataPartNum}/${parityPartNum}: more than ${PLACEMENT_LIMITS.maxECParts} total parts`);
        }
        let selector = '';
        if (this.at('IN')) {
          this.take();
          const s = this.name('a selector name after IN');
          selector = s.text;
          refs.push({ kind: 'selector', name: selector, at: s, rule: `EC #${p.ecRules.length}` });
        }
        p.ecRules.push({ dataPartNum, parityPartNum, selector });
      }
    }
    if (this.at('CBF')) {
      this.take();
      p.containerBackupFactor = this.count('container backup factor');
    }
    while (this.at('SELECT')) {
      this.take();
      const count = this.count('node count');
      let clause: number = SelectorClause.CLAUSE_UNSPECIFIED;
      let attribute = '';
      if (this.at('IN')) {
        this.take();
        if (this.at('SAME') || this.at('DISTINCT')) clause = SelectorClause[this.take().kind as 'SAME' | 'DISTINCT'];
        attribute = this.name(clause ? 'an attribute name' : 'SAME, DISTINCT or an attribute name').text;
      }
      this.expect('FROM', this.at('AS') ? 'FROM before AS' : attribute ? 'FROM' : 'IN or FROM');
      let filter: string;
      if (this.at('*')) filter = this.take().text;
      else {
        const f = this.name('a filter name or * after FROM');
        filter = f.text;
        refs.push({ kind: 'filter', name: filter, at: f, rule: `SELECT #${p.selectors.length}` });
      }
      let name = '';
      if (this.at('AS')) {
        this.take();
        name = this.name('a selector name after AS').text;
      }
      p.selectors.push({ name, count, clause, attribute, filter });
    }
    while (this.at('FILTER')) {
      this.take();
      const f = this.orExpr();
      this.expect('AS', 'AND, OR or AS <name>');
      f.name = this.name('a filter name after AS').text;
      p.filters.push(f);
    }
    if (!this.at('EOF')) {
      // What could still come, given the statements seen (rules, CBF, SELECTs, FILTERs in order).
      const allowed =
        p.filters.length > 0 ? ['FILTER']
        : p.selectors.length > 0 || p.containerBackupFactor > 0 ? ['SELECT', 'FILTER']
        : ['REP', 'EC', 'CBF', 'SELECT', 'FILTER'];
      const hint = this.tok.text === 'UNIQUE' ? ' (UNIQUE is FrostFS syntax, not NeoFS)' : '';
      this.fail(this.tok, `${allowed.join(', ')} or end of input${hint}`);
    }
    return { policy: p, refs };
  }

  private orExpr(): PlacementFilter {
    let acc = this.andExpr();
    while (this.at('OR')) {
      this.take();
      acc = combine(acc, FilterOp.OR, this.andExpr());
    }
    return acc;
  }

  private andExpr(): PlacementFilter {
    let acc = this.primary();
    while (this.at('AND')) {
      this.take();
      acc = combine(acc, FilterOp.AND, this.primary());
    }
    return acc;
  }

  private primary(): PlacementFilter {
    if (this.at('(')) {
      const open = this.take();
      if (++this.depth > PLACEMENT_QL_MAX_NESTING) {
        throw new PlacementPolicySyntaxError(open.line, open.column, `parentheses nested deeper than ${PLACEMENT_QL_MAX_NESTING} levels`);
      }
      const inner = this.orExpr();
      this.expect(')', 'AND, OR or ")"');
      this.depth--;
      return inner;
    }
    if (this.at('@')) {
      this.take();
      return filter({ name: this.name('a filter name after @').text });
    }
    if (!this.isName() && !this.at('STRING')) this.fail(this.tok, '"(", @<filter> or an attribute key');
    const key = unquote(this.take());
    if (!this.at('OP')) this.fail(this.tok, 'a comparison EQ, NE, GT, GE, LT or LE');
    const op = FilterOp[this.take().text as 'EQ'];
    const t = this.tok;
    if (!(this.isName() || t.kind === 'STRING' || t.kind === 'NUMBER1' || t.kind === 'ZERO')) this.fail(t, 'a value (name, number or string)');
    return filter({ key, op, value: unquote(this.take()) });
  }
}

interface Ref {
  kind: 'selector' | 'filter';
  name: string;
  at: Token;
  rule: string;
}

const unquote = (t: Token): string => (t.kind === 'STRING' ? t.text.slice(1, -1) : t.text);

const filter = (f: Partial<PlacementFilter>): PlacementFilter => ({ name: '', key: '', op: 0, value: '', filters: [], ...f });

/**
 * `(a AND b) AND c` joins the chain, as the SDK's visitor does (left operand of the same op).
 * The left operand is always a node this parse just built, so it is extended in place: copying
 * it per operand made an n-term chain take quadratic time.
 */
function combine(left: PlacementFilter, op: number, right: PlacementFilter): PlacementFilter {
  if (left.op === op && left.key === '' && left.name === '') {
    left.filters.push(right);
    return left;
  }
  return filter({ op, filters: [left, right] });
}

/**
 * Parses the query language into a `PlacementPolicy` (same value as SDK rc.17 `DecodeString`)
 * and checks that every `FROM` filter and `IN` selector is defined. Limits (`Verify`) are a
 * separate step: `verifyPlacementPolicy`.
 */
export function parsePlacementPolicy(text: string): PlacementPolicy {
  const { policy, refs } = new Parser(new Lexer(text)).policy();
  const filters = new Set(policy.filters.map((f) => f.name));
  const selectors = new Set(policy.selectors.map((s) => s.name));
  for (const r of refs) {
    const known = r.kind === 'filter' ? filters : selectors;
    if (!known.has(r.name)) {
      throw new PlacementPolicySyntaxError(r.at.line, r.at.column, `${r.rule}: ${r.kind} "${r.name}" is not defined`);
    }
  }
  return policy;
}

const IDENT_TEXT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A key or value as a token that parses back to the same text. */
function atom(text: string, numberOk: boolean): string {
  const reserved = KEYWORDS.has(text as Kind) && !NAME_KEYWORDS.has(text as Kind);
  if (IDENT_TEXT.test(text) && !reserved && !SIMPLE_OPS.has(text)) return text;
  if (numberOk && /^(0|[1-9][0-9]*)$/.test(text)) return text;
  // Strings keep their escapes as written, so re-quote with a quote the text does not end a string with.
  return /(^|[^\\])"/.test(text) ? `'${text}'` : `"${text}"`;
}

function formatExpr(f: PlacementFilter, nested: boolean): string {
  if (f.op === FilterOp.AND || f.op === FilterOp.OR) {
    const s = f.filters.map((x) => formatExpr(x, true)).join(` ${opName(f.op)} `);
    return nested ? `(${s})` : s;
  }
  if (f.key === '' && f.op === 0) return `@${f.name}`;
  return `${atom(f.key, false)} ${opName(f.op)} ${atom(f.value, true)}`;
}

const opName = (op: number): string => Object.entries(FilterOp).find(([, n]) => n === op)?.[0] ?? String(op);

/**
 * Prints a policy in the query language, one statement per line, in a form that parses back to
 * the same value (unlike SDK `WriteStringTo`, nested AND/OR groups keep their parentheses and
 * keys/values are quoted where needed).
 */
export function formatPlacementPolicy(p: PlacementPolicy): string {
  const lines: string[] = [];
  for (const r of p.replicas) lines.push(r.selector ? `REP ${r.count} IN ${r.selector}` : `REP ${r.count}`);
  for (const r of p.ecRules) lines.push(`EC ${r.dataPartNum}/${r.parityPartNum}${r.selector ? ` IN ${r.selector}` : ''}`);
  if (p.containerBackupFactor > 0) lines.push(`CBF ${p.containerBackupFactor}`);
  for (const s of p.selectors) {
    const clause = s.clause === SelectorClause.SAME ? 'SAME ' : s.clause === SelectorClause.DISTINCT ? 'DISTINCT ' : '';
    lines.push(`SELECT ${s.count}${s.attribute ? ` IN ${clause}${s.attribute}` : ''}${s.filter ? ` FROM ${s.filter}` : ''}${s.name ? ` AS ${s.name}` : ''}`);
  }
  for (const f of p.filters) lines.push(`FILTER ${formatExpr(f, false)} AS ${f.name}`);
  return lines.join('\n');
}
