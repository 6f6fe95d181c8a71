import { Field, ID, InputType } from '@nestjs/graphql';
import { z } from 'zod';
import { AdminRole } from '../../graphql/enums.js';
import { fields } from '../../graphql/parse-input.js';

export const createAdminPrincipalSchema = z
  .object({
    name: fields.name,
    email: z.email('must be an e-mail address').optional(),
    role: z.enum(['PLATFORM_ADMIN', 'TENANT_ADMIN', 'FINANCE']),
    tenantId: fields.id.optional(),
  })
  .superRefine((value, context) => {
    if (value.role === 'PLATFORM_ADMIN' && value.tenantId) {
      context.addIssue({
        code: 'custom',
        path: ['tenantId'],
        message: 'must be empty for a PLATFORM_ADMIN (they see every tenant)',
      });
    }
    if (value.role === 'TENANT_ADMIN' && !value.tenantId) {
      context.addIssue({
        code: 'custom',
        path: ['tenantId'],
        message: 'is required for a TENANT_ADMIN',
      });
    }
  });

export const createAdminTokenSchema = z.object({
  principalId: fields.id,
  expiresAt: fields.futureDate.optional(),
});

@InputType({ description: 'A new admin principal.' })
export class CreateAdminPrincipalInput {
  @Field({ description: 'Display name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Contact e-mail.' })
  email?: string | null;

  @Field(() => AdminRole, { description: 'Role.' })
  role!: keyof typeof AdminRole;

  @Field(() => ID, {
    nullable: true,
    description:
      'Tenant (required for TENANT_ADMIN; optional for FINANCE; empty for PLATFORM_ADMIN).',
  })
  tenantId?: string | null;
}

@InputType({ description: 'A new token for a principal.' })
export class CreateAdminTokenInput {
  @Field(() => ID, { description: 'Principal the token signs in as.' })
  principalId!: string;

  @Field(() => Date, {
    nullable: true,
    description: 'Expiry (must be in the future); omit for none.',
  })
  expiresAt?: Date | null;
}
