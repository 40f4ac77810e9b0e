import { startService } from '@ediary/bootstrap';
import { AppModule } from './app.module';
import { loadContactsConfig } from './contacts.config';

void startService(() => loadContactsConfig(), (config) => AppModule.register(config));
