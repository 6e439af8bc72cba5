import { Stack } from 'aws-cdk-lib';
import {
  AccountRootPrincipal,
  type IPrincipal,
  PolicyStatement,
  Role,
  SessionTagsPrincipal,
} from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { agencyQueueName } from '../../shared/queues.ts';
import { AGENCY_TAG, PROVINCE_TAG } from './agency-queue.ts';

/** The session tag an agency system sets when it assumes the poller role. */
export const AGENCY_SESSION_TAG = 'agency_id';

export interface AgencyPollerRoleProps {
  readonly envName: string;
  readonly provinceCode: string;
  /** Who may assume the role; the deployment account's principals by default (see the trust conditions). */
  readonly trusted?: IPrincipal;
}

/**
 * One role per province for agency systems that poll their SQS inbox directly (attribute-based
 * access control). The caller assumes it with the session tag `agency_id`, which must equal its
 * own principal tag `agency_id` (an agency's IAM user, or a federated session whose identity
 * provider sets the tag), and may then receive from, delete on and extend only the queue tagged
 * with that agency id in this province. Dead-letter queues carry no such tag and do not match
 * the name pattern.
 */
export class AgencyPollerRole extends Construct {
  readonly role: Role;

  constructor(scope: Construct, id: string, props: AgencyPollerRoleProps) {
    super(scope, id);
    const sameAgency = {
      StringEquals: {
        [`aws:RequestTag/${AGENCY_SESSION_TAG}`]: `\${aws:PrincipalTag/${AGENCY_SESSION_TAG}}`,
      },
    };
    this.role = new Role(this, 'Role', {
      assumedBy: new SessionTagsPrincipal(props.trusted ?? new AccountRootPrincipal()).withConditions(
        sameAgency,
      ),
      description: `Agency systems of province ${props.provinceCode} poll their own OSS inbox (session tag ${AGENCY_SESSION_TAG})`,
    });
    const stack = Stack.of(this);
    this.role.addToPolicy(
      new PolicyStatement({
        actions: [
          'sqs:ReceiveMessage',
          'sqs:DeleteMessage',
          'sqs:ChangeMessageVisibility',
          'sqs:GetQueueAttributes',
          'sqs:GetQueueUrl',
        ],
        resources: [stack.formatArn({ service: 'sqs', resource: agencyQueueName(props.envName, '*') })],
        conditions: {
          StringEquals: {
            [`aws:ResourceTag/${AGENCY_TAG}`]: `\${aws:PrincipalTag/${AGENCY_SESSION_TAG}}`,
            [`aws:ResourceTag/${PROVINCE_TAG}`]: props.provinceCode,
          },
        },
      }),
    );
  }
}
