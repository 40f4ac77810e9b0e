import { issueApiKeyMain } from '@ediary/http-api';
import { loadConsentConfig } from './consent.config';

// Usage: npm run api-key:consent -- --role operator --client "Канцелярия школы № 17"
issueApiKeyMain(() => loadConsentConfig().mongo);
