import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolGroup,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolEmail,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface AgencyUserPoolProps {
  /**
   * Mail (invitations, password resets) through SES from a verified identity in the same region.
   * Without it Cognito's own mailer is used, capped at 50 mails a day: not enough to onboard a
   * country's officers.
   */
  readonly email?: { readonly fromEmail: string; readonly fromName: string; readonly replyTo?: string };
}

/**
 * Agency staff sign-in. Administrators create the accounts (no self sign-up) and set each
 * officer's immutable `custom:agency_id`, which the API authorizer passes to the functions.
 * Protected from deletion and retained: it holds every officer's account and MFA enrolment.
 */
export class AgencyUserPool extends Construct {
  readonly userPool: UserPool;
  /** The officers' app client: SRP sign-in only, no OAuth implicit flow, no placeholder callbacks. */
  readonly officerClient: UserPoolClient;

  constructor(scope: Construct, id: string, props: AgencyUserPoolProps = {}) {
    super(scope, id);
    this.userPool = new UserPool(this, 'Pool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      customAttributes: { agency_id: new StringAttribute({ minLen: 3, maxLen: 64, mutable: false }) },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      ...(props.email && {
        email: UserPoolEmail.withSES({
          fromEmail: props.email.fromEmail,
          fromName: props.email.fromName,
          ...(props.email.replyTo && { replyTo: props.email.replyTo }),
        }),
      }),
    });
    // Counter staff: officers who may file for walk-in citizens (POST /v1/counter/requests).
    new CfnUserPoolGroup(this, 'CounterGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: 'counter',
      description: 'Counter staff who file requests for walk-in citizens',
    });
    this.officerClient = this.userPool.addClient('OfficerClient', {
      // userPassword: the web console signs in with USER_PASSWORD_AUTH straight to Cognito over TLS.
      authFlows: { userSrp: true, userPassword: true },
      generateSecret: false,
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      // A working day: officers sign in again each morning.
      refreshTokenValidity: Duration.hours(12),
      authSessionValidity: Duration.minutes(5),
    });
  }
}
