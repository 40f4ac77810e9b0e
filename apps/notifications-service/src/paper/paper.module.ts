import { DynamicModule, Module } from '@nestjs/common';
import { NotificationsDataModule } from '../console/notifications-data.module';
import type { NotificationsConfig } from '../notifications.config';
import { ExtractPdfService } from './extract-pdf.service';
import { PaperExtractService } from './paper-extract.service';

/** Paper extracts as PDF and their hand-over; the console serves them under /console/paper. */
@Module({})
export class PaperModule {
  static register(config: NotificationsConfig): DynamicModule {
    return {
      module: PaperModule,
      imports: [NotificationsDataModule.register(config)],
      providers: [ExtractPdfService, PaperExtractService],
      exports: [ExtractPdfService, PaperExtractService],
    };
  }
}
