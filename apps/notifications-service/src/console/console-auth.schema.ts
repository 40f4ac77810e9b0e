import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** An operator who may sign in to the console; created by create-operator.ts. */
@Schema({ collection: 'operator_accounts', timestamps: true })
export class OperatorAccount {
  @Prop({ required: true })
  login!: string;

  /** bcrypt hash, cost 12 or more. */
  @Prop({ required: true })
  passwordHash!: string;
}

export const OperatorAccountSchema = SchemaFactory.createForClass(OperatorAccount);
// Serves the sign-in lookup by login; stops two accounts with one login.
OperatorAccountSchema.index({ login: 1 }, { unique: true });

/**
 * A signed-in console session. The cookie contains a random 32-byte id and only its SHA-256
 * is stored, so a copy of the database does not let anyone take a session over.
 */
@Schema({ collection: 'console_sessions', timestamps: true })
export class ConsoleSession {
  @Prop({ required: true })
  sessionIdHash!: string;

  @Prop({ required: true })
  login!: string;

  /** Synchronizer token that every POST of this session must carry. */
  @Prop({ required: true })
  csrfToken!: string;

  @Prop({ required: true })
  expiresAt!: Date;
}

export const ConsoleSessionSchema = SchemaFactory.createForClass(ConsoleSession);
// Serves the session lookup of every console request; stops two sessions with one id.
ConsoleSessionSchema.index({ sessionIdHash: 1 }, { unique: true });
// Serves the removal of expired sessions at sign-in (FerretDB 1.24 has no TTL indexes).
ConsoleSessionSchema.index({ expiresAt: 1 });

/** Failed sign-in attempts of one login, known or not, for the lockout. */
@Schema({ collection: 'console_sign_in_failures', timestamps: true })
export class SignInFailures {
  @Prop({ required: true })
  login!: string;

  /** Failures since the last successful sign-in or the last lockout. */
  @Prop({ required: true, default: 0 })
  failures!: number;

  @Prop({ type: Date, default: null })
  lockedUntil!: Date | null;
}

export const SignInFailuresSchema = SchemaFactory.createForClass(SignInFailures);
// Serves the lockout check of each sign-in; stops two counters for one login.
SignInFailuresSchema.index({ login: 1 }, { unique: true });
