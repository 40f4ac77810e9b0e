import { issueApiKeyMain } from '@ediary/http-api';
import { loadContactsConfig } from './contacts.config';

// Usage: npm run api-key:contacts -- --role operator --client "Канцелярия школы № 17"
issueApiKeyMain(() => loadContactsConfig().mongo);
