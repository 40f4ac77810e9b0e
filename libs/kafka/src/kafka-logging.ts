import { Logger } from '@nestjs/common';
import { logLevel, type logCreator } from 'kafkajs';

/** Routes kafkajs's own log lines through the service's logger, as JSON with the rest. */
export const nestLogCreator: logCreator = () => {
  const logger = new Logger('kafkajs');
  return ({ level, log }) => {
    const { message, ...details } = log;
    switch (level) {
      case logLevel.ERROR:
      case logLevel.NOTHING:
        logger.error(details, message);
        break;
      case logLevel.WARN:
        logger.warn(details, message);
        break;
      case logLevel.INFO:
        logger.log(details, message);
        break;
      default:
        logger.debug(details, message);
    }
  };
};
