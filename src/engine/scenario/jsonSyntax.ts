/**
 * Finds where JSON text goes wrong. Only used after JSON.parse has failed: its
 * message differs between browsers (and often has no position), so the UI would
 * not be able to say where a truncated or hand-edited file broke.
 */

/** Where the text stops being JSON, and why. `position` is a 0-based index into the text. */
export interface JsonSyntaxProblem {
  position: number;
  line: number;
  column: number;
  problem: string;
}

class SyntaxAt extends Error {
  constructor(
    readonly position: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** Recognises JSON (RFC 8259) without building values; throws SyntaxAt at the first error. */
class Recogniser {
  i = 0;
  constructor(readonly s: string) {}

  fail(problem: string): never {
    throw new SyntaxAt(this.i, this.i >= this.s.length ? 'unexpected end of input (is the file truncated?)' : problem);
  }
  ws(): void {
    while (WS.has(this.s.charCodeAt(this.i))) this.i++;
  }
  document(): void {
    this.value();
    this.ws();
    if (this.i < this.s.length) this.fail('unexpected text after the end of the JSON value');
  }
  value(): void {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') this.container('}', true);
    else if (c === '[') this.container(']', false);
    else if (c === '"') this.string();
    else if (c === '-' || (c >= '0' && c <= '9')) this.number();
    else if (c === 't' || c === 'f' || c === 'n') this.literal();
    else this.fail(`unexpected character ${JSON.stringify(c)}`);
  }
  container(close: string, isObject: boolean): void {
    this.i++;
    this.ws();
    if (this.s[this.i] === close) return void this.i++;
    for (;;) {
      if (isObject) {
        this.ws();
        if (this.s[this.i] !== '"') this.fail('expected a property name in double quotes');
        this.string();
        this.ws();
        if (this.s[this.i] !== ':') this.fail("expected ':' after the property name");
        this.i++;
      }
      this.value();
      this.ws();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] === close) return void this.i++;
      else this.fail(`expected ',' or '${close}'`);
    }
  }
  string(): void {
    this.i++;
    for (;;) {
      if (this.i >= this.s.length) this.fail('unterminated string');
      const c = this.s[this.i];
      if (c === '"') return void this.i++;
      if (c.charCodeAt(0) < 0x20) this.fail('control character inside a string (escape it)');
      if (c === '\\') {
        const e = this.s[this.i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.s.slice(this.i + 2, this.i + 6))) this.fail('invalid \\u escape');
          this.i += 6;
        } else if (ESCAPES.has(e)) this.i += 2;
        else this.fail('invalid escape in a string');
      } else this.i++;
    }
  }
  digits(): void {
    const start = this.i;
    while (this.s[this.i] >= '0' && this.s[this.i] <= '9') this.i++;
    if (this.i === start) this.fail('invalid number: expected a digit');
  }
  number(): void {
    if (this.s[this.i] === '-') this.i++;
    if (this.s[this.i] === '0') this.i++;
    else this.digits();
    if (this.s[this.i] === '.') {
      this.i++;
      this.digits();
    }
    if (this.s[this.i] === 'e' || this.s[this.i] === 'E') {
      this.i++;
      if (this.s[this.i] === '+' || this.s[this.i] === '-') this.i++;
      this.digits();
    }
  }
  literal(): void {
    for (const word of ['true', 'false', 'null']) {
      if (this.s.startsWith(word, this.i)) return void (this.i += word.length);
    }
    this.fail('unexpected word (expected true, false or null)');
  }
}

/**
 * The first syntax error in `text`, or undefined when it is valid JSON.
 * Nesting must already be bounded (the recogniser recurses once per level).
 *
 * @example
 * locateJsonError('{"a": 1,')?.position; // 8
 */
export function locateJsonError(text: string): JsonSyntaxProblem | undefined {
  try {
    new Recogniser(text).document();
    return undefined;
  } catch (e) {
    if (!(e instanceof SyntaxAt)) throw e;
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < e.position && i < text.length; i++) {
      if (text.charCodeAt(i) === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    return { position: e.position, line, column: e.position - lineStart + 1, problem: e.problem };
  }
}
