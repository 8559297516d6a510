// Cleanup that runs once, in reverse order, whether the demo ends normally, fails or is interrupted.
const tasks = [];
let running;
let signalExitCode;

/** 128 + the signal number once the demo was interrupted, else undefined. */
export const interruptedExitCode = () => signalExitCode;

export function onCleanup(task) {
  tasks.push(task);
}

export function cleanup() {
  running ??= (async () => {
    while (tasks.length > 0) {
      const task = tasks.pop();
      try {
        await task();
      } catch (err) {
        process.stderr.write(`demo cleanup: ${err.message}\n`);
      }
    }
  })();
  return running;
}

/** On Ctrl-C (or a kill), clean up and exit with the usual 128 + signal number. */
export function cleanUpOnSignals() {
  for (const [signal, number] of [
    ['SIGINT', 2],
    ['SIGTERM', 15],
    ['SIGHUP', 1],
  ]) {
    process.once(signal, () => {
      signalExitCode = 128 + number;
      process.stderr.write(`\ndemo interrupted (${signal}): stopping the registry and removing the temp dir\n`);
      void cleanup().finally(() => process.exit(signalExitCode));
    });
  }
}
