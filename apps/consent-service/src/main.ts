import { startService } from '@ediary/bootstrap';
import { AppModule } from './app.module';
import { loadConsentConfig } from './consent.config';

void startService(() => loadConsentConfig(), (config) => AppModule.register(config));
