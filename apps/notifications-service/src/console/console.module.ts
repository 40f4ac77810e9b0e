import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Notification, NotificationSchema } from '../dispatch/notification.schema';
import type { NotificationsConfig } from '../notifications.config';
import { PaperModule } from '../paper/paper.module';
import { BullBoardService } from './bull-board.service';
import { CONSOLE_CONFIG, type ConsoleConfig } from './console.config';
import { ConsoleController } from './console.controller';
import { ConsoleAuthRepository } from './console-auth.repository';
import {
  ConsoleSession,
  ConsoleSessionSchema,
  OperatorAccount,
  OperatorAccountSchema,
  SignInFailures,
  SignInFailuresSchema,
} from './console-auth.schema';
import { ConsoleAuthService } from './console-auth.service';
import { ConsoleDeliveryRepository } from './console-delivery.repository';
import { ConsolePaperController } from './console-paper.controller';
import { ConsoleSessionGuard } from './console-session.guard';
import { ConsoleSignInController } from './console-sign-in.controller';
import { ConsoleService } from './console.service';
import { NotificationsDataModule } from './notifications-data.module';
import { PasswordService } from './password.service';

/** The operator console under /console, with its own sign-in, and Bull Board at /console/queues. */
@Module({})
export class ConsoleModule {
  static register(config: NotificationsConfig, consoleConfig: ConsoleConfig): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [
        NotificationsDataModule.register(config),
        PaperModule.register(config),
        MongooseModule.forFeature([
          { name: Notification.name, schema: NotificationSchema },
          { name: OperatorAccount.name, schema: OperatorAccountSchema },
          { name: ConsoleSession.name, schema: ConsoleSessionSchema },
          { name: SignInFailures.name, schema: SignInFailuresSchema },
        ]),
      ],
      controllers: [ConsoleSignInController, ConsoleController, ConsolePaperController],
      providers: [
        { provide: CONSOLE_CONFIG, useValue: consoleConfig },
        PasswordService,
        ConsoleAuthRepository,
        ConsoleAuthService,
        ConsoleSessionGuard,
        ConsoleDeliveryRepository,
        ConsoleService,
        BullBoardService,
      ],
    };
  }
}
