import { isMainThread } from 'worker_threads';
import { run } from './main';
// Worker threads of a scan load this same bundle (threads.ts starts their loop); only the main thread runs the command.
import './threads';

if (isMainThread) {
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
