import { Injectable, Logger } from '@nestjs/common';
import { ValidationFailedError } from '@ediary/http-api';
import { MarksService, type MarkResult } from '../marks/marks.service';
import { mapNetSchoolDiary } from './netschool-diary.mapper';
import type { NetSchoolImportRequest } from './netschool-import.dto';

export interface NetSchoolImportResult {
  results: MarkResult[];
  summary: { recorded: number; corrected: number; unchanged: number; withoutMark: number };
}

/**
 * Imports the marks of a NetSchool diary. The whole diary is checked first, so a diary
 * with any problem stores nothing. Its marks then go through the same storage as marks
 * sent to POST /v1/marks, and a changed mark is stored as a correction.
 */
@Injectable()
export class NetSchoolImportService {
  private readonly logger = new Logger(NetSchoolImportService.name);

  constructor(private readonly marks: MarksService) {}

  async importDiary(request: NetSchoolImportRequest, correlationId: string): Promise<NetSchoolImportResult> {
    const mapped = mapNetSchoolDiary(request);
    if (mapped.problems.length > 0) {
      this.logger.warn({ correlationId, schoolId: request.schoolId, classId: request.classId, problems: mapped.problems.length }, 'NetSchool diary rejected');
      throw new ValidationFailedError(mapped.problems);
    }
    const results = mapped.marks.length > 0 ? await this.marks.synchronize(mapped.marks, correlationId) : [];
    const count = (status: MarkResult['status']) => results.filter((result) => result.status === status).length;
    const summary = {
      recorded: count('recorded'),
      corrected: count('corrected'),
      unchanged: count('unchanged'),
      withoutMark: mapped.withoutMark,
    };
    this.logger.log({ correlationId, schoolId: request.schoolId, classId: request.classId, ...summary }, 'NetSchool diary imported');
    return { results, summary };
  }
}
