import { issueApiKeyMain } from '@ediary/http-api';
import { loadGradesConfig } from './grades.config';

// Usage: npm run api-key:grades -- --role journal --client "Электронный журнал"
issueApiKeyMain(() => loadGradesConfig().mongo);
