// Go's fmt float verbs used by pprof's reports ("%.2f", "%5.2g"), reproduced exactly.
// JS toFixed/toPrecision round exact ties away from zero; Go rounds them to even, and Go's %g
// trims trailing zeros and switches to exponent form by its own rule (strconv/ftoa.go).

/** Exact decimal expansion of a finite |x|: value = 0.<digits> * 10^dp (Go's decimal form). */
function exactDecimal(x: number): { digits: string; dp: number } {
  x = Math.abs(x);
  if (x === 0) return { digits: '', dp: 0 };
  // Decompose x = mant * 2^exp with an integer mant.
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (bexp === 0) {
    exp = -1074;
  } else {
    mant |= 1n << 52n;
    exp = bexp - 1075;
  }
  let digits: string;
  let pointShift: number; // value = digits * 10^pointShift
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    pointShift = 0;
  } else {
    digits = (mant * 5n ** BigInt(-exp)).toString();
    pointShift = exp;
  }
  // Strip trailing zeros.
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  const dp = digits.length + pointShift;
  return { digits: digits.slice(0, end), dp };
}

/** Rounds a digit string to nd digits, half to even; returns the new digits and dp. */
function roundDigits(digits: string, dp: number, nd: number): { digits: string; dp: number } {
  if (nd < 0) return { digits: '', dp };
  if (digits.length <= nd) return { digits, dp };
  const next = digits.charCodeAt(nd) - 48;
  let up: boolean;
  if (next > 5) up = true;
  else if (next < 5) up = false;
  else {
    // Exactly half iff nothing nonzero follows (digits are trimmed, so: nothing follows).
    if (digits.length > nd + 1) up = true;
    else up = nd > 0 && (digits.charCodeAt(nd - 1) - 48) % 2 === 1;
  }
  let d = digits.slice(0, nd);
  if (up) {
    let i = nd - 1;
    const arr = d.split('');
    while (i >= 0 && arr[i] === '9') {
      i--;
    }
    if (i < 0) {
      return { digits: '1', dp: dp + 1 };
    }
    arr[i] = String.fromCharCode(arr[i].charCodeAt(0) + 1);
    d = arr.slice(0, i + 1).join('');
  }
  let end = d.length;
  while (end > 0 && d.charCodeAt(end - 1) === 48) end--;
  return { digits: d.slice(0, end), dp };
}

function fmtF(neg: boolean, digits: string, dp: number, prec: number): string {
  let s = neg ? '-' : '';
  if (dp > 0) {
    let intPart = digits.slice(0, dp);
    while (intPart.length < dp) intPart += '0';
    s += intPart;
  } else {
    s += '0';
  }
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) {
      const j = dp + i;
      s += j >= 0 && j < digits.length ? digits[j] : '0';
    }
  }
  return s;
}

/** Go's fmt.Sprintf("%.<prec>f", x). */
export function formatFixed(x: number, prec: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : x < 0 ? '-Inf' : 'NaN';
  const ax = Math.abs(x);
  // Fast path: no exact tie possible at this precision (ties need a short binary fraction).
  if (prec === 2 && ax < 1e15) {
    const t = ax * 8;
    if (!(Number.isInteger(t) && t % 2 === 1)) {
      const s = ax.toFixed(2);
      return (x < 0 || Object.is(x, -0)) ? '-' + s : s;
    }
  }
  const d = exactDecimal(x);
  const r = roundDigits(d.digits, d.dp, d.dp + prec);
  return fmtF(x < 0 || Object.is(x, -0), r.digits, r.dp, prec);
}

/** Go's fmt.Sprintf("%.<prec>g", x) (prec >= 1). */
export function formatG(x: number, prec: number): string {
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : x < 0 ? '-Inf' : 'NaN';
  const neg = x < 0 || Object.is(x, -0);
  if (x === 0) return neg ? '-0' : '0';
  let d: { digits: string; dp: number } | undefined;
  if (prec <= 20) {
    // Fast path: JS rounds the exact value correctly except on exact ties (where Go rounds half
    // to even); a tie needs the next significant digit to be 5.
    const probe = Math.abs(x).toExponential(prec);
    if (probe.charCodeAt(prec + 1) !== 53 /* '5' */) {
      const e = Math.abs(x).toExponential(prec - 1);
      const ePos = e.indexOf('e');
      let digits = e.slice(0, ePos).replace('.', '');
      let end = digits.length;
      while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
      digits = digits.slice(0, end);
      d = { digits, dp: Number(e.slice(ePos + 1)) + 1 };
    }
  }
  if (!d) {
    const d0 = exactDecimal(x);
    d = roundDigits(d0.digits, d0.dp, prec);
  }
  let eprec = prec;
  if (eprec > d.digits.length && d.digits.length >= d.dp) eprec = d.digits.length;
  const exp = d.dp - 1;
  if (exp < -4 || exp >= eprec) {
    // %e with prec-1 digits after the point, as shortened: Go uses digits as rounded.
    const nd = Math.max(prec - 1, 0);
    let s = neg ? '-' : '';
    s += d.digits[0] ?? '0';
    const frac = Math.min(nd, Math.max(d.digits.length - 1, 0));
    if (frac > 0) s += '.' + d.digits.slice(1, 1 + frac);
    const e = d.digits.length === 0 ? 0 : exp;
    s += e < 0 ? 'e-' : 'e+';
    const ae = Math.abs(e);
    s += ae < 10 ? '0' + ae : String(ae);
    return s;
  }
  return fmtF(neg, d.digits, d.dp, Math.max(d.digits.length - d.dp, 0));
}

/** Right-aligns s in a field of width w (Go's %<w>s). Width counts runes. */
export function padLeft(s: string, w: number): string {
  const n = runeCount(s);
  return n >= w ? s : ' '.repeat(w - n) + s;
}

export function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) i++;
    n++;
  }
  return n;
}
