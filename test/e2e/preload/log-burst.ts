// Run by a test in a terminal: a burst of log lines through the bot's logger, then an exit at
// once, as a shutdown or a crash does.
import { createLogger } from '../../../src/log.ts';

const logger = createLogger('info');
for (let n = 0; n < 5000; n++) logger.info({ n }, 'burst');
process.exit(0);
