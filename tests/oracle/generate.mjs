// Seeded generator of random AssumeRole scenarios for the differential test against the
// oracle (tests/node/simulate_oracle.test.mjs). Each case has the oracle's input shape
// (../shared/oracle/README.md). Same seed, same cases.
//
//   import { generateCases } from '../oracle/generate.mjs';
//   const cases = generateCases({ seed: 20261128, count: 10000 });
//
// Coverage: principals (wildcard, account id / :root, user, role, session, federated user,
// service, OIDC, SAML, lists, NotPrincipal), Allow/Deny, several statements, actions with
// wildcards, every condition operator family with IfExists, ForAllValues:/ForAnyValue:,
// Null, policy variables, context keys present/absent/multivalued, identity policies,
// SCPs and permissions boundaries, same- and cross-account callers.
//
// Left out on purpose (documented divergences, see tests/oracle/DISAGREEMENTS.md and the
// directed cases in tests/oracle/divergences.json): root callers, ${*}/${?}/${$} escapes,
// epoch-second dates, IfExists with ForAnyValue:, 0.0.0.0/0, account principals with
// identity-provider callers, federated users named like an IAM user, built-in IdP host
// callers, Resource in trust policies.

export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const A = '111111111111'; // a caller account
const B = '222222222222'; // the role's account
const C = '333333333333'; // an unrelated account
const ROLE = `arn:aws:iam::${B}:role/Target`;
const OIDC = `arn:aws:iam::${B}:oidc-provider/token.actions.githubusercontent.com`;
const SAML = `arn:aws:iam::${B}:saml-provider/CorpIdP`;

const STRING_VALUES = ['acme-prod', 'Acme-Prod', 'acme-dev', 'o-a1b2c3', 'payments', 'alice', 'ci', ''];
const LIKE_VALUES = ['acme-*', 'Acme*', '*', 'a?me-prod', '*-dev', 'o-*', 'pay*', 'ci'];
const STRING_KEYS = ['sts:ExternalId', 'sts:RoleSessionName', 'aws:PrincipalOrgID', 'aws:PrincipalTag/team', 'sts:SourceIdentity'];
const SET_KEYS = ['aws:TagKeys', 'aws:PrincipalOrgPaths'];
const SET_VALUES = ['team', 'env', 'cost', 'o-a1b2c3/r-ab12/ou-1/', 'o-a1b2c3/r-ab12/ou-2/'];
const ARN_KEYS = ['aws:PrincipalArn', 'aws:SourceArn'];
const ARN_PATTERNS = [
  `arn:aws:iam::${A}:role/Deployer`, `arn:aws:iam::${A}:role/*`, `arn:aws:iam::*:role/Dep*`,
  `arn:aws:iam::${A}:user/alice`, `arn:aws:iam::${B}:*`, 'arn:aws:s3:::bucket-*', `arn:aws:iam::${A}:role/team/Deployer`, '*',
];
const ARN_VALUES = [`arn:aws:s3:::bucket-1`, `arn:aws:s3:::other`, `arn:aws:iam::${A}:role/team/Deployer`, 'not-an-arn'];
const DATES = ['2026-01-01T00:00:00Z', '2026-06-30T12:00:00Z', '2027-01-01', '2026-11-28T07:00:00+01:00'];
const NUMBERS = ['0', '300', '3600', '86400', '12.5'];
const IPS = ['10.1.2.3', '192.0.2.10', '203.0.113.99', '2001:db8::1', '2001:db9::7'];
const CIDRS = ['10.0.0.0/8', '192.0.2.0/24', '203.0.113.99/32', '2001:db8::/32', '0.0.0.0/1', '::/0', '10.1.2.3/32'];

export function generateCases({ seed = 20261128, count = 10000 } = {}) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const chance = (p) => r() < p;
  const some = (xs, min, max) => {
    const n = min + Math.floor(r() * (max - min + 1));
    const out = [];
    for (let i = 0; i < n; i++) out.push(pick(xs));
    return [...new Set(out)];
  };
  const one = (vs) => (vs.length === 1 && chance(0.5) ? vs[0] : vs);

  function caller() {
    const k = r();
    const acct = chance(0.5) ? A : B;
    if (k < 0.3) return { principal: `arn:aws:iam::${acct}:user/${pick(['alice', 'bob'])}`, kind: 'user', acct };
    if (k < 0.6) return { principal: `arn:aws:sts::${acct}:assumed-role/${pick(['Deployer', 'Developer'])}/${pick(['ci', 'jane'])}`, kind: 'session', acct };
    if (k < 0.67) return { principal: `arn:aws:sts::${acct}:federated-user/carol`, kind: 'fed', acct };
    if (k < 0.8) return { principal: pick(['lambda.amazonaws.com', 'ec2.amazonaws.com']), kind: 'service' };
    if (k < 0.92) return { principal: OIDC, kind: 'oidc', action: 'sts:AssumeRoleWithWebIdentity' };
    return { principal: SAML, kind: 'saml', action: 'sts:AssumeRoleWithSAML' };
  }

  function principalValue(idp) {
    let k = r();
    // Account principals never name identity-provider callers here (see DISAGREEMENTS.md D5).
    if (idp && k < 0.12) k = 0.12 + r() * 0.88;
    const acct = pick([A, B, C]);
    if (k < 0.12) return ['AWS', pick([acct, `arn:aws:iam::${acct}:root`])];
    if (k < 0.27) return ['AWS', `arn:aws:iam::${pick([A, B])}:user/${pick(['alice', 'bob'])}`];
    if (k < 0.42) return ['AWS', `arn:aws:iam::${pick([A, B])}:role/${pick(['', 'team/'])}${pick(['Deployer', 'Developer'])}`];
    if (k < 0.5) return ['AWS', `arn:aws:sts::${pick([A, B])}:assumed-role/Deployer/${pick(['ci', 'jane'])}`];
    if (k < 0.54) return ['AWS', `arn:aws:sts::${pick([A, B])}:federated-user/carol`];
    if (k < 0.66) return ['Service', pick(['lambda.amazonaws.com', 'ec2.amazonaws.com'])];
    if (k < 0.8) return ['Federated', pick([OIDC, SAML])];
    return ['AWS', '*'];
  }

  function principal(idp) {
    if (chance(0.1)) return '*';
    const out = {};
    const n = chance(0.25) ? 2 : 1;
    for (let i = 0; i < n; i++) {
      const [t, v] = principalValue(idp);
      if (out[t] === undefined) out[t] = v;
      else out[t] = [...new Set([].concat(out[t], v))];
    }
    return out;
  }

  function condition(block) {
    const fam = r();
    let op, key, values;
    const ifx = chance(0.2) ? 'IfExists' : '';
    if (fam < 0.35) {
      op = pick(['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike']);
      key = pick(STRING_KEYS);
      values = some(op.includes('Like') ? LIKE_VALUES : STRING_VALUES, 1, 2);
      if (chance(0.08)) values = [pick(['${aws:username}', '${aws:PrincipalTag/team}', 'acme-${aws:username}'])];
      if (chance(0.15) && !ifx) op = `${pick(['ForAllValues', 'ForAnyValue'])}:${op}`;
      else op += ifx;
    } else if (fam < 0.47) {
      op = pick(['StringEquals', 'StringLike', 'StringNotEquals', 'StringNotLike']);
      key = pick(SET_KEYS);
      values = some(SET_VALUES, 1, 2);
      if (chance(0.85)) op = `${pick(['ForAllValues', 'ForAnyValue'])}:${op}`;
      if (!op.startsWith('ForAnyValue') && ifx) op += ifx;
    } else if (fam < 0.59) {
      op = pick(['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike']) + ifx;
      key = pick(ARN_KEYS);
      values = some(ARN_PATTERNS, 1, 2);
    } else if (fam < 0.66) {
      op = pick(['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals']) + ifx;
      key = 'aws:MultiFactorAuthAge';
      values = some(NUMBERS, 1, 2);
    } else if (fam < 0.73) {
      op = pick(['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals']) + ifx;
      key = 'aws:CurrentTime';
      values = some(DATES, 1, 2);
    } else if (fam < 0.82) {
      op = 'Bool' + ifx;
      key = pick(['aws:MultiFactorAuthPresent', 'aws:SecureTransport']);
      values = [pick(['true', 'false'])];
    } else if (fam < 0.9) {
      op = pick(['IpAddress', 'NotIpAddress']) + ifx;
      key = 'aws:SourceIp';
      values = some(CIDRS, 1, 2);
    } else {
      op = 'Null';
      key = pick([...STRING_KEYS, 'aws:MultiFactorAuthPresent', 'aws:SourceIp', 'aws:TagKeys', 'aws:SourceArn']);
      values = [pick(['true', 'false'])];
    }
    block[op] ??= {};
    if (block[op][key] === undefined) block[op][key] = one(values);
  }

  function trustStatement(actionOfCaller, idp) {
    const effect = chance(0.2) ? 'Deny' : 'Allow';
    const s = { Effect: effect };
    if (effect === 'Deny' && chance(0.15)) s.NotPrincipal = principal(idp);
    else s.Principal = principal(idp);
    if (s.NotPrincipal === '*') s.NotPrincipal = { AWS: `arn:aws:iam::${A}:user/alice` };
    const k = r();
    s.Action = k < 0.55 ? actionOfCaller
      : k < 0.65 ? 'sts:AssumeRole'
      : k < 0.75 ? pick(['sts:Assume*', 'sts:*', 'STS:assumerole'])
      : k < 0.9 ? [actionOfCaller, 'sts:TagSession']
      : pick(['sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML', 'sts:TagSession']);
    if (chance(0.55)) {
      s.Condition = {};
      const n = 1 + Math.floor(r() * 3);
      for (let i = 0; i < n; i++) condition(s.Condition);
    }
    return s;
  }

  function callerPolicy() {
    const k = r();
    const st = (Effect, Action, Resource, Condition) => ({ Effect, Action, Resource, ...(Condition ? { Condition } : {}) });
    let s;
    if (k < 0.45) s = st('Allow', 'sts:AssumeRole', pick(['*', ROLE, `arn:aws:iam::${B}:role/T*`]));
    else if (k < 0.55) s = st('Allow', 'sts:AssumeRole', `arn:aws:iam::${B}:role/Other`);
    else if (k < 0.65) s = st('Allow', pick(['sts:*', '*']), '*');
    else if (k < 0.75) s = st('Deny', 'sts:AssumeRole', pick(['*', ROLE]));
    else if (k < 0.85) s = st('Allow', 's3:GetObject', '*');
    else {
      const c = {};
      condition(c);
      s = st(pick(['Allow', 'Deny']), 'sts:AssumeRole', '*', c);
    }
    if (chance(0.1)) {
      delete s.Resource;
      s.NotResource = pick([ROLE, `arn:aws:iam::${B}:role/Other`]);
    }
    return { Version: '2012-10-17', Statement: [s] };
  }

  function context(c) {
    const ctx = {};
    const maybe = (key, values, p = 0.5) => {
      if (chance(p)) ctx[key] = pick(values);
    };
    for (const k of STRING_KEYS) maybe(k, STRING_VALUES);
    for (const k of SET_KEYS) if (chance(0.5)) ctx[k] = some(SET_VALUES, 0, 3);
    maybe('aws:SourceArn', ARN_VALUES, 0.4);
    maybe('aws:MultiFactorAuthAge', NUMBERS, 0.4);
    maybe('aws:CurrentTime', DATES, 0.6);
    maybe('aws:SecureTransport', ['true', 'false'], 0.5);
    maybe('aws:SourceIp', IPS, 0.6);
    // Temporary credentials always carry the MFA key; long-term keys never unless sent.
    if (c.kind === 'session' || c.kind === 'fed') ctx['aws:MultiFactorAuthPresent'] = pick(['true', 'false']);
    else maybe('aws:MultiFactorAuthPresent', ['true', 'false'], 0.4);
    if (c.kind === 'user') ctx['aws:username'] = c.principal.split('/').pop();
    if (c.kind === 'session' && chance(0.3)) ctx['aws:PrincipalArn'] = `arn:aws:iam::${c.acct}:role/team/${c.principal.split('/')[1]}`;
    return ctx;
  }

  const cases = [];
  for (let i = 0; i < count; i++) {
    const c = caller();
    const action = c.action || 'sts:AssumeRole';
    const n = 1 + Math.floor(r() * 3);
    const Statement = [];
    for (let j = 0; j < n; j++) Statement.push(trustStatement(action, c.kind === 'oidc' || c.kind === 'saml'));
    const kase = {
      name: `gen-${seed}-${i}`,
      trustPolicy: { Version: '2012-10-17', Statement },
      principal: c.principal,
      resource: ROLE,
      ...(c.action ? { action: c.action } : {}),
      identityPolicies: [],
      context: context(c),
    };
    if (c.kind !== 'service' && c.kind !== 'oidc' && c.kind !== 'saml') {
      const m = Math.floor(r() * 3);
      for (let j = 0; j < m; j++) kase.identityPolicies.push(callerPolicy());
      if (chance(0.1)) {
        kase.scps = [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: pick(['*', 's3:*']), Resource: '*' }] }];
        if (chance(0.5)) kase.scps.push(callerPolicy());
      }
      if (chance(0.1)) kase.permissionBoundaries = [callerPolicy()];
    }
    cases.push(kase);
  }
  return cases;
}
