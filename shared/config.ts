import * as z from 'zod';

/**
 * Runtime configuration, read once from the environment and validated at module load so that a
 * misconfigured function fails at init, not halfway through a request.
 * Deployed, CDK sets these; locally, the local stack sets them before it loads any handler.
 */
const ConfigSchema = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).default('eu-north-1'),
  /** Set only locally (DynamoDB Local). */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** Set only locally (the SES emulator). */
  SES_ENDPOINT: z.url().optional(),
  MAIL_FROM: z.string().min(3).default('kur@example.se'),
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** Where the form lives; e-mails link to it. */
  FORM_URL: z.url().default('http://localhost:3000/'),
  /** The form's sign-in, deployed: the Cognito hosted UI and the form's app client. Locally absent. */
  COGNITO_DOMAIN_URL: z.url().optional(),
  COGNITO_CLIENT_ID: z.string().min(1).optional(),
});

export type Config = z.infer<typeof ConfigSchema>;

export const config: Config = ConfigSchema.parse(process.env);
