import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { KurStack, type KurStackProps } from '../../infra/stack.ts';

export interface SynthesizedStack {
  app: App;
  stack: KurStack;
  template: Template;
  /** What synthesis threw (a cdk-nag finding fails it), kept so that a test can say which. */
  synthError: unknown;
}

/**
 * KurStack synthesized as the infra tests read it: stage `test` in eu-north-1 unless `settings`
 * say otherwise, cdk-nag's AwsSolutions rules (and Serverless with `serverlessChecks`) applied.
 * Bundling is skipped (`aws:cdk:bundling-stacks`): nothing that reads the template reads the
 * functions' code, and esbuilding every function would only make the tests slow.
 */
export const synthesizedStack = (
  settings: Partial<KurStackProps> = {},
  { serverlessChecks = false }: { serverlessChecks?: boolean } = {},
): SynthesizedStack => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new KurStack(app, 'KurStack', {
    env: { region: 'eu-north-1' },
    stage: 'test',
    senderEmail: 'kur@example.se',
    formCallbackUrls: ['https://kur.example.se/'],
    ...settings,
  });
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app),
    ...(serverlessChecks ? [new ServerlessChecks(app)] : []),
  );
  let synthError: unknown;
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
  return { app, stack, template: Template.fromStack(stack), synthError };
};
