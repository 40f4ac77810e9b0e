import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { GuardianRevisionDocument, GuardianRevisionSchema } from './guardian-revision.schema';
import { GuardiansOutbox } from './guardians-outbox.service';
import { GuardiansController } from './guardians.controller';
import { GuardiansRepository } from './guardians.repository';
import { GuardiansService } from './guardians.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: GuardianRevisionDocument.name, schema: GuardianRevisionSchema }])],
  controllers: [GuardiansController],
  providers: [GuardiansRepository, GuardiansOutbox, GuardiansService],
})
export class GuardiansModule {}
