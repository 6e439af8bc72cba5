import { Stack, type StackProps } from 'aws-cdk-lib';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { WebsiteFirewall } from '../constructs/website-firewall.ts';

/**
 * What CloudFront needs from us-east-1, whatever region OSS runs in: the web ACL of the
 * distribution (CLOUDFRONT scope) and the Lambda@Edge function that turns the site bucket's
 * "no such object" into the site's 404 page.
 */
export class EdgeStack extends Stack {
  readonly webAclArn: string;
  readonly notFound: LambdaFunction;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.webAclArn = new WebsiteFirewall(this, 'Firewall').webAcl.attrArn;
    // Custom error responses would apply to the whole distribution, API errors included: so the
    // site's origin alone maps a missing page (S3 says 403 through origin access control) to 404.
    this.notFound = new LambdaFunction(this, 'NotFound', {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      memorySize: 128,
      description: 'Site origin response: a missing page becomes the bilingual 404 page',
      code: Code.fromInline(NOT_FOUND_SOURCE),
    });
  }
}

/** The origin-response handler (plain JS: Lambda@Edge takes no environment or layers). */
const NOT_FOUND_SOURCE = `
const page = (en) => '<!doctype html><html lang="' + (en ? 'en' : 'th') + '"><head><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1"><title>' +
  (en ? 'Page not found' : 'ไม่พบหน้านี้') + '</title><link rel="icon" href="data:,"></head><body><main>' +
  '<h1>' + (en ? 'Page not found' : 'ไม่พบหน้านี้') + '</h1><p>' +
  (en ? 'Check the address, or go to the start page to find a service.' : 'ตรวจสอบที่อยู่เว็บอีกครั้ง หรือกลับไปที่หน้าแรกเพื่อค้นหาบริการ') +
  '</p><p><a href="' + (en ? '/en/' : '/') + '">' + (en ? 'Go to the start page' : 'กลับหน้าแรก') + '</a></p></main></body></html>';
exports.handler = async (event) => {
  const { request, response } = event.Records[0].cf;
  if (response.status !== '403' && response.status !== '404') return response;
  return {
    status: '404',
    statusDescription: 'Not Found',
    headers: {
      'content-type': [{ key: 'Content-Type', value: 'text/html; charset=utf-8' }],
      'cache-control': [{ key: 'Cache-Control', value: 'no-cache' }],
    },
    body: page(request.uri.startsWith('/en/')),
  };
};
`;
