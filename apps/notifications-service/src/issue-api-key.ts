import { issueApiKeyMain } from '@ediary/http-api';
import { loadNotificationsConfig } from './notifications.config';

// Usage: npm run api-key:notifications -- --role operator --client "Оператор школы № 17"
issueApiKeyMain(() => loadNotificationsConfig().mongo);
