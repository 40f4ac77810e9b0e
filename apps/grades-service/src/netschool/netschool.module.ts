import { Module } from '@nestjs/common';
import { MarksModule } from '../marks/marks.module';
import { NetSchoolController } from './netschool.controller';
import { NetSchoolImportService } from './netschool-import.service';

@Module({
  imports: [MarksModule],
  controllers: [NetSchoolController],
  providers: [NetSchoolImportService],
})
export class NetSchoolModule {}
