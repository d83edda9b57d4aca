// The seed scenario: a cross-account role that requires an external id, called
// without one. The engine should answer CAUSE_EXTERNAL_ID_MISSING first.
export const EXAMPLE = {
  policy: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "AllowPipelineAccount",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::123456789012:root" },
      "Action": "sts:AssumeRole",
      "Condition": {
        "StringEquals": { "sts:ExternalId": "acme-prod-pipeline-x7f2" }
      }
    }
  ]
}
`,
  caller: 'aws sts assume-role --role-arn arn:aws:iam::987654321098:role/cross-account-role --role-session-name dev-session\n',
  error: 'An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::987654321098:role/cross-account-role\n',
};
