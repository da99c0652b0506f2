// Loaded into the bot's process by a test: SIGUSR2 makes it throw an exception nobody catches,
// as a bug in a library callback would.
process.on('SIGUSR2', () => {
  setImmediate(() => {
    throw new Error('a bug nobody caught');
  });
});
