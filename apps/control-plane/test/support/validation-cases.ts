import type { ValidationCase } from './validation-case.js';
import { routingAndAdminValidationCases } from './validation-cases-routing-and-admin.js';
import { setupValidationCases } from './validation-cases-setup.js';

export type { ValidationCase } from './validation-case.js';

/** Bad input for every mutation, with the error each must produce. */
export const validationCases: ValidationCase[] = [
  ...setupValidationCases,
  ...routingAndAdminValidationCases,
];
