// A quick guess of what was pasted, made on every edit so the label and the
// highlighting follow the paste at once. It only picks a name and a language mode;
// the engine parses for real and its `detected` answer replaces this guess after
// each analysis. Kinds use the engine's vocabulary (analyze.hpp DetectedInputs).

const HEAD = 4096; // a guess never needs more than the start of the text

export const KIND_LABELS = {
  'policy-json': 'trust policy JSON',
  'json-string': 'policy as a JSON string',
  'get-role': 'aws iam get-role output',
  'cloudformation-json': 'CloudFormation (JSON)',
  'cloudformation-yaml': 'CloudFormation (YAML)',
  'terraform-plan': 'Terraform plan JSON',
  'terraform-hcl': 'Terraform',
  'aws-cli': 'AWS CLI command',
  'aws-config': '~/.aws/config profile',
  'terraform-provider': 'Terraform provider block',
  'github-actions': 'GitHub Actions workflow',
  boto3: 'Python boto3',
  'js-sdk-v3': 'JavaScript SDK v3',
  'go-sdk-v2': 'Go SDK v2',
  'java-sdk-v2': 'Java SDK v2',
  'error-text': 'AWS error text',
  empty: 'empty',
  unknown: 'not recognised',
};

export function kindLabel(kind) {
  if (!kind) return '';
  if (KIND_LABELS[kind]) return KIND_LABELS[kind];
  if (kind.startsWith('ERR_')) return `error: ${kind.slice(4).toLowerCase().replaceAll('_', ' ')}`;
  return kind;
}

// The CodeMirror language for a kind.
export function languageFor(kind) {
  switch (kind) {
    case 'policy-json': case 'json-string': case 'get-role': case 'cloudformation-json': case 'terraform-plan':
      return 'json';
    case 'cloudformation-yaml': case 'github-actions': return 'yaml';
    case 'aws-cli': return 'shell';
    case 'aws-config': return 'ini';
    case 'terraform-provider': case 'terraform-hcl': return 'hcl';
    case 'boto3': return 'python';
    case 'js-sdk-v3': return 'javascript';
    case 'go-sdk-v2': return 'go';
    case 'java-sdk-v2': return 'java';
    default: return 'text';
  }
}

function looksLikeJson(t) { return /^[[{]/.test(t); }

export function guessPolicy(text) {
  const t = text.slice(0, HEAD).trim();
  if (!t) return 'empty';
  if (/^"\s*\{/.test(t)) return 'json-string';
  if (looksLikeJson(t)) {
    if (/"Role"\s*:\s*\{/.test(t) && /AssumeRolePolicyDocument/.test(t)) return 'get-role';
    if (/"AWSTemplateFormatVersion"|"Resources"\s*:/.test(t)) return 'cloudformation-json';
    if (/"format_version"|"planned_values"|"resource_changes"/.test(t)) return 'terraform-plan';
    return 'policy-json';
  }
  if (/^\s*(AWSTemplateFormatVersion|Resources)\s*:/m.test(t) || /AssumeRolePolicyDocument\s*:/.test(t)) return 'cloudformation-yaml';
  if (/^\s*(resource|data)\s+"aws_iam/m.test(t)) return 'terraform-hcl';
  return 'unknown';
}

export function guessCaller(text) {
  const t = text.slice(0, HEAD).trim();
  if (!t) return 'empty';
  if (/^\s*(aws\s+sts\s+assume-role|aws\s+.*--profile)/m.test(t) || /^\s*aws\s+\S+/m.test(t)) return 'aws-cli';
  if (/^\s*\[(profile\s+)?[^\]]+\]\s*$/m.test(t) && /role_arn\s*=/.test(t)) return 'aws-config';
  if (/^\s*provider\s+"aws"/m.test(t) || /assume_role\s*\{/.test(t)) return 'terraform-provider';
  if (/aws-actions\/configure-aws-credentials/.test(t) || /^\s*(jobs|steps|on)\s*:/m.test(t)) return 'github-actions';
  if (/boto3|\.assume_role\(/.test(t)) return 'boto3';
  if (/AssumeRoleCommand|@aws-sdk\//.test(t)) return 'js-sdk-v3';
  if (/stscreds|sts\.NewFromConfig|AssumeRoleInput\{/.test(t)) return 'go-sdk-v2';
  if (/AssumeRoleRequest\.builder|StsClient/.test(t)) return 'java-sdk-v2';
  return 'unknown';
}

export function guessError(text) {
  const t = text.slice(0, HEAD).trim();
  if (!t) return 'empty';
  if (/AccessDenied/.test(t) && /AssumeRole/.test(t)) return 'ERR_ASSUME_ROLE_ACCESS_DENIED';
  if (/ValidationError|validation error/i.test(t)) return 'ERR_VALIDATION';
  if (/ExpiredToken/.test(t)) return 'ERR_EXPIRED_TOKEN';
  if (/InvalidClientTokenId|SignatureDoesNotMatch/.test(t)) return 'ERR_INVALID_CREDENTIALS';
  if (/error|denied|not authorized/i.test(t)) return 'error-text';
  return 'unknown';
}
