import { formatReports } from './report-format';

describe('formatReports', () => {
  it('formats an infra:up report', () => {
    const lines = formatReports([
      { name: 'kafka', address: '127.0.0.1:9092', state: 'running', started: true },
      { name: 'redis', address: '127.0.0.1:6379', state: 'running', started: false },
    ]);

    expect(lines).toEqual([
      'kafka  127.0.0.1:9092    running  (started)',
      'redis  127.0.0.1:6379    running  (already running)',
    ]);
  });

  it('formats an infra:down report', () => {
    const lines = formatReports([
      { name: 'kafka', address: '127.0.0.1:9092', state: 'stopped' },
      { name: 'redis', address: '127.0.0.1:6379', state: 'external', note: 'not started by infra:up; left running' },
    ]);

    expect(lines).toEqual([
      'kafka  127.0.0.1:9092    stopped',
      'redis  127.0.0.1:6379    external  (not started by infra:up; left running)',
    ]);
  });

  it('formats a failed infra:up report', () => {
    const lines = formatReports([
      { name: 'kafka', address: '127.0.0.1:9092', state: 'running', started: true },
      { name: 'ferretdb', address: '127.0.0.1:27017', state: 'stopped', note: 'failed to start' },
      { name: 'redis', address: '127.0.0.1:6379', state: 'stopped', note: 'not started: infra:up stopped at ferretdb' },
    ]);

    expect(lines).toEqual([
      'kafka     127.0.0.1:9092    running  (started)',
      'ferretdb  127.0.0.1:27017   stopped  (failed to start)',
      'redis     127.0.0.1:6379    stopped  (not started: infra:up stopped at ferretdb)',
    ]);
  });
});
