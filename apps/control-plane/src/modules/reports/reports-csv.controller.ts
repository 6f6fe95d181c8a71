import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, ForbiddenError } from '../../graphql/api-errors.js';
import { anyRole } from '../auth/allow.decorator.js';
import { AuthService } from '../auth/auth.service.js';
import { parseCsvQuery } from './parse-csv-query.js';
import { ReportsService } from './reports.service.js';

/**
 * GET /reports/usage.csv — the usage report as RFC 4180 CSV, for spreadsheets and finance
 * scripts. Same bearer admin tokens, roles and tenant scoping as the GraphQL `usageReport`;
 * query parameters mirror its arguments: from, to (ISO 8601), timeZone, groupBy
 * (comma-separated UsageDimension values), tenantId, apiKeyId, model, provider, tag.
 * Errors come back as JSON `{ error: { code, message, field?, issues? } }` with the HTTP status.
 */
@Controller('reports')
export class ReportsCsvController {
  constructor(
    private readonly auth: AuthService,
    private readonly reports: ReportsService,
  ) {}

  @Get('usage.csv')
  async usageCsv(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    try {
      const actor = await this.auth.authenticate(request.headers.authorization);
      // The GraphQL guard does not cover HTTP routes; the same role rule is checked here.
      if (!anyRole.includes(actor.role))
        throw new ForbiddenError(`${actor.role} principals cannot read reports.`);
      const { period, groupBy, filter } = parseCsvQuery(request.query as Record<string, unknown>);
      const csv = await this.reports.usageCsv(actor, period, groupBy, filter);
      await reply
        .status(200)
        .header('content-type', 'text/csv; charset=utf-8; header=present')
        .header('content-disposition', 'attachment; filename="usage-report.csv"')
        .header('cache-control', 'no-store')
        .send(csv);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 401) reply.header('www-authenticate', 'Bearer');
      await reply.status(error.status).send({
        error: { ...error.details, code: error.graphqlCode, message: error.message },
      });
    }
  }
}
