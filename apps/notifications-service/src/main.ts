import { startService } from '@ediary/bootstrap';
import { AppModule } from './app.module';
import { loadNotificationsConfig } from './notifications.config';

void startService(() => loadNotificationsConfig(), (config) => AppModule.register(config));
