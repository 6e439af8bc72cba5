import { Aws, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { IVersion } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { WebSite } from '../constructs/web-site.ts';

export interface SiteStackProps extends StackProps {
  readonly api: RestApi;
  /** The documents bucket's regional domain: pages upload documents straight to it. */
  readonly documentsDomain: string;
  readonly officerClientId: string;
  readonly webAclArn: string;
  readonly notFound: IVersion;
}

/** The web front door: the site's bucket and the distribution serving it with the API. */
export class SiteStack extends Stack {
  readonly site: WebSite;

  constructor(scope: Construct, id: string, props: SiteStackProps) {
    super(scope, id, props);
    this.site = new WebSite(this, 'Web', {
      api: props.api,
      connectSrc: [`https://${props.documentsDomain}`, `https://cognito-idp.${Aws.REGION}.amazonaws.com`],
      officerSignIn: { region: Aws.REGION, clientId: props.officerClientId },
      webAclArn: props.webAclArn,
      notFound: props.notFound,
    });
    new CfnOutput(this, 'SiteUrl', { value: `https://${this.site.distribution.distributionDomainName}/` });
  }
}
