import { startService } from '@ediary/bootstrap';
import { AppModule } from './app.module';
import { loadGradesConfig } from './grades.config';

void startService(() => loadGradesConfig(), (config) => AppModule.register(config));
