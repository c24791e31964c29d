import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { KurStack, type KurStackSettings } from './stack.ts';

/**
 * Stack settings from CDK context (`-c key=value` or cdk.json), with defaults that let a bare
 * `cdk synth` run:
 * - `senderEmail`: the SES identity e-mails are sent from (default `kur@example.se`);
 * - `formCallbackUrls`: extra URLs of the form for the sign-in redirect (comma-separated or a list);
 * - `authDomainPrefix`: the hosted UI domain prefix (default `kur-grants-<account id>`).
 */
const settingsFromContext = (app: App): KurStackSettings => {
  const senderEmail: string = app.node.tryGetContext('senderEmail') ?? 'kur@example.se';
  const urls: unknown = app.node.tryGetContext('formCallbackUrls');
  const list = Array.isArray(urls) ? urls : typeof urls === 'string' ? urls.split(',') : [];
  const formCallbackUrls = list.map((url) => String(url).trim()).filter((url) => url.length > 0);
  const authDomainPrefix: string | undefined = app.node.tryGetContext('authDomainPrefix');
  return { senderEmail, formCallbackUrls, ...(authDomainPrefix ? { authDomainPrefix } : {}) };
};

const app = new App();
new KurStack(app, 'KurStack', {
  env: {
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION ?? 'eu-north-1',
  },
  ...settingsFromContext(app),
});
Tags.of(app).add('project', 'kur-grants');
// cdk-nag 3 runs as a policy-validation plugin: any unacknowledged finding fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
