import { isMainThread } from 'worker_threads';
import { run } from './main';
// Worker threads of a scan load this same bundle (threads.ts starts their loop); only the main thread runs the command.
import './threads';

if (isMainThread) {
  // A reader that stops early (`| head`) closes the pipe: that ends the command quietly, not with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
