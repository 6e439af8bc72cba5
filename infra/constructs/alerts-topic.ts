import { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AlertsKey } from './keys.ts';

/**
 * Where every OSS alarm goes: encrypted with a customer-managed key that CloudWatch may use
 * (alarms cannot publish to a topic under `alias/aws/sns`), TLS-only. Operators subscribe to
 * it (email, chat, pager).
 */
export class AlertsTopic extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', {
      displayName: 'OSS operational alarms',
      enforceSSL: true,
      masterKey: new AlertsKey(this, 'Key').key,
    });
  }
}
