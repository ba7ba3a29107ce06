import type { CommandModule } from 'yargs';

/**
 * Every command of the CLI. Each module declares its flags here, cheaply, and imports the
 * library code it wraps only inside its handler, so that `--help` starts fast.
 */
export const commands: CommandModule<any, any>[] = [];

import { walletCommand } from './wallet.js';
commands.push(walletCommand);

import { issueSecretCommand } from './issue-secret.js';
import { obtainSecretCommand } from './obtain-secret.js';
commands.push(issueSecretCommand, obtainSecretCommand);

import { sessionToolCommands } from './session.js';
commands.push(...sessionToolCommands);

import { inspectCommand } from './inspect.js';
import { revokeCommand } from './revoke.js';
commands.push(inspectCommand, revokeCommand);

import { generatePresignedUrlCommand } from './presign.js';
commands.push(generatePresignedUrlCommand);

import { bearerCommand } from './bearer.js';
commands.push(bearerCommand);
import { resetBucketAclCommand } from './reset-bucket-acl.js';
commands.push(resetBucketAclCommand);
