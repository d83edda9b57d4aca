import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { loadStackEngine, dist } from './load.mjs';

const policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }],
}, null, 2);

test('redact returns typed findings and restore puts every byte back', async () => {
  const se = await loadStackEngine();
  const vault = new se.Vault();
  try {
    const r = vault.redact(policy);
    assert.equal(r.error.code, '');
    assert.ok(!r.redacted.includes('123456789012'));
    assert.doesNotThrow(() => JSON.parse(r.redacted), 'redacted JSON stays JSON');
    assert.equal(r.findings.size(), 1);
    const f = r.findings.get(0);
    assert.equal(f.rule, 'aws-arn');
    assert.equal(typeof f.start.line, 'number');
    assert.equal(policy.slice(f.start.offsetUtf16, f.end.offsetUtf16), 'arn:aws:iam::123456789012:root');
    assert.match(f.placeholder, /^arn:aws:iam::\d{12}:root$/, 'the ARN stays an ARN and :root stays');
    r.findings.delete();
    assert.equal(vault.restore(r.redacted), policy);
  } finally {
    vault.delete();
  }
});

test('invalid UTF-8 and binary input give an error value with a location', async () => {
  const se = await loadStackEngine();
  const vault = new se.Vault();
  try {
    // A lone surrogate cannot be encoded as UTF-8; Embind substitutes U+FFFD, so
    // send NUL instead to hit the binary path through the JS boundary.
    const r = vault.redact('abc\n\u0000def');
    assert.equal(r.error.code, 'INPUT_BINARY');
    assert.equal(r.error.location.line, 2);
    assert.equal(r.error.location.column, 1);
    r.findings.delete();
  } finally {
    vault.delete();
  }
});

test('50 MB of text yields a result, not a crash', async () => {
  const se = await loadStackEngine();
  const vault = new se.Vault();
  try {
    const line = 'role = arn:aws:iam::123456789012:role/deployer  # padding padding padding\n';
    const big = line.repeat(Math.ceil((50 << 20) / line.length));
    const r = vault.redact(big);
    assert.equal(r.error.code, '');
    assert.ok(r.findings.size() > 1000);
    assert.ok(!r.redacted.includes('123456789012'));
    r.findings.delete();
  } finally {
    vault.delete();
  }
});

test('the single-file build loads with no .wasm beside it', async () => {
  const require = createRequire(import.meta.url);
  const se = await require(path.join(dist, 'stackengine-single.js'))();
  const vault = new se.Vault();
  const r = vault.redact('account 123456789012');
  assert.equal(r.findings.size(), 1);
  r.findings.delete();
  vault.delete();
});

test('user rules in gitleaks format, options and vault export through the typed API', async () => {
  const se = await loadStackEngine();
  const rules = se.loadRules(`
[[rules]]
id = "acme-token"
regex = '''acme_[a-z0-9]{16}'''
keywords = ["acme_"]

[[rules]]
id = "go-only"
regex = '''(?<=x)y'''
`, 'extra.toml');
  const errors = rules.errors();
  assert.equal(rules.size(), 1);
  assert.equal(errors.size(), 1);
  assert.equal(errors.get(0).rule, 'go-only');
  assert.equal(errors.get(0).code, 'RULE_REGEX');
  errors.delete();
  const none = new se.VectorString();
  const redactor = new se.Redactor({ placeholderStyle: se.PlaceholderStyle.LABELLED, builtinRules: true,
    disabledCategories: none, onlyRules: none, maxMem: 32 << 20 }, rules);
  const vault = new se.Vault();
  try {
    const text = 'token = acme_k3lm9qr2tz5wx8vb\naccount_id = 318274650193\n';
    const r = vault.redactWith(redactor, text);
    assert.equal(r.error.code, '');
    const found = [];
    for (let i = 0; i < r.findings.size(); i++) found.push(r.findings.get(i).placeholder);
    r.findings.delete();
    assert.deepEqual(found, ['{{ACME_TOKEN_1}}', '{{AWS_ACCOUNT_ID_1}}']);
    const imported = se.Vault.importJSON(vault.exportJSON());
    assert.equal(imported.error().code, '');
    const copy = imported.vault();
    assert.equal(copy.restore(r.redacted), text);
    copy.delete();
    imported.delete();
  } finally {
    vault.delete();
    redactor.delete();
    rules.delete();
    none.delete();
  }
});

test('random bytes through the JS boundary round-trip or give an error value', async () => {
  const se = await loadStackEngine();
  const vault = new se.Vault();
  try {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 200; round++) {
      let s = '';
      const n = Math.floor(rand() * 200);
      for (let i = 0; i < n; i++) s += String.fromCodePoint(Math.floor(rand() * (rand() < 0.8 ? 128 : 0x2ffff)));
      if (round % 3 === 0) s += ' aws_secret_access_key = q7Rk2Lw9Zt4Xp1Mv8Ns3Hb6Jc0Fd5Ga2Ye7Ui4Oo ';
      // Emscripten's UTF-8 encoder pairs a lone high surrogate with whatever follows,
      // so only well-formed strings can round-trip through any Embind std::string.
      s = s.toWellFormed();
      const r = vault.redact(s);
      r.findings.delete();
      if (r.error.code) continue;  // NUL: refused as binary, with a location
      assert.equal(vault.restore(r.redacted), s);
      assert.ok(!r.redacted.includes('q7Rk2Lw9Zt4Xp1Mv8Ns3Hb6Jc0Fd5Ga2Ye7Ui4Oo'));
    }
  } finally {
    vault.delete();
  }
});

test('redactUtf8 (bytes in wasm memory, result read through a view) matches redact, and refuses invalid UTF-8 with a location', async () => {
  const se = await loadStackEngine();
  const viaBytes = (vault, bytes) => {
    const ptr = se._malloc(Math.max(1, bytes.length));
    se.HEAPU8.set(bytes, ptr);
    const h = vault.redactUtf8(null, ptr, bytes.length, () => {});
    se._free(ptr);
    const out = { redacted: new TextDecoder().decode(h.redactedView()), error: h.error() };
    const findings = h.findings();
    out.rules = Array.from({ length: findings.size() }, (_, i) => findings.get(i).rule);
    findings.delete();
    h.delete();
    return out;
  };
  const text = `résumé ✓ ${policy}\naws_secret_access_key = q7Rk2Lw9Zt4Xp1Mv8Ns3Hb6Jc0Fd5Ga2Ye7Ui4Oo\n`;
  const a = new se.Vault();
  const b = new se.Vault();
  try {
    const fast = viaBytes(a, new TextEncoder().encode(text));
    const slow = b.redact(text);
    assert.equal(fast.error.code, '');
    assert.equal(fast.redacted, slow.redacted, 'same redacted text, non-ASCII intact');
    assert.deepEqual(fast.rules, Array.from({ length: slow.findings.size() }, (_, i) => slow.findings.get(i).rule));
    assert.ok(fast.rules.length >= 2);
    slow.findings.delete();
    assert.equal(a.restore(fast.redacted), text);
    // A byte sequence that no JS string can produce: a stray continuation byte.
    const bad = viaBytes(a, Uint8Array.from([0x61, 0x0a, 0x62, 0x80, 0x63]));
    assert.equal(bad.error.code, 'INPUT_INVALID_UTF8');
    assert.equal(bad.error.location.line, 2);
    assert.equal(bad.error.location.column, 2);
  } finally {
    a.delete();
    b.delete();
  }
});
