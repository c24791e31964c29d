import { App, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { readSettings } from './settings.ts';
import { KurStack } from './stack.ts';

const app = new App();
// Checked before anything is built: the region (EU only, never the CLI's us-east-1 fallback),
// the sender address and its domain, the stage and the identity provider (infra/settings.ts).
const { stage, region, ...settings } = readSettings((key) => app.node.tryGetContext(key));
new KurStack(app, `Kur-${stage}`, {
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region },
  stage,
  ...settings,
});
Tags.of(app).add('project', 'kur-grants');
Tags.of(app).add('stage', stage);
// cdk-nag 3 runs as policy-validation plugins: any unacknowledged finding of either pack fails the synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
