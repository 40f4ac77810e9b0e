import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConsentOutbox } from './consent-outbox.service';
import { ConsentController } from './consent.controller';
import { ConsentRepository } from './consent.repository';
import { ConsentService } from './consent.service';
import { ConsentRegistrationDocument, ConsentRegistrationSchema } from './consent-registration.schema';

@Module({
  imports: [MongooseModule.forFeature([{ name: ConsentRegistrationDocument.name, schema: ConsentRegistrationSchema }])],
  controllers: [ConsentController],
  providers: [ConsentRepository, ConsentOutbox, ConsentService],
})
export class ConsentModule {}
